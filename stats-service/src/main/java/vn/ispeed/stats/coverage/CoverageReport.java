package vn.ispeed.stats.coverage;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/**
 * Which units of a set lack enough samples for a network and period, per level, with the sentence a
 * department reads.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CoverageReport(
        String boundarySet,
        String network,
        String period,
        String province,
        List<Level> levels,
        String sentence,
        String sentenceEn) {

    /**
     * @param cannotReceiveTests of the insufficient units, those no test can be located to with today's boundary data
     *                           (vn-2024 communes: no polygons, and no ward of the mapping leads to them); null when none
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Level(String level, int units, int insufficient, int published, Integer cannotReceiveTests,
                        List<Gap> insufficientUnits) {
    }

    /**
     * An insufficient unit; counts and needs only for a viewer with full detail of its province.
     *
     * @param cannotReceiveTests true when no test can be located to the unit with today's boundary data (more tests
     *                           from its area would not help); absent otherwise
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Gap(String code, String name, String provinceCode, Long tests, Long devices, Long needTests, Long needDevices,
                      Boolean cannotReceiveTests) {
    }
}

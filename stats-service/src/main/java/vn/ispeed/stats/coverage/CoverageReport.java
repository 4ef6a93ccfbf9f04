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

    public record Level(String level, int units, int insufficient, int published, List<Gap> insufficientUnits) {
    }

    /** An insufficient unit; counts and needs only for a viewer with full detail of its province. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Gap(String code, String name, String provinceCode, Long tests, Long devices, Long needTests, Long needDevices) {
    }
}

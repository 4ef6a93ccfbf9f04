package vn.ispeed.stats.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import vn.ispeed.events.CoverageStatus;
import vn.ispeed.stats.catalogue.Unit;
import vn.ispeed.stats.cell.Figures;
import vn.ispeed.stats.cell.Stat;
import vn.ispeed.stats.publication.Publication;
import vn.ispeed.stats.security.Viewer;

/**
 * A cell as one viewer may see it. Published: figures for everyone. Insufficient: the status
 * only, plus counts and needs for a viewer with full detail of the unit's province.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CellView(
        String boundarySet,
        String unitCode,
        String unitName,
        String level,
        String provinceCode,
        String network,
        String operator,
        String period,
        CoverageStatus status,
        String detail,
        Long tests,
        Long devices,
        Stat downloadKbps,
        Stat uploadKbps,
        Stat latencyMs,
        Double jitterMedianMs,
        Double lossMedianPct,
        Needs needs) {

    public record Needs(long tests, long devices) {
    }

    public static CellView of(Unit unit, String network, String operator, String period, Figures f, Publication p, Viewer viewer) {
        boolean full = viewer.fullDetail(unit.provinceCode());
        String detail = full ? "full" : "public";
        if (p.published()) {
            return new CellView(unit.boundarySet(), unit.code(), unit.name(), unit.level(), unit.provinceCode(), network, operator,
                    period, p.status(), detail, f.tests(), f.devices(), f.download(), f.upload(), f.latency(),
                    f.jitterMedian(), f.lossMedian(), null);
        }
        if (full) {
            return new CellView(unit.boundarySet(), unit.code(), unit.name(), unit.level(), unit.provinceCode(), network, operator,
                    period, p.status(), detail, f.tests(), f.devices(), null, null, null, null, null,
                    new Needs(p.needTests(), p.needDevices()));
        }
        return new CellView(unit.boundarySet(), unit.code(), unit.name(), unit.level(), unit.provinceCode(), network, operator,
                period, p.status(), detail, null, null, null, null, null, null, null, null);
    }
}

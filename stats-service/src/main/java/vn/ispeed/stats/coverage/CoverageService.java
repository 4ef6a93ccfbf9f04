package vn.ispeed.stats.coverage;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import vn.ispeed.events.NetworkType;
import vn.ispeed.stats.api.ApiProblem;
import vn.ispeed.stats.api.RequestParams;
import vn.ispeed.stats.catalogue.Unit;
import vn.ispeed.stats.catalogue.UnitCatalogue;
import vn.ispeed.stats.cell.CellReader;
import vn.ispeed.stats.cell.Figures;
import vn.ispeed.stats.config.StatsConfig;
import vn.ispeed.stats.period.Period;
import vn.ispeed.stats.projection.ProjectionVersion;
import vn.ispeed.stats.publication.Publication;
import vn.ispeed.stats.publication.PublicationRule;
import vn.ispeed.stats.security.Viewer;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The coverage report. Units come from the catalogue (a unit with zero tests is insufficient);
 * figures from the cells of every level for the period, read once per projection version and
 * cached, so repeated reports between two batches cost only the evaluation.
 */
@ApplicationScoped
public class CoverageService {
    private static final int MAX_CACHED = 64;

    private final UnitCatalogue catalogue;
    private final CellReader reader;
    private final PublicationRule rule;
    private final ProjectionVersion version;
    private final ZoneId zone;
    private final boolean cacheEnabled;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    private record Cached(long version, Uni<Map<String, Figures>> figures) {
    }

    public CoverageService(UnitCatalogue catalogue, CellReader reader, PublicationRule rule, ProjectionVersion version,
            StatsConfig config) {
        this.catalogue = catalogue;
        this.reader = reader;
        this.rule = rule;
        this.version = version;
        this.zone = ZoneId.of(config.zone());
        this.cacheEnabled = config.coverage().cacheEnabled();
    }

    public Uni<CoverageReport> report(String setName, String networkText, String periodText, String province, Viewer viewer) {
        UnitCatalogue.BoundarySet set = RequestParams.set(catalogue, setName);
        NetworkType network = RequestParams.network(networkText);
        Period period = RequestParams.period(periodText, zone);
        if (province != null && !province.isBlank()) {
            Unit p = set.unit(province).orElse(null);
            if (p == null || !Unit.PROVINCE.equals(p.level())) {
                throw ApiProblem.validation("province", "province must be a province code of set " + set.name());
            }
        } else {
            province = null;
        }
        String prov = province;
        return figures(set, network, period).map(found -> build(set, network, period, prov, found, viewer));
    }

    /** Every stored figure of the set for a network and period, keyed by unit code (cached per projection version). */
    public Uni<Map<String, Figures>> figures(UnitCatalogue.BoundarySet set, NetworkType network, Period period) {
        if (!cacheEnabled) {
            return loadLevels(set, network, period, new ArrayList<>(set.levels()), new HashMap<>());
        }
        String key = set.name() + "|" + network + "|" + period.label() + "|" + period.month();
        long v = version.current();
        Cached c = cache.get(key);
        if (c != null && c.version() == v) {
            return c.figures();
        }
        if (cache.size() > MAX_CACHED) {
            cache.clear();
        }
        Uni<Map<String, Figures>> load = loadLevels(set, network, period, new ArrayList<>(set.levels()), new HashMap<>())
                .onFailure().invoke(() -> cache.remove(key))
                .memoize().indefinitely();
        cache.put(key, new Cached(v, load));
        return load;
    }

    private Uni<Map<String, Figures>> loadLevels(UnitCatalogue.BoundarySet set, NetworkType network, Period period,
            List<String> levels, Map<String, Figures> acc) {
        if (levels.isEmpty()) {
            return Uni.createFrom().item(acc);
        }
        String level = levels.remove(0);
        return reader.figures(set.name(), network, null, period, CellReader.Selection.level(level))
                .flatMap(found -> {
                    acc.putAll(found);
                    return loadLevels(set, network, period, levels, acc);
                });
    }

    private CoverageReport build(UnitCatalogue.BoundarySet set, NetworkType network, Period period, String province,
            Map<String, Figures> found, Viewer viewer) {
        List<CoverageReport.Level> levels = new ArrayList<>();
        for (String level : set.levels()) {
            int units = 0;
            int published = 0;
            int unreachable = 0;
            List<CoverageReport.Gap> gaps = new ArrayList<>();
            for (Unit u : set.atLevel(level)) {
                if (province != null && !province.equals(u.provinceCode())) {
                    continue;
                }
                units++;
                Figures f = found.getOrDefault(u.code(), Figures.none());
                Publication p = rule.evaluate(level, network, f);
                Boolean cannot = set.receivesTests(u.code()) ? null : Boolean.TRUE;
                if (p.published()) {
                    published++;
                    continue;
                }
                if (cannot != null) {
                    unreachable++;
                }
                if (viewer.fullDetail(u.provinceCode())) {
                    gaps.add(new CoverageReport.Gap(u.code(), u.name(), u.provinceCode(), f.tests(), f.devices(),
                            p.needTests(), p.needDevices(), cannot));
                } else {
                    gaps.add(new CoverageReport.Gap(u.code(), u.name(), u.provinceCode(), null, null, null, null, cannot));
                }
            }
            levels.add(new CoverageReport.Level(level, units, gaps.size(), published, unreachable == 0 ? null : unreachable, gaps));
        }
        return new CoverageReport(set.name(), network.name(), period.label(), province, levels,
                CoverageSentence.vietnamese(set.name(), network, levels), CoverageSentence.english(network, levels));
    }
}

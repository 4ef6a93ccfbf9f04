package vn.ispeed.geo.catalogue;

import jakarta.enterprise.context.ApplicationScoped;
import vn.ispeed.geo.api.ProblemException;
import vn.ispeed.geo.boundary.BoundaryRegistry;
import vn.ispeed.geo.boundary.BoundarySet;
import vn.ispeed.geo.boundary.BoundarySetLoader;
import vn.ispeed.geo.boundary.GeoConfig;
import vn.ispeed.geo.boundary.TextKey;
import vn.ispeed.geo.boundary.Unit;
import vn.ispeed.geo.locate.LocateService;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/** The unit catalogue, old -> new successors and boundary GeoJSON of the loaded sets. */
@ApplicationScoped
public class CatalogueService {
    private static final int CACHE_ENTRIES = 128;

    private final BoundaryRegistry registry;
    private final GeoConfig config;
    private final BoundaryLayers layers;
    private final java.util.concurrent.atomic.AtomicLong rendersOnRequest = new java.util.concurrent.atomic.AtomicLong();
    private final Map<String, SuccessorCatalogue> successors = new ConcurrentHashMap<>();
    private final Map<String, BoundaryGeoJson.Rendered> rendered = Collections.synchronizedMap(
            new LinkedHashMap<>(16, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, BoundaryGeoJson.Rendered> eldest) {
                    return size() > CACHE_ENTRIES;
                }
            });

    public CatalogueService(BoundaryRegistry registry, GeoConfig config, BoundaryLayers layers) {
        this.registry = registry;
        this.config = config;
        this.layers = layers;
    }

    public BoundarySet set(String name) {
        return registry.set(name).orElseThrow(() -> LocateService.unknownSet(name));
    }

    public Unit unit(BoundarySet set, String code) {
        return set.unit(code).orElseThrow(() -> ProblemException.notFound("unknown-unit",
                "no unit with code '" + code + "' in " + set.name()));
    }

    public int level(BoundarySet set, String level, int fallback) {
        if (level == null || level.isBlank()) {
            return fallback;
        }
        int index = set.levelIndex(level);
        if (index < 0) {
            throw ProblemException.invalid("level", "must be one of " + set.levels());
        }
        return index;
    }

    /** Units filtered by level, parent and a name query (diacritics and case ignored), ordered by code. */
    public List<Unit> units(BoundarySet set, String level, String parent, String q) {
        int levelIndex = level(set, level, -1);
        Stream<Unit> units;
        if (parent != null && !parent.isBlank()) {
            units = set.children(unit(set, parent).code()).stream();
        } else {
            units = set.units().stream();
        }
        if (levelIndex >= 0) {
            units = units.filter(u -> u.levelIndex() == levelIndex);
        }
        if (q != null && !q.isBlank()) {
            String key = TextKey.of(q);
            units = units.filter(u -> u.searchKey().contains(key));
        }
        return units.sorted(java.util.Comparator.comparingInt(Unit::levelIndex).thenComparing(Unit::code)).toList();
    }

    public record SuccessorsView(String set, String code, String targetSet, List<SuccessorView> successors) {
    }

    public record SuccessorView(String code, String name, String type, String level, String relation) {
    }

    public SuccessorsView successors(BoundarySet set, String code) {
        Unit unit = unit(set, code);
        GeoConfig.Successors mapping = Optional.ofNullable(config.sets().get(set.name()))
                .flatMap(GeoConfig.SetConfig::successors)
                .orElseThrow(() -> ProblemException.notFound("no-successor-mapping",
                        set.name() + " has no old -> new mapping"));
        BoundarySet target = set(mapping.targetSet());
        SuccessorCatalogue catalogue = successors.computeIfAbsent(set.name(), k -> SuccessorCatalogue.read(
                BoundarySetLoader.resolveRoot(config.root()).resolve(mapping.file())));
        List<SuccessorView> views = catalogue.successors(set, unit).stream().map(s -> {
            Optional<Unit> u = target.unit(s.code());
            return new SuccessorView(s.code(), u.map(Unit::name).orElse(null), u.map(Unit::type).orElse(null),
                    u.map(Unit::level).orElse(null), s.relation());
        }).toList();
        return new SuccessorsView(set.name(), unit.code(), target.name(), views);
    }

    /**
     * Simplified GeoJSON of a level (optionally one parent's units), cached per request shape. At the level's default
     * tolerance it is assembled from the layer prepared at start-up ({@link BoundaryLayers}); any other tolerance is
     * rendered on request.
     *
     * @throws BoundaryLayers.Preparing for the default tolerance while that layer is still being prepared
     */
    public BoundaryGeoJson.Rendered boundaries(BoundarySet set, String level, String parent, Double toleranceM) {
        int levelIndex = level(set, level, 0);
        if (!set.hasBoundaries(levelIndex)) {
            throw ProblemException.notFound("no-boundaries",
                    set.name() + " has no polygons for level " + set.levels().get(levelIndex));
        }
        double defaultTolerance = defaultTolerance(set, levelIndex);
        double tolerance = toleranceM != null ? toleranceM : defaultTolerance;
        List<Unit> units;
        String parentCode = null;
        if (parent != null && !parent.isBlank()) {
            Unit p = unit(set, parent);
            if (p.levelIndex() >= levelIndex) {
                throw ProblemException.invalid("parent", "must be a unit above level " + set.levels().get(levelIndex));
            }
            parentCode = p.code();
            units = descendants(set, p, levelIndex);
        } else {
            units = set.units().stream().filter(u -> u.levelIndex() == levelIndex).toList();
        }
        String key = set.name() + "|" + levelIndex + "|" + parentCode + "|" + tolerance;
        BoundaryGeoJson.Rendered cached = rendered.get(key);
        if (cached != null) {
            return cached;
        }
        Optional<Map<String, BoundaryGeoJson.Feature>> prepared = tolerance == defaultTolerance
                ? layers.layer(set, levelIndex) : Optional.empty();
        BoundaryGeoJson.Rendered fresh;
        if (prepared.isPresent()) {
            List<BoundaryGeoJson.Feature> features = units.stream().map(u -> prepared.get().get(u.code()))
                    .filter(java.util.Objects::nonNull).toList();
            fresh = BoundaryGeoJson.collection(set, levelIndex, tolerance, features);
        } else {
            rendersOnRequest.incrementAndGet();
            fresh = BoundaryGeoJson.render(set, units, levelIndex, tolerance);
        }
        rendered.put(key, fresh);
        return fresh;
    }

    /** How many boundary bodies were simplified on request rather than assembled from a prepared layer. */
    public long rendersOnRequest() {
        return rendersOnRequest.get();
    }

    private double defaultTolerance(BoundarySet set, int levelIndex) {
        return config.sets().get(set.name()).levels().get(levelIndex).displayToleranceM();
    }

    private static List<Unit> descendants(BoundarySet set, Unit parent, int levelIndex) {
        List<Unit> level = List.of(parent);
        while (!level.isEmpty() && level.get(0).levelIndex() < levelIndex) {
            level = level.stream().flatMap(u -> set.children(u.code()).stream()).toList();
        }
        return level;
    }
}

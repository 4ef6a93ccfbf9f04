package vn.ispeed.geo.boundary;

import vn.ispeed.geo.locate.LevelGrid;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * One boundary set in memory: its unit catalogue and, for the levels that locate, the
 * polygons with their lookup grid (finest level first).
 */
public final class BoundarySet {
    private final String name;
    private final String description;
    private final boolean active;
    private final List<String> levels;
    private final List<Unit> units;
    private final Map<String, Unit> byCode;
    private final Map<String, List<Unit>> children;
    private final List<LocateLevel> locateLevels;
    private final Map<Integer, Supplier<Map<String, RingSet>>> displayPolygons;
    private final LoadReport report;

    public BoundarySet(String name, String description, boolean active, List<String> levels, List<Unit> units,
                       Map<String, Unit> byCode, Map<String, List<Unit>> children, List<LocateLevel> locateLevels,
                       Map<Integer, Supplier<Map<String, RingSet>>> displayPolygons, LoadReport report) {
        this.name = name;
        this.description = description;
        this.active = active;
        this.levels = List.copyOf(levels);
        this.units = List.copyOf(units);
        this.byCode = Map.copyOf(byCode);
        this.children = Map.copyOf(children);
        this.locateLevels = locateLevels.stream()
                .sorted(Comparator.comparingInt(LocateLevel::levelIndex).reversed()).toList();
        this.displayPolygons = Map.copyOf(displayPolygons);
        this.report = report;
    }

    /**
     * The polygons of one level used for locating.
     *
     * @param unitOfPolygon the unit of each polygon index of the grid (polygons ordered by code)
     * @param polygons      the same polygons, for display and tests
     */
    public record LocateLevel(int levelIndex, LevelGrid grid, Unit[] unitOfPolygon, List<RingSet> polygons) {
    }

    /** Figures of the load, logged at start-up and served by {@code /api/v1/sets}. */
    public record LoadReport(long loadMillis, Map<String, Integer> unitsPerLevel, Map<String, Integer> polygonsPerLevel,
                             long vertices, long gridBytes, List<String> warnings) {
    }

    public String name() {
        return name;
    }

    public String description() {
        return description;
    }

    public boolean active() {
        return active;
    }

    public List<String> levels() {
        return levels;
    }

    public int levelIndex(String level) {
        return levels.indexOf(level);
    }

    public List<Unit> units() {
        return units;
    }

    public Optional<Unit> unit(String code) {
        return Optional.ofNullable(code == null ? null : byCode.get(code));
    }

    public List<Unit> children(String parentCode) {
        return children.getOrDefault(parentCode, List.of());
    }

    public List<LocateLevel> locateLevels() {
        return locateLevels;
    }

    /** Whether the level has polygons (located or display-only). */
    public boolean hasBoundaries(int levelIndex) {
        return displayPolygons.containsKey(levelIndex);
    }

    /** The level's polygons by unit code (display-only levels are read on first use). */
    public Map<String, RingSet> polygons(int levelIndex) {
        Supplier<Map<String, RingSet>> supplier = displayPolygons.get(levelIndex);
        return supplier == null ? Map.of() : supplier.get();
    }

    public LoadReport report() {
        return report;
    }
}

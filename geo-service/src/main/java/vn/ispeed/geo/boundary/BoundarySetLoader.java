package vn.ispeed.geo.boundary;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.jboss.logging.Logger;
import vn.ispeed.events.UnitRef;
import vn.ispeed.geo.locate.LevelGrid;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

/** Reads a boundary set from the files its configuration names. Pure: no CDI, usable from tests and the benchmark. */
public final class BoundarySetLoader {
    private static final Logger LOG = Logger.getLogger(BoundarySetLoader.class);
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final Path root;
    private final GeoConfig.Grid grid;
    private final double maxSnapM;

    public BoundarySetLoader(Path root, GeoConfig.Grid grid, double maxSnapM) {
        this.root = root;
        this.grid = grid;
        this.maxSnapM = maxSnapM;
    }

    /** The data folder: a relative path is tried from the working directory, then from its parents. */
    public static Path resolveRoot(String configured) {
        Path path = Path.of(configured);
        if (path.isAbsolute()) {
            return path;
        }
        Path dir = Path.of("").toAbsolutePath();
        for (int up = 0; up < 3 && dir != null; up++, dir = dir.getParent()) {
            Path candidate = dir.resolve(configured).normalize();
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        return path.toAbsolutePath().normalize();
    }

    public BoundarySet load(String name, GeoConfig.SetConfig config) {
        long start = System.nanoTime();
        List<GeoConfig.LevelConfig> levels = config.levels();
        List<String> levelNames = levels.stream().map(GeoConfig.LevelConfig::name).toList();
        List<String> warnings = new ArrayList<>();

        // catalogue
        List<Draft> drafts = new ArrayList<>();
        JsonNode catalogue = readJson(root.resolve(config.catalogue()));
        walk(catalogue, levels, 0, null, drafts);
        Map<String, Draft> draftByCode = new HashMap<>();
        for (Draft d : drafts) {
            if (draftByCode.putIfAbsent(d.code, d) != null) {
                throw new IllegalStateException(name + ": unit code " + d.code + " appears twice in the catalogue");
            }
        }

        // polygons of the levels that locate; the polygon's parent property, when configured, decides the parent
        Map<Integer, Map<String, RingSet>> locatePolygons = new TreeMap<>();
        long vertices = 0;
        for (int li = 0; li < levels.size(); li++) {
            GeoConfig.LevelConfig level = levels.get(li);
            if (level.boundaries().isEmpty() || !level.locate()) {
                continue;
            }
            Map<String, RingSet> polygons = readPolygons(name, li, level, draftByCode, warnings, true);
            for (RingSet rs : polygons.values()) {
                vertices += rs.points();
            }
            locatePolygons.put(li, polygons);
        }

        // units with their paths, parents first
        drafts.sort(Comparator.comparingInt((Draft d) -> d.level).thenComparing(d -> d.code));
        List<Unit> units = new ArrayList<>(drafts.size());
        Map<String, Unit> byCode = new HashMap<>();
        Map<String, List<Unit>> children = new HashMap<>();
        for (Draft d : drafts) {
            List<UnitRef> path = new ArrayList<>();
            if (d.parent != null) {
                Unit parent = byCode.get(d.parent);
                if (parent == null) {
                    throw new IllegalStateException(name + ": unit " + d.code + " has unknown parent " + d.parent);
                }
                path.addAll(parent.path());
            }
            path.add(new UnitRef(levelNames.get(d.level), d.code, d.name, d.type));
            Unit unit = new Unit(units.size(), levelNames.get(d.level), d.level, d.code, d.name, d.type, d.parent,
                    List.copyOf(path), TextKey.of(d.name));
            units.add(unit);
            byCode.put(d.code, unit);
            if (d.parent != null) {
                children.computeIfAbsent(d.parent, k -> new ArrayList<>()).add(unit);
            }
        }
        children.replaceAll((k, v) -> List.copyOf(v));

        // lookup grids
        List<BoundarySet.LocateLevel> locateLevels = new ArrayList<>();
        Map<Integer, Supplier<Map<String, RingSet>>> display = new HashMap<>();
        long gridBytes = 0;
        for (Map.Entry<Integer, Map<String, RingSet>> e : locatePolygons.entrySet()) {
            List<String> codes = new ArrayList<>(new TreeMap<>(e.getValue()).keySet());
            List<RingSet> rings = codes.stream().map(e.getValue()::get).toList();
            LevelGrid levelGrid = new LevelGrid(rings, grid.cellDeg(), grid.subdivisions(), maxSnapM);
            gridBytes += levelGrid.gridBytes();
            Unit[] unitOf = codes.stream().map(byCode::get).toArray(Unit[]::new);
            locateLevels.add(new BoundarySet.LocateLevel(e.getKey(), levelGrid, unitOf, rings));
            Map<String, RingSet> polygons = Map.copyOf(e.getValue());
            display.put(e.getKey(), () -> polygons);
        }
        for (int li = 0; li < levels.size(); li++) {
            GeoConfig.LevelConfig level = levels.get(li);
            if (level.boundaries().isPresent() && !level.locate()) {
                int index = li;
                display.put(li, new Lazy<>(() -> readPolygons(name, index, level, draftByCode, new ArrayList<>(), false)));
            }
        }

        Map<String, Integer> unitsPerLevel = new LinkedHashMap<>();
        Map<String, Integer> polygonsPerLevel = new LinkedHashMap<>();
        for (int li = 0; li < levels.size(); li++) {
            int index = li;
            unitsPerLevel.put(levelNames.get(li), (int) units.stream().filter(u -> u.levelIndex() == index).count());
            if (locatePolygons.containsKey(li)) {
                polygonsPerLevel.put(levelNames.get(li), locatePolygons.get(li).size());
            }
        }
        long millis = (System.nanoTime() - start) / 1_000_000;
        BoundarySet.LoadReport report = new BoundarySet.LoadReport(millis, unitsPerLevel, polygonsPerLevel, vertices,
                gridBytes, List.copyOf(warnings.size() > 20 ? warnings.subList(0, 20) : warnings));
        for (String w : warnings) {
            LOG.warnf("%s: %s", name, w);
        }
        return new BoundarySet(name, config.description(), config.active(), levelNames, units, byCode, children,
                locateLevels, display, report);
    }

    private static final class Draft {
        final int level;
        final String code;
        final String name;
        final String type;
        String parent;

        Draft(int level, String code, String name, String type, String parent) {
            this.level = level;
            this.code = code;
            this.name = name;
            this.type = type;
            this.parent = parent;
        }
    }

    private static void walk(JsonNode nodes, List<GeoConfig.LevelConfig> levels, int li, String parent, List<Draft> out) {
        if (nodes == null || !nodes.isArray() || li >= levels.size()) {
            return;
        }
        GeoConfig.LevelConfig level = levels.get(li);
        for (JsonNode node : nodes) {
            String code = text(node, level.codeField());
            if (code == null) {
                continue;
            }
            String name = text(node, level.nameField());
            String type = level.typeField().map(f -> text(node, f)).orElse(null);
            out.add(new Draft(li, code, name == null ? code : name, type, parent));
            level.childrenField().ifPresent(f -> walk(node.get(f), levels, li + 1, code, out));
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    private Map<String, RingSet> readPolygons(String set, int li, GeoConfig.LevelConfig level, Map<String, Draft> drafts,
                                              List<String> warnings, boolean applyParents) {
        Path file = root.resolve(level.boundaries().orElseThrow());
        Map<String, RingSet> polygons = new HashMap<>();
        int[] unknown = {0};
        int skipped = GeoJsonFeatureReader.read(file, (id, props, rings) -> {
            String code = props.getOrDefault(level.boundaryCodeProperty(), id);
            Draft draft = code == null ? null : drafts.get(code);
            if (draft == null || draft.level != li) {
                unknown[0]++;
                return;
            }
            if (polygons.putIfAbsent(code, rings) != null) {
                warnings.add("level " + level.name() + ": second polygon for " + code + " ignored");
                return;
            }
            if (applyParents && level.boundaryParentProperty().isPresent()) {
                String parent = props.get(level.boundaryParentProperty().get());
                if (parent != null && !parent.equals(draft.parent)) {
                    Draft p = drafts.get(parent);
                    if (p != null && p.level == li - 1) {
                        warnings.add(code + ": parent " + draft.parent + " in the catalogue, " + parent + " in the polygons; using " + parent);
                        draft.parent = parent;
                    }
                }
            }
        });
        if (unknown[0] > 0) {
            warnings.add("level " + level.name() + ": " + unknown[0] + " polygons with a code not in the catalogue ignored");
        }
        if (skipped > 0) {
            warnings.add("level " + level.name() + ": " + skipped + " features without an areal geometry ignored");
        }
        long levelUnits = drafts.values().stream().filter(d -> d.level == li).count();
        if (polygons.size() < levelUnits) {
            warnings.add("level " + level.name() + ": " + (levelUnits - polygons.size()) + " of " + levelUnits + " units have no polygon");
        }
        normalise(set, level.name(), polygons, warnings);
        LOG.debugf("%s: %d polygons of level %s from %s", set, polygons.size(), level.name(), file);
        return polygons;
    }

    /**
     * The one normalisation step of every polygon read ({@link RingNormaliser}): invalid polygons repaired, shells
     * counterclockwise, holes clockwise. Replaces the map's values; returns how many polygons were repaired.
     */
    private static int normalise(String set, String level, Map<String, RingSet> polygons, List<String> warnings) {
        Map<String, RingNormaliser.Result> results = new java.util.concurrent.ConcurrentHashMap<>();
        polygons.entrySet().parallelStream().forEach(e -> results.put(e.getKey(), RingNormaliser.normalise(e.getValue())));
        int repaired = 0;
        for (Map.Entry<String, RingNormaliser.Result> e : new TreeMap<>(results).entrySet()) {
            polygons.put(e.getKey(), e.getValue().rings());
            if (e.getValue().repaired()) {
                repaired++;
                warnings.add("level " + level + ": polygon of " + e.getKey() + " repaired (" + e.getValue().repair() + ")");
            }
        }
        LOG.infof("%s: %d polygons of level %s checked, %d invalid ones repaired (JTS GeometryFixer)", set, polygons.size(),
                level, repaired);
        return repaired;
    }

    private static JsonNode readJson(Path file) {
        try (InputStream in = GeoJsonFeatureReader.open(file)) {
            return MAPPER.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** Computes once on first use. */
    private static final class Lazy<T> implements Supplier<T> {
        private final Supplier<T> source;
        private volatile T value;

        Lazy(Supplier<T> source) {
            this.source = source;
        }

        @Override
        public T get() {
            T v = value;
            if (v == null) {
                synchronized (this) {
                    v = value;
                    if (v == null) {
                        v = source.get();
                        value = v;
                    }
                }
            }
            return v;
        }
    }
}

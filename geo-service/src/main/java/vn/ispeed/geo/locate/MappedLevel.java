package vn.ispeed.geo.locate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import vn.ispeed.events.UnresolvedReason;
import vn.ispeed.geo.boundary.BoundarySet;
import vn.ispeed.geo.boundary.GeoJsonFeatureReader;
import vn.ispeed.geo.boundary.Unit;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A level of a set that has no polygons of its own, reached through the units of another set and the relation between
 * the two: vn-2024's communes through the vn-2025 ward a point lies in and the 2025 merges file (each 2025 ward ←
 * the old communes it was made of, wholly or in part).
 *
 * <p>The rule, for a point the set located to a unit D of the level above (a 2024 district) and that lies in the via
 * set's unit W (a 2025 ward):
 * <ul>
 *   <li>K = the old units W was made of that belong to D; V = the units of D that the mapping does not name at all
 *       (2024 communes merged into a neighbour between May 2024 and July 2025: the mapping's "old" units are those of
 *       early 2025, so a unit that took such a neighbour in is larger than its 2024 self, even under the same name).</li>
 *   <li>K is one unit and V is empty: W ∩ D lies in that unit, which is the answer (W may be the whole of it, a part
 *       of it, or also hold parts of units of other districts, which D rules out).</li>
 *   <li>K is empty and W names no unit outside the old list: the point's two layers disagree (a border drawn
 *       differently in the district and the ward polygons): {@link UnresolvedReason#WARD_OUTSIDE_2024_DISTRICT}.</li>
 *   <li>else {@link UnresolvedReason#AMBIGUOUS_2024_COMMUNE}, with K ∪ V as the candidates.</li>
 * </ul>
 * Without a unit D (no polygon of the level above covers the point, as for Quảng Ninh in vn-2024) a ward whose old
 * units are one unit, of a district with V empty, still gives that unit and its path. The assumption the rule rests on:
 * a 2024 commune merged before July 2025 went into a commune of its own 2024 district.
 */
public final class MappedLevel {
    private final BoundarySet set;
    private final String viaSet;
    private final int levelIndex;
    /** ward → district → the ward's old units in that district, in the mapping's order. */
    private final Map<String, Map<String, List<String>>> known = new HashMap<>();
    /** Wards that name an old unit missing from the set's list (a unit created between May 2024 and July 2025). */
    private final Set<String> naming = new HashSet<>();
    /** district → its units the mapping does not name (merged into a neighbour before July 2025). */
    private final Map<String, List<String>> vanished = new HashMap<>();

    /** What the mapping gives for a point: a unit, or why not (with the candidates when several are possible). */
    public record Resolution(Unit unit, UnresolvedReason unresolved, List<String> candidates) {
    }

    private MappedLevel(BoundarySet set, String viaSet, int levelIndex) {
        this.set = set;
        this.viaSet = viaSet;
        this.levelIndex = levelIndex;
    }

    /**
     * Reads the merges file ({@code data[].level2s[]}: a new unit's {@code level2_id} and its {@code merges[]} of
     * {@code old_id}, {@code type} full/partial).
     */
    public static MappedLevel read(BoundarySet set, String level, String viaSet, Path mergesFile) {
        int levelIndex = set.levelIndex(level);
        if (levelIndex < 1) {
            throw new IllegalStateException("set " + set.name() + " has no level '" + level + "' below its top level");
        }
        MappedLevel m = new MappedLevel(set, viaSet, levelIndex);
        JsonNode root;
        try (InputStream in = GeoJsonFeatureReader.open(mergesFile)) {
            root = new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + mergesFile + ": " + e.getMessage(), e);
        }
        Set<String> named = new HashSet<>();
        for (JsonNode province : root.path("data")) {
            for (JsonNode ward : province.path("level2s")) {
                String wardCode = ward.path("level2_id").asText();
                Map<String, List<String>> byDistrict = m.known.computeIfAbsent(wardCode, k -> new TreeMap<>());
                for (JsonNode old : ward.path("merges")) {
                    String code = old.path("old_id").asText(null);
                    if (code == null) {
                        continue;
                    }
                    named.add(code);
                    Unit unit = set.unit(code).filter(u -> u.levelIndex() == levelIndex).orElse(null);
                    if (unit == null) {
                        m.naming.add(wardCode);
                        continue;
                    }
                    List<String> codes = byDistrict.computeIfAbsent(unit.parentCode(), k -> new ArrayList<>());
                    if (!codes.contains(code)) {
                        codes.add(code);
                    }
                }
            }
        }
        for (Unit u : set.units()) {
            if (u.levelIndex() == levelIndex && !named.contains(u.code())) {
                m.vanished.computeIfAbsent(u.parentCode(), k -> new ArrayList<>()).add(u.code());
            }
        }
        return m;
    }

    public String viaSet() {
        return viaSet;
    }

    /** The index of the level the mapping reaches (vn-2024: 2, communes). */
    public int levelIndex() {
        return levelIndex;
    }

    /**
     * The unit of the point in ward {@code ward} of the via set, given the unit {@code parent} of the level above the
     * set located it to (null when no polygon placed it).
     */
    public Resolution resolve(String ward, String parent) {
        Map<String, List<String>> byDistrict = known.get(ward);
        if (byDistrict == null) {
            return new Resolution(null, UnresolvedReason.NO_MAPPING, null);
        }
        if (parent == null) {
            if (byDistrict.size() == 1 && !naming.contains(ward)) {
                var only = byDistrict.entrySet().iterator().next();
                if (only.getValue().size() == 1 && !vanished.containsKey(only.getKey())) {
                    return new Resolution(set.unit(only.getValue().get(0)).orElseThrow(), null, null);
                }
            }
            TreeSet<String> all = new TreeSet<>();
            byDistrict.forEach((district, codes) -> {
                all.addAll(codes);
                all.addAll(vanished.getOrDefault(district, List.of()));
            });
            return all.isEmpty() ? new Resolution(null, UnresolvedReason.NO_MAPPING, null)
                    : new Resolution(null, UnresolvedReason.AMBIGUOUS_2024_COMMUNE, List.copyOf(all));
        }
        List<String> inDistrict = byDistrict.getOrDefault(parent, List.of());
        List<String> merged = vanished.getOrDefault(parent, List.of());
        if (inDistrict.size() == 1 && merged.isEmpty()) {
            return new Resolution(set.unit(inDistrict.get(0)).orElseThrow(), null, null);
        }
        if (inDistrict.isEmpty() && (merged.isEmpty() || !naming.contains(ward))) {
            return new Resolution(null, UnresolvedReason.WARD_OUTSIDE_2024_DISTRICT, null);
        }
        TreeSet<String> candidates = new TreeSet<>(inDistrict);
        candidates.addAll(merged);
        return new Resolution(null, UnresolvedReason.AMBIGUOUS_2024_COMMUNE, List.copyOf(candidates));
    }

    /**
     * The units of the level that some point can be located to with this data: those that {@link #resolve} gives for
     * some ward, with a unit of the level above that has polygons, or from the ward alone. The others cannot receive
     * a test until polygons of the level exist (stats-service's coverage report counts them with the same rule).
     */
    public Set<String> reachable() {
        Set<String> withPolygons = new HashSet<>();
        for (BoundarySet.LocateLevel level : set.locateLevels()) {
            if (level.levelIndex() == levelIndex - 1) {
                for (Unit u : level.unitOfPolygon()) {
                    withPolygons.add(u.code());
                }
            }
        }
        Set<String> out = new TreeSet<>();
        known.forEach((ward, byDistrict) -> byDistrict.forEach((district, codes) -> {
            if (codes.size() == 1 && !vanished.containsKey(district)
                    && (withPolygons.contains(district) || byDistrict.size() == 1 && !naming.contains(ward))) {
                out.add(codes.get(0));
            }
        }));
        return out;
    }

    /** Units of the level in the set's list. */
    public int units() {
        return (int) set.units().stream().filter(u -> u.levelIndex() == levelIndex).count();
    }
}

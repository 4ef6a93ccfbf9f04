package vn.ispeed.geo.catalogue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import vn.ispeed.geo.boundary.BoundarySet;
import vn.ispeed.geo.boundary.GeoJsonFeatureReader;
import vn.ispeed.geo.boundary.Unit;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Old unit -> the new units that took over its area, from the merges file (new -> old with
 * {@code full}/{@code partial}). A province or commune reads straight from it; a district (the
 * level the reform abolished) gathers its communes' successors: {@code whole} only when all its
 * communes went wholly into one new unit.
 */
public final class SuccessorCatalogue {
    public static final String WHOLE = "whole";
    public static final String PARTIAL = "partial";

    public record Successor(String code, String relation) {
    }

    private final Map<String, List<Successor>> byOldCode;

    private SuccessorCatalogue(Map<String, List<Successor>> byOldCode) {
        this.byOldCode = byOldCode;
    }

    public static SuccessorCatalogue read(Path file) {
        JsonNode root;
        try (InputStream in = GeoJsonFeatureReader.open(file)) {
            root = new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
        Map<String, List<Successor>> map = new HashMap<>();
        for (JsonNode province : root.path("data")) {
            collect(province.path("level1_id").asText(), province.path("merges"), map);
            for (JsonNode commune : province.path("level2s")) {
                collect(commune.path("level2_id").asText(), commune.path("merges"), map);
            }
        }
        return new SuccessorCatalogue(map);
    }

    private static void collect(String newCode, JsonNode merges, Map<String, List<Successor>> map) {
        for (JsonNode m : merges) {
            String old = m.path("old_id").asText(null);
            if (old == null) {
                continue;
            }
            String relation = "full".equals(m.path("type").asText()) ? WHOLE : PARTIAL;
            List<Successor> list = map.computeIfAbsent(old, k -> new ArrayList<>());
            if (list.stream().noneMatch(s -> s.code().equals(newCode))) {
                list.add(new Successor(newCode, relation));
            }
        }
    }

    /** The successors of an old unit; for a unit of a level without mapping, those of its descendants. */
    public List<Successor> successors(BoundarySet oldSet, Unit unit) {
        List<Successor> direct = byOldCode.get(unit.code());
        if (direct != null && (unit.levelIndex() == 0 || oldSet.children(unit.code()).isEmpty())) {
            return List.copyOf(direct);
        }
        Map<String, Boolean> wholeByCode = new LinkedHashMap<>();
        List<Unit> leaves = new ArrayList<>();
        collectLeaves(oldSet, unit, leaves);
        for (Unit leaf : leaves) {
            for (Successor s : byOldCode.getOrDefault(leaf.code(), List.of())) {
                wholeByCode.merge(s.code(), WHOLE.equals(s.relation()), Boolean::logicalAnd);
            }
        }
        if (wholeByCode.size() == 1 && wholeByCode.values().iterator().next()) {
            return List.of(new Successor(wholeByCode.keySet().iterator().next(), WHOLE));
        }
        List<Successor> out = new ArrayList<>();
        wholeByCode.keySet().forEach(code -> out.add(new Successor(code, PARTIAL)));
        return out;
    }

    private static void collectLeaves(BoundarySet set, Unit unit, List<Unit> out) {
        List<Unit> children = set.children(unit.code());
        if (children.isEmpty()) {
            out.add(unit);
        } else {
            children.forEach(c -> collectLeaves(set, c, out));
        }
    }

    public int size() {
        return byOldCode.size();
    }
}

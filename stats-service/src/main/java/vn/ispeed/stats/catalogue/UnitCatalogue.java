package vn.ispeed.stats.catalogue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;
import vn.ispeed.stats.config.StatsConfig;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Every unit of every boundary set, read at start-up from the same code lists geo-service uses
 * (the shared geo data, {@code stats.geo-root}). Reading the files rather than calling geo-service
 * keeps start-up free of a dependency; the coverage report needs the full list because a unit with
 * zero tests is still a unit without enough samples.
 */
@ApplicationScoped
public class UnitCatalogue {
    private static final Logger LOG = Logger.getLogger(UnitCatalogue.class);
    public static final String VN_2025 = "vn-2025";
    public static final String VN_2024 = "vn-2024";

    private final Map<String, BoundarySet> sets = new LinkedHashMap<>();

    @Inject
    public UnitCatalogue(StatsConfig config) {
        this(Path.of(config.geoRoot()), config.coverage().vn2024ProvincesWithoutDistrictPolygons());
    }

    public UnitCatalogue(Path root) {
        this(root, Set.of("22"));
    }

    public UnitCatalogue(Path root, Set<String> vn2024ProvincesWithoutDistrictPolygons) {
        ObjectMapper mapper = new ObjectMapper();
        sets.put(VN_2025, load2025(mapper, root.resolve("vn2025/vn_units_2level_2026-07-25_thanglequoc.json")));
        BoundarySet old = load2024(mapper, root.resolve("vn2024/gso_units_2024-05-01_dvhcvn-data.json"));
        Map<String, String> communeDistrict = new java.util.HashMap<>();
        Map<String, String> districtProvince = new java.util.HashMap<>();
        old.atLevel(Unit.COMMUNE).forEach(u -> communeDistrict.put(u.code(), u.parentCode()));
        old.atLevel(Unit.DISTRICT).forEach(u -> districtProvince.put(u.code(), u.provinceCode()));
        Set<String> reachable = MappedCommunes.reachable(root.resolve("mapping/dvhcvn20250701_merges_new_to_old.json"),
                communeDistrict, districtProvince, vn2024ProvincesWithoutDistrictPolygons);
        old.atLevel(Unit.COMMUNE).stream().filter(u -> !reachable.contains(u.code())).forEach(u -> old.unreachable.add(u.code()));
        sets.put(VN_2024, old);
        sets.values().forEach(s -> LOG.infof("boundary set %s: %s", s.name(), s.counts()));
        LOG.infof("boundary set %s: %d of %d communes can receive tests with today's data (no commune polygons; through "
                + "the 2025 wards and the mapping)", VN_2024, reachable.size(), old.atLevel(Unit.COMMUNE).size());
    }

    public Set<String> setNames() {
        return Collections.unmodifiableSet(sets.keySet());
    }

    public Optional<BoundarySet> set(String name) {
        return Optional.ofNullable(sets.get(name));
    }

    private static BoundarySet load2025(ObjectMapper mapper, Path file) {
        BoundarySet set = new BoundarySet(VN_2025, List.of(Unit.PROVINCE, Unit.COMMUNE));
        JsonNode provinces = read(mapper, file);
        for (JsonNode p : provinces) {
            String pc = p.get("Code").asText();
            set.add(unit2025(p, Unit.PROVINCE, Unit.NATION_CODE, pc));
            for (JsonNode w : p.get("Wards")) {
                set.add(unit2025(w, Unit.COMMUNE, pc, pc));
            }
        }
        return set;
    }

    /** vn-2025's list gives the name without its type ("Name") and the type ("AdministrativeUnitShortName"). */
    private static Unit unit2025(JsonNode node, String level, String parent, String province) {
        String name = node.get("Name").asText();
        String type = capitalised(node.path("AdministrativeUnitShortName").asText(""));
        return new Unit(VN_2025, node.get("Code").asText(), name, level, parent, province, type, name,
                type.isEmpty() ? name : type + " " + name);
    }

    private static BoundarySet load2024(ObjectMapper mapper, Path file) {
        BoundarySet set = new BoundarySet(VN_2024, List.of(Unit.PROVINCE, Unit.DISTRICT, Unit.COMMUNE));
        JsonNode root = read(mapper, file);
        JsonNode provinces = root.isArray() ? root : root.path("data");
        for (JsonNode p : provinces) {
            String pc = p.get("level1_id").asText();
            set.add(unit2024(p, pc, Unit.PROVINCE, Unit.NATION_CODE, pc));
            for (JsonNode d : p.path("level2s")) {
                String dc = d.get("level2_id").asText();
                set.add(unit2024(d, dc, Unit.DISTRICT, pc, pc));
                for (JsonNode c : d.path("level3s")) {
                    set.add(unit2024(c, c.get("level3_id").asText(), Unit.COMMUNE, dc, pc));
                }
            }
        }
        return set;
    }

    /** vn-2024's list gives the full name ("name": "Quận Hoàn Kiếm") and the type ("type": "Quận"). */
    private static Unit unit2024(JsonNode node, String code, String level, String parent, String province) {
        String name = node.get("name").asText();
        String type = node.path("type").asText("");
        return new Unit(VN_2024, code, name, level, parent, province, type, withoutType(name, type), name);
    }

    /**
     * The name without the leading words it shares with its type, compared without case: "Quận Hoàn Kiếm" (Quận) →
     * "Hoàn Kiếm", "Thị Xã Mường Lay" (Thị xã) → "Mường Lay", "Thành phố Hà Nội" (Thành phố Trung ương) → "Hà Nội".
     * A name that is nothing but its type stays whole.
     */
    static String withoutType(String name, String type) {
        String[] words = name.trim().split("\\s+");
        String[] typeWords = type.trim().split("\\s+");
        int shared = 0;
        while (shared < words.length - 1 && shared < typeWords.length
                && words[shared].equalsIgnoreCase(typeWords[shared])) {
            shared++;
        }
        return String.join(" ", java.util.Arrays.copyOfRange(words, shared, words.length));
    }

    /** "xã" → "Xã" (one record of the vn-2025 list writes its type in lower case). */
    private static String capitalised(String s) {
        return s.isEmpty() ? s : s.substring(0, 1).toUpperCase(java.util.Locale.ROOT) + s.substring(1);
    }

    private static JsonNode read(ObjectMapper mapper, Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return mapper.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read unit code list " + file + " (stats.geo-root)", e);
        }
    }

    /** One boundary set's units, by code, by parent and by level. */
    public static final class BoundarySet {
        private final String name;
        private final List<String> levels;
        private final Map<String, Unit> byCode = new LinkedHashMap<>();
        private final Map<String, List<Unit>> byParent = new LinkedHashMap<>();
        private final Map<String, List<Unit>> byLevel = new LinkedHashMap<>();
        private final Set<String> unreachable = new java.util.HashSet<>();

        BoundarySet(String name, List<String> levels) {
            this.name = name;
            this.levels = levels;
            add(new Unit(name, Unit.NATION_CODE, "Việt Nam", Unit.NATION, null, null, null, "Việt Nam", "Việt Nam"));
        }

        void add(Unit unit) {
            byCode.put(unit.code(), unit);
            if (unit.parentCode() != null) {
                byParent.computeIfAbsent(unit.parentCode(), k -> new ArrayList<>()).add(unit);
            }
            byLevel.computeIfAbsent(unit.level(), k -> new ArrayList<>()).add(unit);
        }

        public String name() {
            return name;
        }

        /** The levels below the nation, top down. */
        public List<String> levels() {
            return levels;
        }

        public Optional<Unit> unit(String code) {
            return Optional.ofNullable(byCode.get(code));
        }

        public List<Unit> children(String code) {
            return byParent.getOrDefault(code, List.of());
        }

        public List<Unit> atLevel(String level) {
            return byLevel.getOrDefault(level, List.of());
        }

        /**
         * Whether a test can be located to this unit at all with today's boundary data: false for the vn-2024
         * communes no ward of the mapping leads to ({@link MappedCommunes}).
         */
        public boolean receivesTests(String code) {
            return !unreachable.contains(code);
        }

        public Map<String, Integer> counts() {
            Map<String, Integer> counts = new LinkedHashMap<>();
            levels.forEach(l -> counts.put(l, atLevel(l).size()));
            return counts;
        }
    }
}

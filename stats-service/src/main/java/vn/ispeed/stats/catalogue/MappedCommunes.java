package vn.ispeed.stats.catalogue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which vn-2024 communes a test can reach at all with the shared data of today. vn-2024 has no commune polygons:
 * geo-service reaches a 2024 commune through the vn-2025 ward a point lies in and the 2025 merges file (its
 * {@code locate/MappedLevel}), when the ward holds a single 2024 commune of the located district and that district lost
 * no commune to a merger between May 2024 and July 2025; without district polygons (Quảng Ninh), only when the whole
 * ward is one such commune. The same rule here, on the same files, so the coverage report says how many communes
 * cannot receive a test instead of counting them as lacking samples (geo-service's MappedCommunesTest and this
 * module's CoverageUnreachableTest pin the same count).
 */
public final class MappedCommunes {
    private MappedCommunes() {
    }

    /**
     * @param communeDistrict             every 2024 commune's district
     * @param provinceOfDistrict          every 2024 district's province
     * @param provincesWithoutDistrictPolygons provinces whose districts have no polygons (vn-2024: Quảng Ninh, 22)
     */
    public static Set<String> reachable(Path mergesFile, Map<String, String> communeDistrict,
            Map<String, String> provinceOfDistrict, Set<String> provincesWithoutDistrictPolygons) {
        JsonNode root;
        try (InputStream in = Files.newInputStream(mergesFile)) {
            root = new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the old -> new mapping " + mergesFile + " (stats.geo-root)", e);
        }
        Set<String> named = new HashSet<>();
        List<Map<String, List<String>>> wards = new ArrayList<>();
        List<Boolean> naming = new ArrayList<>(); // the ward names a unit missing from the 2024 list
        for (JsonNode province : root.path("data")) {
            for (JsonNode ward : province.path("level2s")) {
                Map<String, List<String>> byDistrict = new HashMap<>();
                boolean unknown = false;
                for (JsonNode old : ward.path("merges")) {
                    String code = old.path("old_id").asText(null);
                    if (code == null) {
                        continue;
                    }
                    named.add(code);
                    String district = communeDistrict.get(code);
                    if (district == null) {
                        unknown = true;
                        continue;
                    }
                    List<String> codes = byDistrict.computeIfAbsent(district, k -> new ArrayList<>());
                    if (!codes.contains(code)) {
                        codes.add(code);
                    }
                }
                wards.add(byDistrict);
                naming.add(unknown);
            }
        }
        Set<String> lostOne = new HashSet<>(); // districts with a 2024 commune the mapping does not name
        communeDistrict.forEach((commune, district) -> {
            if (!named.contains(commune)) {
                lostOne.add(district);
            }
        });
        Set<String> out = new TreeSet<>();
        for (int i = 0; i < wards.size(); i++) {
            Map<String, List<String>> byDistrict = wards.get(i);
            boolean whole = byDistrict.size() == 1 && !naming.get(i);
            byDistrict.forEach((district, codes) -> {
                boolean polygons = !provincesWithoutDistrictPolygons.contains(provinceOfDistrict.get(district));
                if (codes.size() == 1 && !lostOne.contains(district) && (polygons || whole)) {
                    out.add(codes.get(0));
                }
            });
        }
        return out;
    }
}

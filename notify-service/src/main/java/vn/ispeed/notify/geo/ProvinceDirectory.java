package vn.ispeed.notify.geo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;
import vn.ispeed.notify.config.NotifyConfig;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Province names (Vietnamese and English) and unit counts per level, read once from the shared geo
 * code lists. Messages need a province's name and a coverage sentence needs how many units a
 * province has; when the data is missing the service still works and falls back to the code.
 */
@Startup
@ApplicationScoped
public class ProvinceDirectory {
    private static final Logger LOG = Logger.getLogger(ProvinceDirectory.class);
    static final String VN2025_FILE = "vn2025/vn_units_2level_2026-07-25_thanglequoc.json";
    static final String VN2024_FILE = "vn2024/gso_units_2024-05-01_dvhcvn-data.json";

    /** One province of one boundary set; {@code units} maps level → number of units of that level. */
    public record Province(String code, String nameVi, String nameEn, Map<String, Integer> units) {
    }

    private final Map<String, Map<String, Province>> bySet = new HashMap<>();

    public ProvinceDirectory(NotifyConfig config) {
        Path root = Path.of(System.getProperty("ispeed.geo.root", config.geoRoot()));
        ObjectMapper mapper = new ObjectMapper();
        load(root.resolve(VN2025_FILE), mapper, "vn-2025", this::readVn2025);
        load(root.resolve(VN2024_FILE), mapper, "vn-2024", this::readVn2024);
    }

    private interface Reader {
        Map<String, Province> read(JsonNode root);
    }

    private void load(Path file, ObjectMapper mapper, String set, Reader reader) {
        if (!Files.isRegularFile(file)) {
            LOG.warnf("geo code list %s not found: province names of %s fall back to codes", file, set);
            return;
        }
        try (InputStream in = Files.newInputStream(file)) {
            bySet.put(set, reader.read(mapper.readTree(in)));
        } catch (IOException | RuntimeException e) {
            LOG.warnf("cannot read geo code list %s (%s): province names of %s fall back to codes", file, e.getMessage(), set);
        }
    }

    private Map<String, Province> readVn2025(JsonNode root) {
        Map<String, Province> result = new HashMap<>();
        for (JsonNode p : root) {
            String code = p.path("Code").asText();
            result.put(code, new Province(code, p.path("Name").asText(code), p.path("NameEn").asText(code),
                    Map.of("commune", p.path("Wards").size())));
        }
        return result;
    }

    private Map<String, Province> readVn2024(JsonNode root) {
        Map<String, Province> result = new HashMap<>();
        for (JsonNode p : root) {
            String code = p.path("level1_id").asText();
            int communes = 0;
            for (JsonNode d : p.path("level2s")) {
                communes += d.path("level3s").size();
            }
            String name = shortName(p.path("name").asText(code));
            result.put(code, new Province(code, name, Ascii.fold(name),
                    Map.of("district", p.path("level2s").size(), "commune", communes)));
        }
        return result;
    }

    /** "Thành phố Hà Nội" → "Hà Nội", "Tỉnh Hà Giang" → "Hà Giang". */
    static String shortName(String full) {
        for (String prefix : new String[]{"Thành phố ", "Tỉnh "}) {
            if (full.startsWith(prefix)) {
                return full.substring(prefix.length());
            }
        }
        return full;
    }

    public Optional<Province> find(String boundarySet, String code) {
        return Optional.ofNullable(bySet.getOrDefault(boundarySet, Map.of()).get(code));
    }

    public String name(String boundarySet, String code, String language) {
        return find(boundarySet, code)
                .map(p -> "en".equals(language) ? p.nameEn() : p.nameVi())
                .orElse(code);
    }

    /** Whether the code is a province of the set; true when the set's data is not loaded (not checkable). */
    public boolean isProvince(String boundarySet, String code) {
        Map<String, Province> provinces = bySet.get(boundarySet);
        return provinces == null || provinces.containsKey(code);
    }
}

package vn.ispeed.portal.view;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.qute.TemplateData;

import java.text.Normalizer;
import java.util.Locale;

/**
 * One unit's cell as stats-service returned it (a {@code CellView}), flattened for a table row. Every value
 * is the API's; a missing value stays null (an insufficient unit has no figures, and its counts and needs
 * only for a viewer with full detail).
 */
@TemplateData
public record Row(String code, String name, String level, String status, String detail, Long tests, Long devices,
        Double downMedian, Double upMedian, Double latencyMedian, Long needTests, Long needDevices) {

    public static Row of(JsonNode cell) {
        return new Row(cell.path("unitCode").asText(), cell.path("unitName").asText(), cell.path("level").asText(),
                cell.path("status").asText(), cell.path("detail").asText(), lng(cell.get("tests")), lng(cell.get("devices")),
                dbl(cell.path("downloadKbps").get("median")), dbl(cell.path("uploadKbps").get("median")),
                dbl(cell.path("latencyMs").get("median")), lng(cell.path("needs").get("tests")), lng(cell.path("needs").get("devices")));
    }

    public boolean published() {
        return "PUBLISHED".equals(status);
    }

    /** The name without diacritics, lower case ("hoan kiem" finds "Hoàn Kiếm"): what the table's search compares. */
    public String searchKey() {
        return fold(name) + " " + code;
    }

    public static String fold(String text) {
        String d = Normalizer.normalize(text.replace('đ', 'd').replace('Đ', 'D'), Normalizer.Form.NFD);
        return d.replaceAll("\\p{M}+", "").toLowerCase(Locale.ROOT);
    }

    private static Long lng(JsonNode n) {
        return n == null || n.isNull() || n.isMissingNode() ? null : n.asLong();
    }

    private static Double dbl(JsonNode n) {
        return n == null || n.isNull() || n.isMissingNode() ? null : n.asDouble();
    }
}

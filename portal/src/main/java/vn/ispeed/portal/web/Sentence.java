package vn.ispeed.portal.web;

import com.fasterxml.jackson.databind.JsonNode;
import vn.ispeed.portal.view.Fmt;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The coverage sentence in the reader's language and number format, from the counts of stats-service's
 * coverage report ({@code levels[].insufficient} / {@code units}), e.g. "Mạng băng rộng cố định: 12/34 tỉnh/thành
 * và 3.012/3.321 xã/phường/đặc khu không đủ mẫu để thống kê". Every number is the report's.
 */
public final class Sentence {
    private Sentence() {
    }

    public static String of(JsonNode report, boolean withProvinces, Map<String, String> t, Fmt f) {
        String set = report.path("boundarySet").asText();
        List<String> parts = new ArrayList<>();
        for (JsonNode l : report.path("levels")) {
            String level = l.path("level").asText();
            if (level.equals("province") && !withProvinces) {
                continue;
            }
            String noun = t.get("plural_" + level + ("commune".equals(level) && "vn-2025".equals(set) ? "_2025" : ""));
            parts.add(f.num(l.path("insufficient").asLong()) + "/" + f.num(l.path("units").asLong()) + " " + noun);
        }
        String network = "MOBILE".equalsIgnoreCase(report.path("network").asText()) ? "mobile" : "fixed";
        return t.get("sentence_" + network) + ": " + String.join(" " + t.get("sentence_and") + " ", parts) + " "
                + t.get("sentence_tail");
    }
}

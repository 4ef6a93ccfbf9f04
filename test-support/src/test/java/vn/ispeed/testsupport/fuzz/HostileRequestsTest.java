package vn.ispeed.testsupport.fuzz;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class HostileRequestsTest {
    private static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");

    @Test
    void the_same_seed_gives_the_same_requests_so_failures_replay() {
        List<HostileRequest> first = new HostileRequests(42, NOW, 1 << 16).take(300);
        List<HostileRequest> again = new HostileRequests(42, NOW, 1 << 16).take(300);
        for (int i = 0; i < first.size(); i++) {
            assertThat(again.get(i).describe()).isEqualTo(first.get(i).describe());
        }
        assertThat(HostileRequests.replay(42, NOW, 1 << 16, 123).describe()).isEqualTo(first.get(123).describe());
    }

    @Test
    void every_endpoint_and_many_kinds_are_covered() {
        List<HostileRequest> sample = new HostileRequests(7, NOW, 1 << 16).take(3000);
        assertThat(sample).extracting(HostileRequest::endpoint).containsAll(
                List.of("INGEST_SINGLE", "INGEST_BATCH", "LOCATE", "LOCATE_BATCH", "GEO_CATALOGUE", "STATS_UNIT", "STATS_CHILDREN", "COVERAGE"));
        assertThat(sample.stream().map(HostileRequest::kind).distinct().count()).isGreaterThan(25);
    }

    @Test
    void an_invalid_measurement_always_differs_from_a_valid_one_in_a_field_that_matters() {
        HostileRequests g = new HostileRequests(99, NOW, 1 << 16);
        JsonMapper lenient = JsonMapper.builder().enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
                .enable(JsonReadFeature.ALLOW_LEADING_PLUS_SIGN_FOR_NUMBERS).build();
        for (int i = 0; i < 500; i++) {
            byte[] json = g.invalidMeasurementJson();
            String text = new String(json, java.nio.charset.StandardCharsets.UTF_8);
            JsonNode node;
            try {
                node = lenient.readTree(json);
            } catch (Exception unparseable) {
                continue; // not even JSON: invalid for sure
            }
            assertThat(isPlainlyValid(node)).as("mutation %d left a valid test: %s", i, text).isFalse();
        }
    }

    /** A strict reading of the ingest contract; if this says valid, the fuzz would append an event. */
    private static boolean isPlainlyValid(JsonNode m) {
        try {
            java.util.UUID.fromString(m.get("testId").textValue());
            String install = m.get("installId").textValue();
            if (install.length() < 8 || install.length() > 128 || install.chars().anyMatch(Character::isISOControl)) {
                return false;
            }
            Instant at = Instant.parse(m.get("measuredAt").textValue());
            if (at.isAfter(NOW.plusSeconds(300)) || at.isBefore(NOW.minusSeconds(30L * 86400))) {
                return false;
            }
            JsonNode n = m.get("network");
            if (!List.of("FIXED", "MOBILE").contains(n.get("type").textValue())
                    || !List.of("WIFI", "ETHERNET", "2G", "3G", "4G", "5G").contains(n.get("technology").textValue())) {
                return false;
            }
            String op = n.get("operator").textValue();
            if (op.isEmpty() || op.length() > 64 || op.chars().anyMatch(Character::isISOControl)) {
                return false;
            }
            if (!num(m.get("downloadKbps"), 0, 10_000_000) || !num(m.get("uploadKbps"), 0, 10_000_000) || !num(m.get("latencyMs"), 0, 60_000)) {
                return false;
            }
            if (m.has("jitterMs") && !num(m.get("jitterMs"), 0, 60_000) || m.has("packetLossPct") && !num(m.get("packetLossPct"), 0, 100)) {
                return false;
            }
            JsonNode l = m.get("location");
            if (l != null && (!num(l.get("lat"), -90, 90) || !num(l.get("lon"), -180, 180) || !(l.get("accuracyM").isNumber()
                    && l.get("accuracyM").doubleValue() > 0) || !List.of("GPS", "NETWORK").contains(l.get("source").textValue()))) {
                return false;
            }
            JsonNode app = m.get("app");
            String version = app.get("version").textValue();
            return List.of("ANDROID", "IOS", "WEB").contains(app.get("platform").textValue()) && version.length() <= 32
                    && version.chars().noneMatch(Character::isISOControl);
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static boolean num(JsonNode v, double min, double max) {
        return v != null && v.isNumber() && Double.isFinite(v.doubleValue()) && v.doubleValue() >= min && v.doubleValue() <= max;
    }
}

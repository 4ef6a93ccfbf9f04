package vn.ispeed.ingest.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/** Request bodies for the endpoint tests; every test gets its own install id so rate limits never mix. */
final class Samples {
    static final ObjectMapper MAPPER = new ObjectMapper();

    private Samples() {
    }

    static String newInstallId() {
        return "install-" + UUID.randomUUID();
    }

    static ObjectNode measurement(String installId) {
        ObjectNode m = MAPPER.createObjectNode();
        m.put("testId", UUID.randomUUID().toString());
        m.put("installId", installId);
        m.put("measuredAt", Instant.now().minus(10, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.MILLIS).toString());
        m.putObject("network").put("type", "MOBILE").put("technology", "4G").put("operator", "452-04");
        m.put("downloadKbps", 48250.5).put("uploadKbps", 12100.0).put("latencyMs", 23.0)
                .put("jitterMs", 4.5).put("packetLossPct", 0.2);
        m.putObject("location").put("lat", 21.0288).put("lon", 105.8525).put("accuracyM", 12.5).put("source", "GPS");
        m.putObject("app").put("platform", "ANDROID").put("version", "3.2.1");
        return m;
    }

    static ObjectNode measurement() {
        return measurement(newInstallId());
    }

    static ArrayNode batch(ObjectNode... items) {
        ArrayNode array = MAPPER.createArrayNode();
        for (ObjectNode item : items) {
            array.add(item);
        }
        return array;
    }

    static String json(Object node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}

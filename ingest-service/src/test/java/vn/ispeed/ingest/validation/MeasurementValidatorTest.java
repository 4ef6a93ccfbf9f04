package vn.ispeed.ingest.validation;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import vn.ispeed.events.LocationSource;
import vn.ispeed.events.NetworkType;
import vn.ispeed.events.Platform;
import vn.ispeed.events.Technology;
import vn.ispeed.ingest.problem.FieldError;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class MeasurementValidatorTest {
    static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");
    final MeasurementValidator validator = new MeasurementValidator(
            new ValidationRules(Duration.ofMinutes(5), Duration.ofDays(30)), Clock.fixed(NOW, ZoneOffset.UTC));

    static ObjectNode valid() {
        return (ObjectNode) JsonBodyParser.parse("""
                {"testId":"0B6F3C52-9D1E-4A57-8A0F-2F4C7E1D9A10","installId":"install-0001",
                 "measuredAt":"2026-11-25T09:59:00+07:00",
                 "network":{"type":"MOBILE","technology":"4G","operator":"452-04"},
                 "downloadKbps":48250.5,"uploadKbps":12100,"latencyMs":23,"jitterMs":4.5,"packetLossPct":0.2,
                 "location":{"lat":21.0288,"lon":105.8525,"accuracyM":12.5,"source":"GPS"},
                 "app":{"platform":"ANDROID","version":"3.2.1"},"someFutureField":true}""".getBytes());
    }

    @Test
    void acceptsAFullTestAndIgnoresUnknownFields() {
        var result = validator.validate(valid());
        assertThat(result.errors()).isEmpty();
        var m = result.measurement();
        assertThat(m.testId()).isEqualTo(UUID.fromString("0b6f3c52-9d1e-4a57-8a0f-2f4c7e1d9a10"));
        assertThat(m.measuredAt()).isEqualTo(Instant.parse("2026-11-25T02:59:00Z"));
        assertThat(m.networkType()).isEqualTo(NetworkType.MOBILE);
        assertThat(m.technology()).isEqualTo(Technology.G4);
        assertThat(m.metrics().downloadKbps()).isEqualTo(48250.5);
        assertThat(m.metrics().jitterMs()).isEqualTo(4.5);
        assertThat(m.location().source()).isEqualTo(LocationSource.GPS);
        assertThat(m.app().platform()).isEqualTo(Platform.ANDROID);
        assertThat(m.toString()).doesNotContain("install-0001");
    }

    @Test
    void locationJitterAndLossAreOptional() {
        ObjectNode node = valid();
        node.remove("location");
        node.remove("jitterMs");
        node.putNull("packetLossPct");
        var result = validator.validate(node);
        assertThat(result.errors()).isEmpty();
        assertThat(result.measurement().location()).isNull();
        assertThat(result.measurement().metrics().jitterMs()).isNull();
    }

    @Test
    void reportsEveryMissingField() {
        var result = validator.validate(JsonBodyParser.parse("{}".getBytes()));
        assertThat(result.errors()).extracting(FieldError::field)
                .containsExactly("testId", "installId", "measuredAt", "network", "downloadKbps", "uploadKbps",
                        "latencyMs", "app");
        assertThat(result.errors()).allSatisfy(e -> assertThat(e.message()).isEqualTo("is required"));
    }

    @ParameterizedTest(name = "{0} = {1} -> {2}")
    @CsvSource(delimiter = '|', value = {
            "downloadKbps | NaN | must be a finite number",
            "downloadKbps | Infinity | must be a finite number",
            "downloadKbps | -1 | must be between 0 and 10000000",
            "downloadKbps | 10000000.5 | must be between 0 and 10000000",
            "uploadKbps | 1e400 | must be a finite number",
            "uploadKbps | \"12\" | must be a number",
            "latencyMs | 60001 | must be between 0 and 60000",
            "jitterMs | -0.1 | must be between 0 and 60000",
            "packetLossPct | 100.1 | must be between 0 and 100",
            "testId | \"not-a-uuid\" | must be a UUID (8-4-4-4-12 hexadecimal digits)",
            "testId | 42 | must be a string",
            "installId | \"short\" | must be 8 to 128 characters long",
            "installId | \"abc\\u0000defghij\" | must not contain control or format characters",
            "installId | \"        \" | must not be blank",
            "measuredAt | \"yesterday\" | must be an ISO-8601 instant such as 2026-11-25T08:15:30Z",
            "measuredAt | \"2026-11-25T10:05:01Z\" | must not be more than 5 minutes in the future",
            "measuredAt | \"2026-10-26T09:59:59Z\" | must not be older than 30 days",
            "network | [] | must be an object",
            "app | \"ANDROID\" | must be an object",
    })
    void rejectsABadTopLevelValue(String field, String json, String message) {
        ObjectNode node = valid();
        node.set(field, JsonBodyParser.parse(json.getBytes()));
        var result = validator.validate(node);
        assertThat(result.errors()).containsExactly(new FieldError(field, message));
    }

    @ParameterizedTest(name = "{0}.{1} = {2} -> {3}")
    @CsvSource(delimiter = '|', value = {
            "network | type | \"SATELLITE\" | network.type | must be one of FIXED, MOBILE",
            "network | technology | \"6G\" | network.technology | must be one of WIFI, ETHERNET, 2G, 3G, 4G, 5G",
            "network | technology | \"WIFI\" | network.technology | must be one of 2G, 3G, 4G, 5G for a MOBILE network",
            "network | operator | \"\" | network.operator | must be 1 to 64 characters long",
            "network | operator | \"Viettel\\u202E\" | network.operator | must not contain control or format characters",
            "location | lat | 90.0001 | location.lat | must be between -90 and 90",
            "location | lon | -180.5 | location.lon | must be between -180 and 180",
            "location | accuracyM | 0 | location.accuracyM | must be greater than 0 and at most 100000",
            "location | accuracyM | -3 | location.accuracyM | must be greater than 0 and at most 100000",
            "location | source | \"gps\" | location.source | must be one of GPS, NETWORK",
            "app | platform | \"SYMBIAN\" | app.platform | must be one of ANDROID, IOS, WEB",
            "app | version | \"123456789012345678901234567890123\" | app.version | must be 1 to 32 characters long",
    })
    void rejectsABadNestedValue(String parent, String field, String json, String path, String message) {
        ObjectNode node = valid();
        ((ObjectNode) node.get(parent)).set(field, JsonBodyParser.parse(json.getBytes()));
        var result = validator.validate(node);
        assertThat(result.errors()).containsExactly(new FieldError(path, message));
    }

    @Test
    void aFixedLineTakesWifiOrEthernetOnly() {
        ObjectNode node = valid();
        ((ObjectNode) node.get("network")).put("type", "FIXED").put("technology", "5G");
        assertThat(validator.validate(node).errors())
                .containsExactly(new FieldError("network.technology", "must be one of WIFI, ETHERNET for a FIXED network"));
        ((ObjectNode) node.get("network")).put("technology", "ETHERNET");
        assertThat(validator.validate(node).valid()).isTrue();
    }

    @Test
    void edgesOfTheRangesAreAccepted() {
        ObjectNode node = valid();
        node.put("downloadKbps", 10_000_000).put("uploadKbps", 0).put("latencyMs", 60_000).put("packetLossPct", 100)
                .put("measuredAt", "2026-11-25T10:05:00Z");
        ((ObjectNode) node.get("location")).put("lat", -90).put("lon", 180);
        assertThat(validator.validate(node).errors()).isEmpty();
    }

    @Test
    void aNonObjectIsRejected() {
        assertThat(validator.validate(JsonBodyParser.parse("[1,2]".getBytes())).errors())
                .containsExactly(new FieldError("", "must be a JSON object"));
    }
}

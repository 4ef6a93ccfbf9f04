package vn.ispeed.ingest.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import vn.ispeed.testsupport.KafkaResource;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static vn.ispeed.ingest.api.Samples.batch;
import static vn.ispeed.ingest.api.Samples.json;
import static vn.ispeed.ingest.api.Samples.measurement;

@QuarkusTest
@QuarkusTestResource(value = KafkaResource.class, restrictToAnnotatedClass = false)
class MeasurementResourceTest {
    static final String SINGLE = "/api/v1/measurements";
    static final String BATCH = "/api/v1/measurements/batch";
    static final String PROBLEMS = "https://ispeed.vn/problems/";

    static ValidatableResponse post(String path, String body) {
        return given().contentType("application/json").body(body).when().post(path).then();
    }

    static ValidatableResponse problem(ValidatableResponse response, int status, String type) {
        return response.statusCode(status)
                .contentType("application/problem+json")
                .body("type", equalTo(PROBLEMS + type))
                .body("status", equalTo(status))
                .body("title", notNullValue())
                .body("detail", notNullValue())
                .body(not(containsString("Exception")))
                .body(not(containsString("vn.ispeed")));
    }

    static ValidatableResponse invalid(ObjectNode m, String field, String message) {
        return problem(post(SINGLE, json(m)), 400, "validation")
                .body("errors.field", hasItem(field))
                .body("errors.find { it.field == '" + field + "' }.message", equalTo(message));
    }

    @Test
    void aValidTestIsAcceptedWithAReceipt() {
        ObjectNode m = measurement();
        String testId = m.get("testId").asText();
        post(SINGLE, json(m))
                .statusCode(202)
                .contentType("application/json")
                .body("testId", equalTo(testId))
                .body("acceptedAt", notNullValue());
    }

    @Test
    void theSameTestSentAgainIsAcceptedAgain() {
        String body = json(measurement());
        post(SINGLE, body).statusCode(202);
        post(SINGLE, body).statusCode(202);
    }

    @Test
    void aTestWithoutLocationJitterOrLossIsAccepted() {
        ObjectNode m = measurement();
        m.remove("location");
        m.remove("jitterMs");
        m.remove("packetLossPct");
        post(SINGLE, json(m)).statusCode(202);
    }

    @Test
    void unknownFieldsAreIgnored() {
        ObjectNode m = measurement();
        m.put("someFutureField", "x").putObject("nested").put("a", 1);
        post(SINGLE, json(m)).statusCode(202);
    }

    @Test
    void aBatchAnswersEachTestOnItsOwn() {
        ObjectNode good = measurement();
        ObjectNode bad = measurement();
        ((ObjectNode) bad.get("network")).put("technology", "6G");
        ObjectNode noId = measurement();
        noId.remove("testId");
        ObjectNode alsoGood = measurement();
        given().contentType("application/json").body(json(batch(good, bad, noId, alsoGood)))
                .when().post(BATCH)
                .then().statusCode(200)
                .contentType("application/json")
                .header("Retry-After", nullValue())
                .body("accepted", equalTo(2))
                .body("rejected", equalTo(2))
                .body("results", hasSize(4))
                .body("results[0].index", equalTo(0))
                .body("results[0].testId", equalTo(good.get("testId").asText()))
                .body("results[0].status", equalTo("ACCEPTED"))
                .body("results[0].acceptedAt", notNullValue())
                .body("results[1].index", equalTo(1))
                .body("results[1].testId", equalTo(bad.get("testId").asText()))
                .body("results[1].status", equalTo("REJECTED"))
                .body("results[1].problem.type", equalTo(PROBLEMS + "validation"))
                .body("results[1].problem.status", equalTo(400))
                .body("results[1].problem.errors[0].field", equalTo("network.technology"))
                .body("results[2].testId", nullValue())
                .body("results[2].problem.errors[0].field", equalTo("testId"))
                .body("results[3].status", equalTo("ACCEPTED"));
    }

    // ------------------------------------------------------------------ malformed requests

    @Test
    void malformedJsonIs400() {
        problem(post(SINGLE, "{\"testId\": "), 400, "malformed-json");
        problem(post(SINGLE, "{\"a\":1}{\"b\":2}"), 400, "malformed-json");
        problem(post(SINGLE, ""), 400, "malformed-json");
        problem(given().contentType("application/json").body(new java.io.ByteArrayInputStream(new byte[0]))
                .when().post(BATCH).then(), 400, "malformed-json"); // chunked, empty
        problem(post(BATCH, "[{]"), 400, "malformed-json");
        problem(given().contentType("application/json").body(new byte[] {'{', '"', (byte) 0xC3, 0x28, '"', ':', '1', '}'})
                .when().post(SINGLE).then(), 400, "malformed-json");
    }

    @Test
    void aBodyThatIsNotJsonContentIs415() {
        problem(given().contentType("text/plain").body(json(measurement())).when().post(SINGLE).then(),
                415, "unsupported-media-type");
        problem(given().contentType("application/xml").body("<m/>").when().post(BATCH).then(),
                415, "unsupported-media-type");
        problem(given().body(json(measurement()).getBytes()).when().post(SINGLE).then(),
                415, "unsupported-media-type");
    }

    @Test
    void aBodyOverTheLimitIs413() {
        ObjectNode m = measurement();
        m.put("padding", "x".repeat(65 * 1024));
        problem(post(SINGLE, json(m)), 413, "payload-too-large");

        ObjectNode big = measurement();
        big.put("padding", "x".repeat(11 * 1024));
        ObjectNode[] items = new ObjectNode[100];
        java.util.Arrays.fill(items, big);
        problem(post(BATCH, json(batch(items))), 413, "payload-too-large"); // ~1.1 MiB

        // beyond the HTTP layer's own limit too: still a problem document
        problem(post(BATCH, "[" + "1,".repeat(1_600_000) + "1]"), 413, "payload-too-large");

        // no Content-Length (chunked): counted while read
        byte[] chunked = json(m).getBytes(java.nio.charset.StandardCharsets.UTF_8);
        problem(given().contentType("application/json").body(new java.io.ByteArrayInputStream(chunked))
                .when().post(SINGLE).then(), 413, "payload-too-large");
        ObjectNode small = measurement();
        given().contentType("application/json")
                .body(new java.io.ByteArrayInputStream(json(small).getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                .when().post(SINGLE).then().statusCode(202);
    }

    @Test
    void aBatchOfMoreThan100OrNoTestsIs400() {
        ObjectNode[] items = new ObjectNode[101];
        for (int i = 0; i < items.length; i++) {
            items[i] = measurement();
        }
        problem(post(BATCH, json(batch(items))), 400, "validation")
                .body("errors[0].message", equalTo("must contain 1 to 100 tests (it has 101)"));
        problem(post(BATCH, "[]"), 400, "validation");
        problem(post(BATCH, json(measurement())), 400, "validation")
                .body("errors[0].message", equalTo("the body must be a JSON array of tests"));
    }

    // ------------------------------------------------------------------ invalid fields

    @Test
    void everyMissingFieldIsListed() {
        problem(post(SINGLE, "{}"), 400, "validation")
                .body("detail", equalTo("8 fields are invalid"))
                .body("errors.field", org.hamcrest.Matchers.contains("testId", "installId", "measuredAt", "network",
                        "downloadKbps", "uploadKbps", "latencyMs", "app"));
        ObjectNode m = measurement();
        ((ObjectNode) m.get("location")).remove("lat");
        invalid(m, "location.lat", "is required");
    }

    @Test
    void wronglyTypedFieldsAre400() {
        ObjectNode m = measurement();
        m.put("downloadKbps", "fast");
        invalid(m, "downloadKbps", "must be a number");
        m = measurement();
        m.put("network", "MOBILE");
        invalid(m, "network", "must be an object");
        m = measurement();
        m.put("testId", 42);
        invalid(m, "testId", "must be a string");
        problem(post(SINGLE, "[1,2]"), 400, "validation").body("errors[0].message", equalTo("must be a JSON object"));
    }

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource(delimiter = '|', value = {
            "downloadKbps | NaN | must be a finite number",
            "uploadKbps | Infinity | must be a finite number",
            "latencyMs | -Infinity | must be a finite number",
            "downloadKbps | 1e400 | must be a finite number",
            "downloadKbps | -1 | must be between 0 and 10000000",
            "uploadKbps | 99999999999999999999999999 | must be between 0 and 10000000",
            "latencyMs | 60000.5 | must be between 0 and 60000",
            "jitterMs | -3 | must be between 0 and 60000",
            "packetLossPct | 101 | must be between 0 and 100",
    })
    void badNumbersAre400(String field, String literal, String message) {
        ObjectNode m = measurement();
        m.put(field, "@@");
        String body = json(m).replace("\"@@\"", literal);
        problem(post(SINGLE, body), 400, "validation")
                .body("errors[0].field", equalTo(field))
                .body("errors[0].message", equalTo(message));
    }

    @Test
    void locationOutOfRangeIs400() {
        ObjectNode m = measurement();
        ((ObjectNode) m.get("location")).put("lat", 91).put("lon", -180.01).put("accuracyM", 0);
        problem(post(SINGLE, json(m)), 400, "validation")
                .body("errors.field", org.hamcrest.Matchers.contains("location.lat", "location.lon", "location.accuracyM"));
        m = measurement();
        ((ObjectNode) m.get("location")).put("accuracyM", -5);
        invalid(m, "location.accuracyM", "must be greater than 0 and at most 100000");
    }

    @Test
    void measuredAtTooFarInTheFutureOrTooOldIs400() {
        ObjectNode m = measurement();
        m.put("measuredAt", Instant.now().plus(6, ChronoUnit.MINUTES).toString());
        invalid(m, "measuredAt", "must not be more than 5 minutes in the future");
        m.put("measuredAt", Instant.now().minus(31, ChronoUnit.DAYS).toString());
        invalid(m, "measuredAt", "must not be older than 30 days");
        m.put("measuredAt", "2026-13-45T99:99:99Z");
        invalid(m, "measuredAt", "must be an ISO-8601 instant such as 2026-11-25T08:15:30Z");
        m.put("measuredAt", Instant.now().plus(4, ChronoUnit.MINUTES).toString());
        post(SINGLE, json(m)).statusCode(202);
    }

    @Test
    void unknownEnumValuesAre400() {
        ObjectNode m = measurement();
        ((ObjectNode) m.get("network")).put("type", "SATELLITE");
        ((ObjectNode) m.get("location")).put("source", "gps");
        ((ObjectNode) m.get("app")).put("platform", "SYMBIAN");
        problem(post(SINGLE, json(m)), 400, "validation")
                .body("errors.field", org.hamcrest.Matchers.contains("network.type", "location.source", "app.platform"))
                .body("errors[0].message", equalTo("must be one of FIXED, MOBILE"));
    }

    @Test
    void badStringsAre400() {
        ObjectNode m = measurement("short");
        invalid(m, "installId", "must be 8 to 128 characters long");
        invalid(measurement("x".repeat(129)), "installId", "must be 8 to 128 characters long");
        invalid(measurement("install\u0000\u0007id"), "installId", "must not contain control or format characters");
        m = measurement();
        ((ObjectNode) m.get("network")).put("operator", "x".repeat(65));
        invalid(m, "network.operator", "must be 1 to 64 characters long");
        m = measurement();
        ((ObjectNode) m.get("app")).put("version", "3.2\r\n1");
        invalid(m, "app.version", "must not contain control or format characters");
        m = measurement();
        m.put("testId", "' OR '1'='1");
        invalid(m, "testId", "must be a UUID (8-4-4-4-12 hexadecimal digits)");
    }

    // ------------------------------------------------------------------ rate limit (5 per hour in the test profile)

    @Test
    void aDeviceOverItsRateIs429WithRetryAfter() {
        String installId = Samples.newInstallId();
        for (int i = 0; i < 5; i++) {
            post(SINGLE, json(measurement(installId))).statusCode(202);
        }
        String retryAfter = problem(post(SINGLE, json(measurement(installId))), 429, "rate-limited")
                .extract().header("Retry-After");
        // 5 per hour: a token every 720 s, less the little that refilled while the five were sent
        org.assertj.core.api.Assertions.assertThat(Integer.parseInt(retryAfter)).isBetween(600, 720);
        post(SINGLE, json(measurement())).statusCode(202); // another device is unaffected
    }

    @Test
    void batchItemsOverTheRateGetTheirOwn429() {
        String installId = Samples.newInstallId();
        ObjectNode[] items = new ObjectNode[7];
        for (int i = 0; i < items.length; i++) {
            items[i] = measurement(installId);
        }
        given().contentType("application/json").body(json(batch(items)))
                .when().post(BATCH)
                .then().statusCode(200)
                .header("Retry-After", notNullValue())
                .body("accepted", equalTo(5))
                .body("rejected", equalTo(2))
                .body("results[4].status", equalTo("ACCEPTED"))
                .body("results[5].status", equalTo("REJECTED"))
                .body("results[5].problem.type", equalTo(PROBLEMS + "rate-limited"))
                .body("results[5].problem.status", equalTo(429))
                .body("results[6].problem.status", equalTo(429));
    }

    // ------------------------------------------------------------------ the rest of the HTTP surface

    @Test
    void unknownPathsAndMethodsAreProblems() {
        problem(given().when().get("/api/v1/nothing-here").then(), 404, "not-found");
        problem(given().when().get("/nothing").then(), 404, "not-found");
        problem(given().when().get(SINGLE).then(), 405, "method-not-allowed");
        problem(given().contentType("application/json").body("[]").when().delete(BATCH).then(), 405, "method-not-allowed");
    }

    @Test
    void openApiDocumentsBothEndpointsWithExamples() {
        given().accept("application/json").when().get("/q/openapi")
                .then().statusCode(200)
                .body("paths.'/api/v1/measurements'.post.requestBody.content.'application/json'.examples", notNullValue())
                .body("paths.'/api/v1/measurements/batch'.post.responses.'200'", notNullValue());
    }

    @Test
    void metricsCountAcceptedAndRejectedByReason() {
        post(SINGLE, json(measurement())).statusCode(202);
        problem(post(SINGLE, "{"), 400, "malformed-json");
        given().when().get("/q/metrics").then().statusCode(200)
                .body(containsString("ispeed_ingest_accepted_total"))
                .body(containsString("ispeed_ingest_rejected_total{reason=\"malformed_json\"}"))
                .body(containsString("ispeed_ingest_request_seconds"));
    }

    @Test
    void readinessIncludesKafka() {
        given().when().get("/q/health/ready").then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItem("kafka"));
    }

    @Test
    void testIdIsNormalisedToLowerCase() {
        ObjectNode m = measurement();
        String upper = UUID.randomUUID().toString().toUpperCase();
        m.put("testId", upper);
        post(SINGLE, json(m)).statusCode(202).body("testId", equalTo(upper.toLowerCase()));
    }
}

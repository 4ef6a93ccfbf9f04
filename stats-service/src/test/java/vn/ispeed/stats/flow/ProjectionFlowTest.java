package vn.ispeed.stats.flow;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import vn.ispeed.events.CoverageChanged;
import vn.ispeed.events.CoverageStatus;
import vn.ispeed.events.MeasurementLocated;
import vn.ispeed.events.NetworkType;
import vn.ispeed.stats.projection.LocatedMeasurementConsumer;
import vn.ispeed.stats.support.CoverageTopic;
import vn.ispeed.stats.support.Db;
import vn.ispeed.stats.support.Events;
import vn.ispeed.stats.support.TestTokens;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

/** Real Kafka + PostgreSQL: located events in, figures out through the API, exactly once. */
@QuarkusTest
class ProjectionFlowTest {
    private static final Instant MARCH = Instant.parse("2026-03-10T03:00:00Z");

    @Inject
    LocatedMeasurementConsumer consumer;

    private static ValidatableResponse cell(String token, String unit, String period) {
        var spec = given();
        if (token != null) {
            spec = spec.auth().oauth2(token);
        }
        return spec.queryParam("network", "fixed").queryParam("period", period)
                .get("/api/v1/stats/vn-2025/units/" + unit).then().statusCode(200);
    }

    private static long coverageEvents(String unit, String period) {
        return CoverageTopic.all().stream()
                .filter(e -> e.key().equals("vn-2025:" + unit + ":FIXED") && e.period().equals(period)).count();
    }

    @Test
    void publishesAtTheThresholdAnnouncesOnceAndIgnoresDuplicatesAndRedelivery() throws Exception {
        List<MeasurementLocated> tests = new ArrayList<>();
        double[] downloads = new double[30];
        for (int i = 0; i < 30; i++) {
            downloads[i] = 40_000 + i * 997 % 17_000;
            tests.add(Events.hanoi("00004", "Ba Đình", NetworkType.FIXED, "viettel", "device-" + (i % 10),
                    MARCH.plusSeconds(i * 60L), downloads[i]));
        }
        Events.send(tests.subList(0, 29));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                cell(TestTokens.ministry(), "00004", "2026-03").body("tests", equalTo(29)));
        cell(TestTokens.ministry(), "00004", "2026-03")
                .body("status", equalTo("INSUFFICIENT")).body("devices", equalTo(10))
                .body("needs.tests", equalTo(1)).body("needs.devices", equalTo(0)).body("downloadKbps", nullValue());
        cell(null, "00004", "2026-03").body("status", equalTo("INSUFFICIENT")).body("tests", nullValue())
                .body("needs", nullValue());

        Events.send(tests.subList(29, 30));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                cell(null, "00004", "2026-03").body("status", equalTo("PUBLISHED")).body("tests", equalTo(30)));
        double median = cell(null, "00004", "2026-03").body("devices", equalTo(10))
                .extract().jsonPath().getDouble("downloadKbps.median");
        double[] sorted = downloads.clone();
        Arrays.sort(sorted);
        // percentile_cont: the mean of the 15th and 16th of 30 (rest-assured reads the JSON number as a float)
        assertThat(median).as("median download").isCloseTo(sorted[14] + 0.5 * (sorted[15] - sorted[14]),
                org.assertj.core.api.Assertions.withinPercentage(0.00002));
        // the province (100 tests needed) and the day cell follow from the same facts
        cell(TestTokens.ministry(), "01", "2026-03").body("status", equalTo("INSUFFICIENT")).body("tests", equalTo(30))
                .body("needs.tests", equalTo(70)).body("needs.devices", equalTo(20));
        cell(TestTokens.ministry(), "00004", "2026-03-10").body("tests", equalTo(30));
        cell(TestTokens.ministry(), "00004", "2026-Q1").body("status", equalTo("PUBLISHED"));

        await().atMost(Duration.ofSeconds(30)).until(() -> coverageEvents("00004", "2026-03") >= 1
                && coverageEvents("00004", "2026-Q1") >= 1);
        CoverageChanged changed = CoverageTopic.all().stream()
                .filter(e -> e.key().equals("vn-2025:00004:FIXED") && e.period().equals("2026-03")).findFirst().orElseThrow();
        assertThat(changed.previous()).isEqualTo(CoverageStatus.INSUFFICIENT);
        assertThat(changed.status()).isEqualTo(CoverageStatus.PUBLISHED);
        assertThat(changed.tests()).isEqualTo(30);
        assertThat(changed.provinceCode()).isEqualTo("01");
        await().atMost(Duration.ofSeconds(30)).until(Db::projectedToEnd);
        Map<String, List<Object>> before = Db.cellFigures();

        // the same tests again (a retried upload, a replayed producer): nothing changes
        Events.send(tests);
        await().atMost(Duration.ofSeconds(30)).until(Db::projectedToEnd);
        assertThat(Db.cellFigures()).isEqualTo(before);

        // the whole partition delivered a second time from offset 0: nothing changes
        consumer.betweenBatches(() -> Db.execute("UPDATE checkpoint SET next_offset = 0"));
        await().atMost(Duration.ofSeconds(60)).until(Db::projectedToEnd);
        assertThat(Db.cellFigures()).isEqualTo(before);
        assertThat(coverageEvents("00004", "2026-03")).as("CoverageChanged for 00004 in 2026-03").isEqualTo(1);
        assertThat(coverageEvents("00004", "2026-Q1")).as("CoverageChanged for 00004 in 2026-Q1").isEqualTo(1);
        assertThat(Db.count("SELECT count(*) FROM fact WHERE commune_code = '00004' AND measured_at < '2026-04-01'"))
                .isEqualTo(30);
    }

    @Test
    void aPoisonRecordGoesToTheDeadLetterTopicAndThePartitionGoesOn() throws Exception {
        long dead = consumer.deadLettered();
        Events.sendRaw("00008", "{not an event".getBytes(StandardCharsets.UTF_8));
        Events.send(List.of(Events.hanoi("00008", "Ngọc Hà", NetworkType.FIXED, "vnpt", "device-x",
                Instant.parse("2026-04-02T03:00:00Z"), 20_000)));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                cell(TestTokens.ministry(), "00008", "2026-04").body("tests", equalTo(1)));
        assertThat(consumer.deadLettered()).isGreaterThan(dead);
        // an unlocated test is kept for reconciliation, once per (test, set) however often it is delivered
        var unlocated = new vn.ispeed.events.MeasurementUnlocated(java.util.UUID.randomUUID(), "vn-2025",
                vn.ispeed.events.UnlocatedReason.OUTSIDE_BOUNDARIES, "device-sea", Instant.parse("2026-04-02T03:00:00Z"),
                new vn.ispeed.events.Network(NetworkType.MOBILE, vn.ispeed.events.Technology.G4, "viettel", "452-04", true),
                Instant.now());
        Events.send(List.of(unlocated, unlocated));
        await().atMost(Duration.ofSeconds(30)).until(Db::projectedToEnd);
        assertThat(Db.count("SELECT count(*) FROM unlocated_fact WHERE test_id = '" + unlocated.testId() + "'")).isEqualTo(1);
    }
}

package vn.ispeed.stats.flow;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import vn.ispeed.events.MeasurementLocated;
import vn.ispeed.events.NetworkType;
import vn.ispeed.stats.support.Db;
import vn.ispeed.stats.support.Events;
import vn.ispeed.stats.support.TestTokens;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/** A rebuild from offset 0 into fresh tables gives exactly the incremental figures, then the live projection goes on. */
@QuarkusTest
class RebuildTest {

    @Test
    void rebuiltFiguresEqualIncrementalOnes() throws Exception {
        List<MeasurementLocated> tests = new ArrayList<>();
        for (int i = 0; i < 120; i++) {
            String commune = i % 3 == 0 ? "00025" : "00070";
            tests.add(Events.hanoi(commune, i % 3 == 0 ? "Giảng Võ" : "Hoàn Kiếm", i % 2 == 0 ? NetworkType.FIXED : NetworkType.MOBILE,
                    i % 4 == 0 ? "viettel" : "vnpt", "rb-device-" + (i % 37), Instant.parse("2026-06-01T00:00:00Z").plusSeconds(i * 7_919L),
                    10_000 + (i * 7_777) % 90_000));
        }
        Events.send(tests);
        await().atMost(Duration.ofSeconds(30)).until(Db::projectedToEnd);
        Map<String, List<Object>> incremental = Db.cellFigures();
        assertThat(incremental).isNotEmpty();

        String location = given().auth().oauth2(TestTokens.ops()).post("/api/v1/ops/rebuild")
                .then().statusCode(202).body("state", equalTo("RUNNING")).extract().header("Location");
        await().atMost(Duration.ofSeconds(90)).untilAsserted(() ->
                given().auth().oauth2(TestTokens.ops()).get(location).then().statusCode(200).body("state", equalTo("DONE")));
        var progress = given().auth().oauth2(TestTokens.ops()).get(location).then().extract().jsonPath();
        assertThat(progress.getLong("offsetsDone")).isEqualTo(progress.getLong("offsetsTotal"));
        assertThat(progress.getLong("events")).isGreaterThanOrEqualTo(120);

        assertThat(Db.cellFigures()).isEqualTo(incremental);
        // the swapped-in cell table keeps the live one's storage and vacuum parameters, and sketches in the row
        assertThat(Db.count("SELECT count(*) FROM pg_class WHERE oid = 'cell'::regclass"
                + " AND reloptions @> ARRAY['fillfactor=70', 'toast_tuple_target=8160', 'autovacuum_vacuum_cost_delay=0',"
                + " 'autovacuum_vacuum_scale_factor=0', 'autovacuum_vacuum_threshold=10000']")).isEqualTo(1);
        assertThat(Db.count("SELECT count(*) FROM pg_attribute WHERE attrelid = 'cell'::regclass"
                + " AND attname LIKE '%\\_sketch' AND attstorage = 'e'")).isEqualTo(6);

        // the live projection continues on the swapped tables
        Events.send(List.of(Events.hanoi("00025", "Giảng Võ", NetworkType.FIXED, "viettel", "after-rebuild",
                Instant.parse("2026-07-01T03:00:00Z"), 33_000)));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().auth().oauth2(TestTokens.ministry())
                .queryParam("network", "fixed").queryParam("period", "2026-07")
                .get("/api/v1/stats/vn-2025/units/00025").then().statusCode(200).body("tests", equalTo(1)));
    }
}

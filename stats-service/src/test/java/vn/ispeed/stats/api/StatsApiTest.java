package vn.ispeed.stats.api;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.BeforeEach;
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

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

/**
 * Every endpoint × every role on seeded May 2026 data: HCM commune 25747 published (35 tests, 12
 * devices), HCM 25750 and Hà Nội 00025 insufficient (5 tests each), Hà Nội 00004 published.
 */
@QuarkusTest
class StatsApiTest {
    private static final Instant MAY = Instant.parse("2026-05-12T03:00:00Z");
    private static final Instant APRIL = Instant.parse("2026-04-20T03:00:00Z");
    private static final Instant JUNE = Instant.parse("2026-06-03T03:00:00Z");
    private static boolean seeded;

    @BeforeEach
    void seed() {
        if (seeded) {
            return;
        }
        List<MeasurementLocated> events = new ArrayList<>();
        for (int i = 0; i < 35; i++) {
            events.add(Events.located("79", "Hồ Chí Minh", "25747", "Thủ Dầu Một", NetworkType.FIXED, "viettel",
                    "hcm-" + (i % 12), MAY.plusSeconds(i * 60L), 50_000 + i * 1_000));
            events.add(Events.hanoi("00004", "Ba Đình", NetworkType.FIXED, "fpt", "hn-" + (i % 12), MAY.plusSeconds(i * 60L),
                    60_000 + i * 1_000));
        }
        for (int i = 0; i < 5; i++) {
            events.add(Events.located("79", "Hồ Chí Minh", "25750", "Phú Lợi", NetworkType.FIXED, "vnpt", "hcm-x" + i,
                    MAY.plusSeconds(i * 60L), 30_000));
            events.add(Events.hanoi("00025", "Giảng Võ", NetworkType.FIXED, "vnpt", "hn-x" + i, MAY.plusSeconds(i * 60L), 30_000));
        }
        for (int i = 0; i < 20; i++) { // Phú An: 20 viettel tests in April and 20 in June, 12 devices in all
            events.add(Events.located("79", "Hồ Chí Minh", "25768", "Phú An", NetworkType.FIXED, "viettel", "pa-" + (i % 8),
                    APRIL.plusSeconds(i * 60L), 40_000 + i * 997));
            events.add(Events.located("79", "Hồ Chí Minh", "25768", "Phú An", NetworkType.FIXED, "viettel", "pa-" + (4 + i % 8),
                    JUNE.plusSeconds(i * 60L), 45_000 + i * 1_013));
        }
        Events.send(events);
        await().atMost(Duration.ofSeconds(30)).until(Db::projectedToEnd);
        seeded = true;
    }

    private static RequestSpecification as(String token) {
        RequestSpecification spec = given();
        return token == null ? spec : spec.auth().oauth2(token);
    }

    private static RequestSpecification may(String token) {
        return as(token).queryParam("network", "fixed").queryParam("period", "2026-05");
    }

    @Test
    void aPublishedCellShowsItsFiguresToEveryone() {
        for (String token : new String[] {null, TestTokens.department("01"), TestTokens.department("79"), TestTokens.ministry(), TestTokens.ops()}) {
            may(token).get("/api/v1/stats/vn-2025/units/25747").then().statusCode(200)
                    .body("status", equalTo("PUBLISHED")).body("tests", equalTo(35)).body("devices", equalTo(12))
                    .body("downloadKbps.median", notNullValue()).body("uploadKbps.p90", notNullValue())
                    .body("latencyMs.mean", notNullValue()).body("jitterMedianMs", notNullValue()).body("needs", nullValue());
        }
    }

    @Test
    void anInsufficientCellShowsCountsAndNeedsOnlyToItsDepartmentAndTheMinistry() {
        may(null).get("/api/v1/stats/vn-2025/units/25750").then().statusCode(200)
                .body("status", equalTo("INSUFFICIENT")).body("detail", equalTo("public"))
                .body("tests", nullValue()).body("needs", nullValue()).body("downloadKbps", nullValue());
        may(TestTokens.department("79")).get("/api/v1/stats/vn-2025/units/25750").then().statusCode(200)
                .body("detail", equalTo("full")).body("tests", equalTo(5)).body("devices", equalTo(5))
                .body("needs.tests", equalTo(25)).body("needs.devices", equalTo(5)).body("downloadKbps", nullValue());
        may(TestTokens.department("01")).get("/api/v1/stats/vn-2025/units/25750").then().statusCode(200)
                .body("detail", equalTo("public")).body("tests", nullValue()).body("needs", nullValue());
        may(TestTokens.ministry()).get("/api/v1/stats/vn-2025/units/25750").then().statusCode(200)
                .body("tests", equalTo(5)).body("needs.tests", equalTo(25));
        may(TestTokens.ops()).get("/api/v1/stats/vn-2025/units/25750").then().statusCode(200)
                .body("tests", nullValue());
        may(TestTokens.department("01")).get("/api/v1/stats/vn-2025/units/00025").then().statusCode(200)
                .body("tests", equalTo(5)).body("needs.tests", equalTo(25));
    }

    @Test
    void aUnitWithNoTestsIsInsufficientAndNeedsEverything() {
        may(TestTokens.department("79")).get("/api/v1/stats/vn-2025/units/25760").then().statusCode(200)
                .body("status", equalTo("INSUFFICIENT")).body("tests", equalTo(0))
                .body("needs.tests", equalTo(30)).body("needs.devices", equalTo(10));
    }

    @Test
    void childrenOfAProvinceListEveryCommuneWithStatus() {
        may(TestTokens.department("79")).get("/api/v1/stats/vn-2025/units/79/children").then().statusCode(200)
                .body("parent.unitCode", equalTo("79")).body("parent.tests", equalTo(40))
                .body("children", hasSize(168))
                .body("children.find { it.unitCode == '25747' }.status", equalTo("PUBLISHED"))
                .body("children.find { it.unitCode == '25750' }.needs.tests", equalTo(25));
        may(TestTokens.department("01")).get("/api/v1/stats/vn-2025/units/79/children").then().statusCode(200)
                .body("children.find { it.unitCode == '25750' }.needs", nullValue())
                .body("children.find { it.unitCode == '25747' }.tests", equalTo(35));
        may(null).get("/api/v1/stats/vn-2025/units/VN/children").then().statusCode(200).body("children", hasSize(34));
    }

    @Test
    void operatorsRankOnlyPublishedOperatorCells() {
        may(null).get("/api/v1/stats/vn-2025/units/25747/operators").then().statusCode(200)
                .body("", hasSize(1)).body("[0].rank", equalTo(1)).body("[0].operator", equalTo("viettel"))
                .body("[0].cell.tests", equalTo(35));
        may(TestTokens.ministry()).get("/api/v1/stats/vn-2025/units/25750/operators").then().statusCode(200).body("", hasSize(0));
        may(null).queryParam("operator", "viettel").get("/api/v1/stats/vn-2025/units/25747").then().statusCode(200)
                .body("operator", equalTo("viettel")).body("status", equalTo("PUBLISHED"));
    }

    @Test
    void seriesIsMonthly() {
        as(null).queryParam("network", "fixed").queryParam("from", "2026-04").queryParam("to", "2026-06")
                .get("/api/v1/stats/vn-2025/units/25747/series").then().statusCode(200)
                .body("", hasSize(3)).body("[0].period", equalTo("2026-04")).body("[0].status", equalTo("INSUFFICIENT"))
                .body("[1].period", equalTo("2026-05")).body("[1].tests", equalTo(35));
    }

    @Test
    void anOperatorsQuarterIsItsMonthsMerged() {
        // per-operator cells are stored per month only; the quarter merges them, and must equal the stored ALL
        // quarter of the same 40 tests (every test of Phú An is viettel)
        String all = as(TestTokens.ministry()).queryParam("network", "fixed").queryParam("period", "2026-Q2")
                .get("/api/v1/stats/vn-2025/units/25768").then().statusCode(200)
                .body("status", equalTo("PUBLISHED")).body("tests", equalTo(40)).body("devices", equalTo(12))
                .extract().path("downloadKbps.median").toString();
        as(TestTokens.ministry()).queryParam("network", "fixed").queryParam("period", "2026-Q2").queryParam("operator", "viettel")
                .get("/api/v1/stats/vn-2025/units/25768").then().statusCode(200)
                .body("operator", equalTo("viettel")).body("status", equalTo("PUBLISHED"))
                .body("tests", equalTo(40)).body("devices", equalTo(12))
                .body("downloadKbps.median", equalTo(Float.parseFloat(all)));
        as(TestTokens.ministry()).queryParam("network", "fixed").queryParam("period", "2026-04").queryParam("operator", "viettel")
                .get("/api/v1/stats/vn-2025/units/25768").then().statusCode(200)
                .body("status", equalTo("INSUFFICIENT")).body("tests", equalTo(20)).body("devices", equalTo(8));
        as(null).queryParam("network", "fixed").queryParam("period", "2026-Q2")
                .get("/api/v1/stats/vn-2025/units/25768/operators").then().statusCode(200)
                .body("", hasSize(1)).body("[0].operator", equalTo("viettel")).body("[0].cell.tests", equalTo(40));
    }

    @Test
    void last12MonthsMergesTheMonthCells() {
        // last12m ends with the current month: May 2026 is inside it only while the clock is within a year
        as(TestTokens.ministry()).queryParam("network", "fixed").queryParam("period", "last12m")
                .get("/api/v1/stats/vn-2025/units/25747").then().statusCode(200).body("period", equalTo("last12m"));
    }

    @Test
    void coverageReportForAProvinceWithTheSentence() {
        may(TestTokens.department("79")).queryParam("province", "79").get("/api/v1/coverage/vn-2025").then().statusCode(200)
                .body("levels[1].level", equalTo("commune")).body("levels[1].units", equalTo(168))
                .body("levels[1].insufficient", equalTo(167)).body("levels[1].published", equalTo(1))
                .body("sentence", equalTo("Mạng băng rộng cố định: 167/168 xã/phường/đặc khu không đủ mẫu để thống kê"))
                .body("sentenceEn", equalTo("Fixed broadband: 167/168 communes without enough samples"))
                .body("levels[1].insufficientUnits.find { it.code == '25750' }.needTests", equalTo(25));
        may(null).queryParam("province", "79").get("/api/v1/coverage/vn-2025").then().statusCode(200)
                .body("levels[1].insufficientUnits.find { it.code == '25750' }.needTests", nullValue())
                .body("levels[1].insufficientUnits.find { it.code == '25750' }.name", equalTo("Phú Lợi"));
    }

    @Test
    void nationalCoverageCountsEveryCommuneOfTheCatalogue() {
        var json = may(TestTokens.ministry()).get("/api/v1/coverage/vn-2025").then().statusCode(200)
                .body("levels[0].units", equalTo(34)).body("levels[1].units", equalTo(3321))
                .body("sentence", startsWith("Mạng băng rộng cố định: ")).extract().jsonPath();
        assertThat(json.getInt("levels[1].insufficient")).isLessThanOrEqualTo(3319);
        as(null).queryParam("network", "mobile").queryParam("period", "2026-05").get("/api/v1/coverage/vn-2024").then().statusCode(200)
                .body("levels[1].units", equalTo(705)).body("levels[2].units", equalTo(10595))
                .body("levels[2].cannotReceiveTests", equalTo(10259))
                .body("sentence", equalTo("Mạng băng rộng di động: 705/705 quận/huyện và 10595/10595 xã/phường không đủ mẫu để thống kê;"
                        + " 10259 xã/phường chưa thể nhận phép đo nào với dữ liệu ranh giới hiện có"));
    }

    @Test
    void csvExportHoldsPublishedCellsOnly() {
        String csv = as(null).queryParam("level", "commune").queryParam("network", "fixed").queryParam("period", "2026-05")
                .get("/api/v1/stats/vn-2025/export.csv").then().statusCode(200)
                .header("Content-Type", containsString("text/csv")).extract().asString();
        String[] lines = csv.split("\r\n");
        assertThat(lines[0]).startsWith("\uFEFFboundary_set,unit_code,unit_name,unit_type,unit_full_name,level,parent_code,"
                + "province_code,network,period,tests,devices,download_median_kbps");
        assertThat(csv).contains("vn-2025,25747,Thủ Dầu Một,Phường,Phường Thủ Dầu Một,commune,79,79,FIXED,2026-05,35,12,")
                .contains("vn-2025,00004,Ba Đình,Phường,Phường Ba Đình,commune,01,01,FIXED,2026-05,35,12,")
                .doesNotContain("25750").doesNotContain("00025");
    }

    @Test
    void geojsonExportJoinsGeoServiceBoundaries() {
        as(null).queryParam("level", "commune").queryParam("network", "fixed").queryParam("period", "2026-05").queryParam("parent", "01")
                .get("/api/v1/stats/vn-2025/export.geojson").then().statusCode(200)
                .body("type", equalTo("FeatureCollection")).body("features", hasSize(1))
                .body("features[0].id", equalTo("00004")).body("features[0].geometry.type", equalTo("Polygon"))
                .body("features[0].properties.tests", equalTo(35));
    }

    @Test
    void badInputIsAProblemNeverAServerError() {
        may(null).get("/api/v1/stats/vn-2099/units/25747").then().statusCode(404)
                .contentType("application/problem+json").body("type", equalTo("https://ispeed.vn/problems/not-found"));
        may(null).get("/api/v1/stats/vn-2025/units/99999").then().statusCode(404).contentType("application/problem+json");
        as(null).queryParam("network", "wifi").queryParam("period", "2026-05").get("/api/v1/stats/vn-2025/units/25747")
                .then().statusCode(400).contentType("application/problem+json")
                .body("type", equalTo("https://ispeed.vn/problems/validation")).body("errors[0].field", equalTo("network"));
        as(null).queryParam("period", "2026-05").get("/api/v1/stats/vn-2025/units/25747").then().statusCode(400)
                .body("errors[0].field", equalTo("network"));
        for (String bad : new String[] {"2026-13", "2026-Q7", "2026-02-30", "yesterday"}) {
            as(null).queryParam("network", "fixed").queryParam("period", bad).get("/api/v1/stats/vn-2025/units/25747")
                    .then().statusCode(400).body("errors[0].field", equalTo("period"));
        }
        as(null).queryParam("network", "fixed").queryParam("from", "2026-06").queryParam("to", "2026-01")
                .get("/api/v1/stats/vn-2025/units/25747/series").then().statusCode(400).body("errors[0].field", equalTo("from"));
        as(null).queryParam("network", "fixed").queryParam("from", "2026-6").get("/api/v1/stats/vn-2025/units/25747/series")
                .then().statusCode(400);
        may(null).queryParam("province", "25747").get("/api/v1/coverage/vn-2025").then().statusCode(400)
                .body("errors[0].field", equalTo("province"));
        may(null).get("/api/v1/coverage/nowhere").then().statusCode(404);
        may(null).queryParam("level", "district").get("/api/v1/stats/vn-2025/export.csv").then().statusCode(400)
                .body("errors[0].field", equalTo("level"));
        may(null).queryParam("operator", "x y").get("/api/v1/stats/vn-2025/units/25747").then().statusCode(400);
        as(null).queryParam("network", "fixed").queryParam("period", "2026-05-12").queryParam("operator", "viettel")
                .get("/api/v1/stats/vn-2025/units/25747").then().statusCode(400).body("errors[0].field", equalTo("operator"));
    }

    @Test
    void opsEndpointsNeedTheOpsRole() {
        as(null).post("/api/v1/ops/rebuild").then().statusCode(401);
        as(TestTokens.department("79")).post("/api/v1/ops/rebuild").then().statusCode(403);
        as(TestTokens.ministry()).post("/api/v1/ops/rebuild").then().statusCode(403);
        as(TestTokens.department("01")).get("/api/v1/ops/rebuild/" + java.util.UUID.randomUUID()).then().statusCode(403);
        as(TestTokens.ops()).get("/api/v1/ops/rebuild/" + java.util.UUID.randomUUID()).then().statusCode(404)
                .contentType("application/problem+json");
        as(TestTokens.ops()).get("/api/v1/ops/rebuild/not-a-uuid").then().statusCode(400);
        as(TestTokens.ops()).get("/api/v1/ops/reconciliation").then().statusCode(200)
                .body("'vn-2025'.located", org.hamcrest.Matchers.greaterThanOrEqualTo(80));
        as(TestTokens.ministry()).get("/api/v1/ops/reconciliation").then().statusCode(403);
        as(null).get("/api/v1/ops/reconciliation").then().statusCode(401);
    }

    @Test
    void badTokensAre401() {
        for (String token : new String[] {TestTokens.expired(), TestTokens.otherIssuer(), TestTokens.tampered(), TestTokens.foreignKey(), "garbage"}) {
            may(token).get("/api/v1/stats/vn-2025/units/25750").then().statusCode(401);
        }
    }

    @Test
    void healthIsUp() {
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
        given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"))
                .body("checks.find { it.name == 'stats-projection' }.data.lastBatchOk", equalTo(true))
                .body("checks.find { it.name == 'stats-projection' }.data.batchesRetriedOnConflict", notNullValue());
    }
}

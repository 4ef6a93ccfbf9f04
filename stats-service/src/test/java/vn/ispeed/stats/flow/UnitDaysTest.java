package vn.ispeed.stats.flow;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;
import vn.ispeed.events.MeasurementLocated;
import vn.ispeed.events.Metrics;
import vn.ispeed.events.Network;
import vn.ispeed.events.NetworkType;
import vn.ispeed.events.Technology;
import vn.ispeed.events.UnitRef;
import vn.ispeed.stats.cell.CellState;
import vn.ispeed.stats.cell.Figures;
import vn.ispeed.stats.support.Db;
import vn.ispeed.stats.support.Events;
import vn.ispeed.stats.support.TestTokens;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.withinPercentage;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/**
 * The day of a commune, district or province is read from its facts, not from a stored cell: the unit, the children
 * of its parent and the coverage report give for it exactly the figures the projection's own fold gives for the
 * same tests, with Vietnam's day boundaries, per network, in both boundary sets; only the nation's days are cells.
 */
@QuarkusTest
class UnitDaysTest {
    // 23:59:59 on 14 August in Hà Nội is 16:59:59Z; 17:00:00Z is already the 15th
    private static final Instant AUG_14 = Instant.parse("2026-08-14T01:00:00Z");
    private static final org.assertj.core.data.Percentage SAME = withinPercentage(0.00002);

    private static JsonPath get(String token, String path, String network, String period) {
        return given().auth().oauth2(token).queryParam("network", network).queryParam("period", period)
                .get(path).then().statusCode(200).extract().jsonPath();
    }

    /**
     * The API's figures against the projection's own fold of the same tests (rest-assured's JsonPath reads
     * decimals as floats: 7 significant digits).
     */
    private static void assertSameFigures(JsonPath json, String prefix, Figures expected) {
        assertThat(json.getLong(prefix + "tests")).isEqualTo(expected.tests());
        assertThat(json.getLong(prefix + "devices")).isEqualTo(expected.devices());
        assertThat(json.getDouble(prefix + "downloadKbps.median")).isCloseTo(expected.download().median(), SAME);
        assertThat(json.getDouble(prefix + "downloadKbps.p10")).isCloseTo(expected.download().p10(), SAME);
        assertThat(json.getDouble(prefix + "downloadKbps.p90")).isCloseTo(expected.download().p90(), SAME);
        assertThat(json.getDouble(prefix + "downloadKbps.mean")).isCloseTo(expected.download().mean(), SAME);
        assertThat(json.getDouble(prefix + "latencyMs.median")).isCloseTo(expected.latency().median(), SAME);
    }

    @Test
    void aCommunesDayIsFoldedFromItsFactsWithVietnamsDayAndNetwork() throws Exception {
        Random r = new Random(14);
        List<MeasurementLocated> ngocHa = new ArrayList<>();
        CellState expected = CellState.empty();
        for (int i = 0; i < 40; i++) {
            // 40 tests from 01:00Z to 16:59:59Z of the 14th (the last one a second before midnight in Hà Nội)
            Instant at = i == 39 ? Instant.parse("2026-08-14T16:59:59Z") : AUG_14.plusSeconds(i * 1_200L);
            MeasurementLocated e = Events.hanoi("00008", "Ngọc Hà", NetworkType.FIXED, i % 2 == 0 ? "viettel" : "vnpt",
                    "day-device-" + (i % 12), at, 20_000 * Math.exp(0.7 * r.nextGaussian()));
            ngocHa.add(e);
            expected.add(e.deviceId(), e.metrics());
        }
        CellState province = CellState.empty(); // Hà Nội's fixed tests of the 14th: Ngọc Hà's and Ba Đình's
        ngocHa.forEach(e -> province.add(e.deviceId(), e.metrics()));
        List<MeasurementLocated> other = new ArrayList<>();
        // midnight in Hà Nội: the 15th; a mobile test the same day; another commune of the province
        other.add(Events.hanoi("00008", "Ngọc Hà", NetworkType.FIXED, "viettel", "day-device-x",
                Instant.parse("2026-08-14T17:00:00Z"), 9_000));
        for (int i = 0; i < 3; i++) {
            other.add(Events.hanoi("00008", "Ngọc Hà", NetworkType.MOBILE, "viettel", "day-phone-" + i, AUG_14.plusSeconds(i), 30_000));
        }
        for (int i = 0; i < 5; i++) {
            MeasurementLocated e = Events.hanoi("00004", "Ba Đình", NetworkType.FIXED, "vnpt", "day-device-b" + i,
                    AUG_14.plusSeconds(i), 50_000 + i);
            other.add(e);
            province.add(e.deviceId(), e.metrics());
        }
        for (int i = 0; i < 60; i++) { // Giảng Võ: with these, Hà Nội's day passes a province's 100 tests / 30 devices
            MeasurementLocated e = Events.hanoi("00025", "Giảng Võ", NetworkType.FIXED, "viettel", "day-device-g" + (i % 20),
                    AUG_14.plusSeconds(100 + i * 60L), 15_000 * Math.exp(0.5 * r.nextGaussian()));
            other.add(e);
            province.add(e.deviceId(), e.metrics());
        }
        Events.send(ngocHa);
        Events.send(other);
        Events.send(ngocHa.subList(0, 10)); // re-sent: counted once
        await().atMost(Duration.ofSeconds(30)).until(Db::projectedToEnd);
        Figures day = expected.figures();
        String ministry = TestTokens.ministry();

        assertSameFigures(get(ministry, "/api/v1/stats/vn-2025/units/00008", "fixed", "2026-08-14"), "", day);
        assertThat(get(ministry, "/api/v1/stats/vn-2025/units/00008", "fixed", "2026-08-15").getLong("tests")).isEqualTo(1);
        assertThat(get(ministry, "/api/v1/stats/vn-2025/units/00008", "mobile", "2026-08-14").getLong("tests")).isEqualTo(3);
        // 40 tests from 12 devices pass the commune's 30 / 10: published, with figures, to anyone
        given().queryParam("network", "fixed").queryParam("period", "2026-08-14").get("/api/v1/stats/vn-2025/units/00008")
                .then().statusCode(200).body("status", equalTo("PUBLISHED")).body("tests", equalTo(40));

        JsonPath children = get(ministry, "/api/v1/stats/vn-2025/units/01/children", "fixed", "2026-08-14");
        assertSameFigures(children, "children.find { it.unitCode == '00008' }.", day);
        assertThat(children.getLong("children.find { it.unitCode == '00004' }.tests")).isEqualTo(5);
        // the province's day, from its facts too, holds exactly its communes' days
        assertSameFigures(children, "parent.", province.figures());
        assertSameFigures(get(ministry, "/api/v1/stats/vn-2025/units/01", "fixed", "2026-08-14"), "", province.figures());
        // the nation's children are provinces: their days from facts; the nation's own day is a stored cell
        JsonPath provinces = get(ministry, "/api/v1/stats/vn-2025/units/VN/children", "fixed", "2026-08-14");
        assertSameFigures(provinces, "children.find { it.unitCode == '01' }.", province.figures());
        assertThat(provinces.getLong("parent.tests")).isGreaterThanOrEqualTo(105);

        JsonPath coverage = given().auth().oauth2(ministry).queryParam("network", "fixed").queryParam("period", "2026-08-14")
                .queryParam("province", "01").get("/api/v1/coverage/vn-2025").then().statusCode(200).extract().jsonPath();
        assertThat(coverage.getInt("levels[0].published")).as("Hà Nội's day, from its facts").isEqualTo(1);
        assertThat(coverage.getInt("levels[1].published")).as("Ngọc Hà and Giảng Võ").isEqualTo(2);
        assertThat(coverage.getLong("levels[1].insufficientUnits.find { it.code == '00004' }.tests")).isEqualTo(5);
        assertThat(coverage.getLong("levels[1].insufficientUnits.find { it.code == '00004' }.needTests")).isEqualTo(25);

        assertThat(Db.count("SELECT count(*) FROM cell WHERE level <> 'nation' AND period_kind = 'DAY'"))
                .as("no day cells are stored below the nation").isZero();
        assertThat(Db.count("SELECT count(*) FROM cell WHERE level = 'nation' AND period_kind = 'DAY'")).isPositive();
    }

    @Test
    void aDistrictsAndAProvincesDayInTheOldSetComeFromTheirFacts() throws Exception {
        List<UnitRef> phucXa = List.of(new UnitRef("province", "01", "Hà Nội", "Thành phố"),
                new UnitRef("district", "001", "Ba Đình", "Quận"), new UnitRef("commune", "00001", "Phúc Xá", "Phường"));
        List<MeasurementLocated> tests = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            tests.add(new MeasurementLocated(UUID.randomUUID(), "vn-2024", phucXa, "INSIDE", 0, "old-device-" + i,
                    AUG_14.plusSeconds(i * 60L), new Network(NetworkType.FIXED, Technology.WIFI, "vnpt", "x", true),
                    new Metrics(10_000 + i, 2_000, 20, 1.0, 0.0), Instant.now()));
        }
        // located to its province only (no district polygon holds it): it counts in the province, in no district
        tests.add(new MeasurementLocated(UUID.randomUUID(), "vn-2024", phucXa.subList(0, 1), "INSIDE", 0, "old-device-p",
                AUG_14.plusSeconds(600), new Network(NetworkType.FIXED, Technology.WIFI, "vnpt", "x", true),
                new Metrics(30_000, 2_000, 20, 1.0, 0.0), Instant.now()));
        Events.send(tests);
        await().atMost(Duration.ofSeconds(30)).until(Db::projectedToEnd);
        JsonPath children = get(TestTokens.ministry(), "/api/v1/stats/vn-2024/units/001/children", "fixed", "2026-08-14");
        assertThat(children.getLong("parent.tests")).isEqualTo(7);
        JsonPath districts = get(TestTokens.ministry(), "/api/v1/stats/vn-2024/units/01/children", "fixed", "2026-08-14");
        assertThat(districts.getLong("parent.tests")).isEqualTo(8);
        assertThat(districts.getLong("parent.devices")).isEqualTo(8);
        assertThat(districts.getLong("children.find { it.unitCode == '001' }.tests")).isEqualTo(7);
        assertThat(get(TestTokens.ministry(), "/api/v1/stats/vn-2024/units/001", "fixed", "2026-08-14").getLong("tests"))
                .isEqualTo(7);
        assertThat(children.getLong("children.find { it.unitCode == '00001' }.tests")).isEqualTo(7);
        assertThat(children.getLong("children.find { it.unitCode == '00001' }.devices")).isEqualTo(7);
        assertThat(children.getLong("children.find { it.unitCode == '00001' }.needs.tests")).isEqualTo(23);
    }
}

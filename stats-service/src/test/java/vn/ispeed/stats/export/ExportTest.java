package vn.ispeed.stats.export;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vn.ispeed.events.MeasurementLocated;
import vn.ispeed.events.Metrics;
import vn.ispeed.events.Network;
import vn.ispeed.events.NetworkType;
import vn.ispeed.events.Technology;
import vn.ispeed.events.UnitRef;
import vn.ispeed.stats.support.Db;
import vn.ispeed.stats.support.Events;
import vn.ispeed.stats.support.FakeGeoService;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

/**
 * The exports as an outside client meets them, on September 2025 data of both sets (Ngọc Hà 00008 in vn-2025; Quận
 * Hoàn Kiếm 002 and its Phường Phúc Tân 00037 in vn-2024, each published): spreadsheet-safe CSV, GeoJSON with its
 * bbox, and what geo-service's answers become (stand-in geo-service, {@link FakeGeoService}; the real one is
 * {@link GeoJsonExportWithGeoServiceTest}'s).
 */
@QuarkusTest
class ExportTest {
    /** A month and units no other test of this module writes (the module's tests share one database). */
    private static final Instant SEPTEMBER = Instant.parse("2025-09-10T03:00:00Z");
    private static boolean seeded;

    @BeforeEach
    void seed() {
        if (seeded) {
            return;
        }
        List<MeasurementLocated> events = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            events.add(located("vn-2025", List.of(new UnitRef("province", "01", "Hà Nội", "Thành phố"),
                    new UnitRef("commune", "00008", "Ngọc Hà", "Phường")), "sep-25-" + (i % 15), i));
            events.add(located("vn-2024", List.of(new UnitRef("province", "01", "Thành phố Hà Nội", "Thành phố Trung ương"),
                    new UnitRef("district", "002", "Quận Hoàn Kiếm", "Quận"),
                    new UnitRef("commune", "00037", "Phường Phúc Tân", "Phường")), "sep-24-" + (i % 15), i));
        }
        Events.send(events);
        await().atMost(Duration.ofSeconds(60)).until(Db::projectedToEnd);
        seeded = true;
    }

    private static MeasurementLocated located(String set, List<UnitRef> path, String device, int i) {
        return new MeasurementLocated(UUID.randomUUID(), set, path, "INSIDE", 0, device, SEPTEMBER.plusSeconds(i * 60L),
                new Network(NetworkType.FIXED, Technology.WIFI, "fpt", "fpt", true),
                new Metrics(80_000 + i * 500, 40_000, 12, 2.0, 0.0), Instant.now());
    }

    @AfterEach
    void geoBackToNormal() {
        given().post(FakeGeoService.url() + "/fake/mode?m=normal").then().statusCode(204);
    }

    private static RequestSpecification september(String level) {
        return given().queryParam("level", level).queryParam("network", "fixed").queryParam("period", "2025-09");
    }

    /** The rows of a CSV export by unit code, every value read as text, as a spreadsheet told nothing would not. */
    private static Map<String, Map<String, String>> rows(byte[] body) throws IOException {
        assertThat(Arrays.copyOf(body, 3)).as("UTF-8 byte order mark").containsExactly(0xEF, 0xBB, 0xBF);
        String text = new String(body, 3, body.length - 3, StandardCharsets.UTF_8);
        Map<String, Map<String, String>> rows = new HashMap<>();
        try (MappingIterator<Map<String, String>> it = new CsvMapper().readerForMapOf(String.class)
                .with(CsvSchema.emptySchema().withHeader()).readValues(text)) {
            while (it.hasNext()) {
                Map<String, String> row = it.next();
                assertThat(row.keySet()).containsExactlyElementsOf(ExportService.HEADER);
                rows.put(row.get("unit_code"), row);
            }
        }
        return rows;
    }

    @Test
    void csvKeepsCodesAsTextAndNamesApartFromTheirTypeInBothSets() throws IOException {
        Map<String, Map<String, String>> communes2025 = rows(september("commune").get("/api/v1/stats/vn-2025/export.csv")
                .then().statusCode(200).extract().asByteArray());
        assertThat(communes2025.get("00008")).containsEntry("unit_code", "00008").containsEntry("unit_name", "Ngọc Hà")
                .containsEntry("unit_type", "Phường").containsEntry("unit_full_name", "Phường Ngọc Hà")
                .containsEntry("parent_code", "01").containsEntry("province_code", "01")
                .containsEntry("tests", "50").containsEntry("devices", "15").containsEntry("period", "2025-09");

        Map<String, Map<String, String>> districts2024 = rows(september("district").get("/api/v1/stats/vn-2024/export.csv")
                .then().statusCode(200).extract().asByteArray());
        assertThat(districts2024.get("002")).containsEntry("unit_name", "Hoàn Kiếm").containsEntry("unit_type", "Quận")
                .containsEntry("unit_full_name", "Quận Hoàn Kiếm").containsEntry("parent_code", "01")
                .containsEntry("tests", "50");

        Map<String, Map<String, String>> communes2024 = rows(september("commune").get("/api/v1/stats/vn-2024/export.csv")
                .then().statusCode(200).extract().asByteArray());
        assertThat(communes2024.get("00037")).containsEntry("unit_code", "00037").containsEntry("unit_name", "Phúc Tân")
                .containsEntry("unit_type", "Phường").containsEntry("unit_full_name", "Phường Phúc Tân")
                .containsEntry("parent_code", "002").containsEntry("province_code", "01");
    }

    @Test
    void geojsonCarriesTheBboxOfWhatItHolds() {
        september("commune").queryParam("parent", "01").get("/api/v1/stats/vn-2025/export.geojson").then().statusCode(200)
                .contentType("application/geo+json")
                .body("features", hasSize(1)).body("features[0].id", equalTo("00008"))
                .body("features[0].properties.name", equalTo("Ngọc Hà"))
                .body("features[0].properties.unitType", equalTo("Phường"))
                .body("features[0].properties.fullName", equalTo("Phường Ngọc Hà"))
                .body("features[0].properties.tests", equalTo(50))
                .body("features[0].geometry.coordinates[0][1]", contains(105.80f, 21.03f))
                .body("bbox", contains(105.78f, 21.03f, 105.80f, 21.05f));
    }

    @Test
    void aLevelWithoutPolygonsIsANotFoundProblemThatSaysSo() {
        september("commune").get("/api/v1/stats/vn-2024/export.geojson").then().statusCode(404)
                .contentType("application/problem+json")
                .body("type", equalTo("https://ispeed.vn/problems/no-boundaries"))
                .body("detail", equalTo("vn-2024 has no polygons for level commune"));
    }

    @Test
    void geoPreparingItsLayersIsUnavailableWithItsRetryAfter() {
        given().post(FakeGeoService.url() + "/fake/mode?m=preparing").then().statusCode(204);
        september("commune").get("/api/v1/stats/vn-2025/export.geojson").then().statusCode(503)
                .contentType("application/problem+json").header("Retry-After", "7")
                .body("type", equalTo("https://ispeed.vn/problems/unavailable"));
    }

    @Test
    void geoDroppingTheConnectionIsUnavailableWithRetryAfter() {
        given().post(FakeGeoService.url() + "/fake/mode?m=hangup").then().statusCode(204);
        september("commune").get("/api/v1/stats/vn-2025/export.geojson").then().statusCode(503)
                .contentType("application/problem+json")
                .header("Retry-After", String.valueOf(ExportService.GEO_RETRY_AFTER_SECONDS))
                .body("detail", equalTo("geo-service is unreachable"));
    }
}

package vn.ispeed.stats.export;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import vn.ispeed.events.MeasurementLocated;
import vn.ispeed.events.Metrics;
import vn.ispeed.events.Network;
import vn.ispeed.events.NetworkType;
import vn.ispeed.events.Technology;
import vn.ispeed.events.UnitRef;
import vn.ispeed.stats.catalogue.Unit;
import vn.ispeed.stats.catalogue.UnitCatalogue;
import vn.ispeed.stats.support.Db;
import vn.ispeed.stats.support.Events;
import vn.ispeed.stats.support.GeoServiceProcess;
import vn.ispeed.testsupport.geojson.OgrInfo;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/**
 * The GeoJSON export against the real geo-service ({@link GeoServiceProcess}), with every unit of both sets published
 * (one test each in September 2026, thresholds of one test and one device): the first export after both services start
 * answers 200; every export GDAL reads ({@link OgrInfo}) has valid geometries, counterclockwise shells and clockwise
 * holes, and a bbox; vn-2024's communes, which have no polygons, are a 404 problem; with geo-service gone the export
 * is a 503 with Retry-After.
 */
@QuarkusTest
@TestProfile(GeoJsonExportWithGeoServiceTest.RealGeoService.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class GeoJsonExportWithGeoServiceTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    /** A month no other test of this module writes (the module's tests share one database). */
    private static final Instant SEPTEMBER = Instant.parse("2026-09-10T03:00:00Z");
    private static boolean seeded;

    @TempDir
    static Path dir;

    public static class RealGeoService implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> config = new HashMap<>();
            for (String level : List.of("commune", "district", "province")) {
                config.put("stats.publication." + level + ".fixed.min-tests", "1");
                config.put("stats.publication." + level + ".fixed.min-devices", "1");
            }
            return config;
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(GeoServiceProcess.class));
        }
    }

    /** One test in every vn-2025 commune and every vn-2024 district, each from its own device. */
    private static void seed() {
        if (seeded) {
            return;
        }
        UnitCatalogue catalogue = new UnitCatalogue(Path.of(System.getProperty("ispeed.geo.root")));
        List<MeasurementLocated> events = new ArrayList<>();
        UnitCatalogue.BoundarySet vn2025 = catalogue.set("vn-2025").orElseThrow();
        for (Unit commune : vn2025.atLevel(Unit.COMMUNE)) {
            Unit province = vn2025.unit(commune.parentCode()).orElseThrow();
            events.add(located("vn-2025", List.of(ref(province), ref(commune)), events.size()));
        }
        UnitCatalogue.BoundarySet vn2024 = catalogue.set("vn-2024").orElseThrow();
        for (Unit district : vn2024.atLevel(Unit.DISTRICT)) {
            Unit province = vn2024.unit(district.parentCode()).orElseThrow();
            events.add(located("vn-2024", List.of(ref(province), ref(district)), events.size()));
        }
        Events.send(events);
        await().atMost(Duration.ofMinutes(2)).until(Db::projectedToEnd);
        seeded = true;
    }

    private static UnitRef ref(Unit u) {
        return new UnitRef(u.level(), u.code(), u.name(), u.type());
    }

    private static MeasurementLocated located(String set, List<UnitRef> path, int i) {
        return new MeasurementLocated(UUID.randomUUID(), set, path, "INSIDE", 0, "september-" + i, SEPTEMBER.plusSeconds(i),
                new Network(NetworkType.FIXED, Technology.WIFI, "fpt", "fpt", true),
                new Metrics(50_000 + i, 20_000, 15, 2.0, 0.0), Instant.now());
    }

    private static byte[] export(String set, String level, String parent) {
        var spec = given().queryParam("level", level).queryParam("network", "fixed").queryParam("period", "2026-09");
        if (parent != null) {
            spec.queryParam("parent", parent);
        }
        return spec.get("/api/v1/stats/" + set + "/export.geojson").then().statusCode(200)
                .contentType("application/geo+json").extract().asByteArray();
    }

    private static void assertValid(String name, byte[] body, int features) throws IOException {
        OgrInfo.Report report = OgrInfo.check(OgrInfo.write(dir, name, body), "code");
        assertThat(report.features()).as(name + ": features GDAL reads").isEqualTo(features);
        assertThat(report.invalid()).as(name + ": invalid geometries").isEmpty();
        assertThat(report.valid()).as(name + ": valid geometries").isEqualTo(features);
        assertThat(report.ccw()).as(name + ": counterclockwise shells, clockwise holes").isEqualTo(features);
        JsonNode json = MAPPER.readTree(body);
        assertThat(json.path("bbox")).as(name + ": bbox").hasSize(4);
        assertThat(json.path("bbox").get(0).asDouble()).isLessThan(json.path("bbox").get(2).asDouble());
        assertThat(json.path("bbox").get(1).asDouble()).isLessThan(json.path("bbox").get(3).asDouble());
    }

    @Test
    @Order(1)
    void theFirstExportAfterBothStartIsTheWholeCommuneLayer() throws IOException {
        seed();
        byte[] nationwide = export("vn-2025", "commune", null);
        assertValid("stats-vn-2025-commune", nationwide, 3321);
        assertValid("stats-vn-2025-commune-01", export("vn-2025", "commune", "01"), 126);
    }

    @Test
    @Order(2)
    void everyLayerOfBothSetsIsValidAndCounterclockwise() throws IOException {
        seed();
        assertValid("stats-vn-2025-province", export("vn-2025", "province", null), 34);
        assertValid("stats-vn-2024-province", export("vn-2024", "province", null), 62);
        assertValid("stats-vn-2024-district", export("vn-2024", "district", null), 692);
        assertValid("stats-vn-2024-district-79", export("vn-2024", "district", "79"), 22);
    }

    @Test
    @Order(3)
    void vn2024CommunesHaveNoPolygonsAndSaySo() {
        given().queryParam("level", "commune").queryParam("network", "fixed").queryParam("period", "2026-09")
                .get("/api/v1/stats/vn-2024/export.geojson").then().statusCode(404)
                .contentType("application/problem+json")
                .body("type", equalTo("https://ispeed.vn/problems/no-boundaries"))
                .body("detail", equalTo("vn-2024 has no polygons for level commune"));
    }

    @Test
    @Order(4)
    void withGeoServiceGoneTheExportIsUnavailableWithRetryAfter() {
        GeoServiceProcess.kill();
        given().queryParam("level", "commune").queryParam("network", "fixed").queryParam("period", "2026-09")
                .get("/api/v1/stats/vn-2025/export.geojson").then().statusCode(503)
                .contentType("application/problem+json")
                .header("Retry-After", String.valueOf(ExportService.GEO_RETRY_AFTER_SECONDS))
                .body("status", equalTo(503)).body("detail", equalTo("geo-service is unreachable"));
        given().queryParam("level", "commune").queryParam("network", "fixed").queryParam("period", "2026-09")
                .get("/api/v1/stats/vn-2025/export.csv").then().statusCode(200)
                .body(org.hamcrest.Matchers.startsWith("\uFEFFboundary_set,"));
    }
}

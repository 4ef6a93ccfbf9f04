package vn.ispeed.geo.api;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.lessThan;

@QuarkusTest
class SetResourceTest {

    @Test
    void setsReportUnitsAndTheLoad() {
        given().when().get("/api/v1/sets")
                .then().statusCode(200)
                .body("sets.name", contains("vn-2024", "vn-2025"))
                .body("sets.find { it.name == 'vn-2025' }.levels.units", contains(34, 3321))
                .body("sets.find { it.name == 'vn-2024' }.levels.units", contains(63, 705, 10595))
                .body("sets.find { it.name == 'vn-2024' }.levels.polygons", contains(62, 692, null))
                .body("startup.loadMillis", greaterThan(0))
                .body("startup.heapUsedMb", greaterThan(0));
    }

    @ParameterizedTest
    @ValueSource(strings = {"ha noi", "HA NOI", "Hà Nội", "hà   nội"})
    void searchIgnoresDiacriticsAndCase(String q) {
        given().queryParam("q", q).queryParam("level", "province")
                .when().get("/api/v1/sets/vn-2025/units")
                .then().statusCode(200)
                .body("units.code", contains("01"));
    }

    @Test
    void searchMapsDStrokeToD() {
        given().queryParam("q", "da nang").queryParam("level", "province")
                .when().get("/api/v1/sets/vn-2025/units")
                .then().statusCode(200)
                .body("units.name", contains("Thành phố Đà Nẵng"));
    }

    @Test
    void childrenOfAParent() {
        given().queryParam("parent", "001")
                .when().get("/api/v1/sets/vn-2024/units")
                .then().statusCode(200)
                .body("total", equalTo(14))
                .body("units.code", hasItem("00001"));
    }

    @Test
    void oneUnitWithItsPath() {
        given().when().get("/api/v1/sets/vn-2025/units/00070")
                .then().statusCode(200)
                .body("name", equalTo("Phường Hoàn Kiếm"))
                .body("path.code", contains("01", "00070"))
                .body("hasBoundary", equalTo(true));
    }

    @Test
    void unknownCodeAndSetAre404() {
        given().when().get("/api/v1/sets/vn-2025/units/99999")
                .then().statusCode(404).contentType("application/problem+json")
                .body("type", equalTo("https://ispeed.vn/problems/unknown-unit"));
        given().when().get("/api/v1/sets/nope/units")
                .then().statusCode(404).contentType("application/problem+json");
        given().when().get("/api/v1/sets/vn-2025/units?level=planet")
                .then().statusCode(400).body("errors[0].field", equalTo("level"));
    }

    @Test
    void successorsOfOldUnits() {
        given().when().get("/api/v1/sets/vn-2024/units/00004/successors")
                .then().statusCode(200)
                .body("targetSet", equalTo("vn-2025"))
                .body("successors.code", contains("00004"))
                .body("successors.relation", contains("whole"))
                .body("successors.name", contains("Phường Ba Đình"));
        given().when().get("/api/v1/sets/vn-2024/units/00007/successors")
                .then().statusCode(200)
                .body("successors.code", contains("00008", "00025"))
                .body("successors.relation", contains("partial", "partial"));
        given().when().get("/api/v1/sets/vn-2024/units/001/successors")
                .then().statusCode(200)
                .body("successors.size()", greaterThan(1))
                .body("successors.relation", hasItem("partial"));
        given().when().get("/api/v1/sets/vn-2025/units/00004/successors")
                .then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void provinceCommunesAsCompressedGeoJsonWithEtag() {
        LayersReady.await();
        Response first = given().header("Accept-Encoding", "gzip")
                .when().get("/api/v1/sets/vn-2025/boundaries?level=commune&parent=01");
        first.then().statusCode(200)
                .contentType("application/geo+json")
                .header("Content-Encoding", "gzip")
                .body("type", equalTo("FeatureCollection"))
                .body("features.size()", equalTo(126))
                .body("features[0].geometry.type", equalTo("MultiPolygon"));
        String etag = first.header("ETag");
        assertThat(etag).startsWith("\"");
        assertThat(first.asByteArray().length).as("uncompressed bytes").isLessThan(1_000_000);
        given().header("If-None-Match", etag)
                .when().get("/api/v1/sets/vn-2025/boundaries?level=commune&parent=01")
                .then().statusCode(304);
    }

    @Test
    void allProvincesUnderTwoMegabytes() {
        LayersReady.await();
        Response r = given().when().get("/api/v1/sets/vn-2025/boundaries");
        r.then().statusCode(200).body("features.size()", equalTo(34));
        assertThat(r.asByteArray().length).as("bytes of the 34 provinces").isLessThan(2_000_000);
    }

    @Test
    void badBoundaryQueries() {
        given().when().get("/api/v1/sets/vn-2025/boundaries?tolerance=-1")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("tolerance"));
        given().when().get("/api/v1/sets/vn-2025/boundaries?tolerance=abc")
                .then().statusCode(400);
        given().when().get("/api/v1/sets/vn-2024/boundaries?level=commune")
                .then().statusCode(404).contentType("application/problem+json");
        given().when().get("/api/v1/sets/vn-2025/boundaries?level=commune&parent=00070")
                .then().statusCode(400);
        given().when().get("/api/v1/sets/vn-2025/boundaries?level=planet")
                .then().statusCode(400);
    }

    @Test
    void healthIsUp() {
        LayersReady.await();
        given().when().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
        given().when().get("/api/v1/sets/vn-2025/units?limit=0").then().statusCode(400);
        given().when().get("/api/v1/sets/vn-2024/units?limit=5").then().statusCode(200)
                .body("returned", equalTo(5)).body("total", lessThan(20000));
    }
}

package vn.ispeed.geo.api;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import vn.ispeed.testsupport.KafkaResource;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.containsString;

@QuarkusTest
@QuarkusTestResource(value = KafkaResource.class, restrictToAnnotatedClass = false)
class LocateResourceTest {

    @Test
    void hoanKiemLakeInBothSets() {
        given().queryParam("lat", "21.0288").queryParam("lon", "105.8525").queryParam("accuracy", "15")
                .when().get("/api/v1/locate")
                .then().statusCode(200)
                .body("results.find { it.set == 'vn-2025' }.unit.code", equalTo("00070"))
                .body("results.find { it.set == 'vn-2025' }.unit.name", equalTo("Phường Hoàn Kiếm"))
                .body("results.find { it.set == 'vn-2025' }.path.code", contains("01", "00070"))
                .body("results.find { it.set == 'vn-2025' }.method", equalTo("INSIDE"))
                .body("results.find { it.set == 'vn-2024' }.path.code", contains("01", "002"));
    }

    @ParameterizedTest
    @CsvSource({"10.7725, 106.6980, 26743", "16.0612, 108.2272, 20275", "22.3364, 103.8438, 03006", "10.2270, 103.9640, 31078"})
    void landmarksThroughTheApi(String lat, String lon, String commune) {
        given().queryParam("lat", lat).queryParam("lon", lon).queryParam("accuracy", "10").queryParam("set", "vn-2025")
                .when().get("/api/v1/locate")
                .then().statusCode(200)
                .body("results[0].unit.code", equalTo(commune));
    }

    @Test
    void vientianeIsANotFoundProblemWithTheReason() {
        given().queryParam("lat", "17.9757").queryParam("lon", "102.6331").queryParam("set", "vn-2025")
                .when().get("/api/v1/locate")
                .then().statusCode(404)
                .contentType("application/problem+json")
                .body("type", equalTo("https://ispeed.vn/problems/unlocated"))
                .body("reason", equalTo("OUTSIDE_BOUNDARIES"));
    }

    @Test
    void eastSeaWithoutSetGivesEveryReason() {
        given().queryParam("lat", "12.0").queryParam("lon", "111.0")
                .when().get("/api/v1/locate")
                .then().statusCode(404)
                .body("reasons.'vn-2025'", equalTo("OUTSIDE_BOUNDARIES"))
                .body("reasons.'vn-2024'", equalTo("OUTSIDE_BOUNDARIES"));
    }

    @Test
    void lowAccuracyIsReported() {
        given().queryParam("lat", "21.0288").queryParam("lon", "105.8525").queryParam("accuracy", "5000").queryParam("set", "vn-2025")
                .when().get("/api/v1/locate")
                .then().statusCode(404).body("reason", equalTo("LOW_ACCURACY"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "lat=91&lon=105.8|lat",
            "lat=21&lon=abc|lon",
            "lon=105.8|lat",
            "lat=21&lon=181|lon",
            "lat=NaN&lon=105|lat",
            "lat=21&lon=105.8&accuracy=-1|accuracy",
    })
    void badQueriesAreValidationProblems(String query, String field) {
        given().when().get("/api/v1/locate?" + query)
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("https://ispeed.vn/problems/validation"))
                .body("errors.field", hasItem(field))
                .body(not(containsString("Exception")));
    }

    @Test
    void unknownSetIs404() {
        given().queryParam("lat", "21.0288").queryParam("lon", "105.8525").queryParam("set", "mars-2030")
                .when().get("/api/v1/locate")
                .then().statusCode(404).contentType("application/problem+json")
                .body("type", equalTo("https://ispeed.vn/problems/unknown-set"));
    }

    @Test
    void batchLocatesEachPoint() {
        given().contentType(ContentType.JSON)
                .body("[{\"lat\":21.0288,\"lon\":105.8525,\"accuracy\":10},{\"lat\":12.0,\"lon\":111.0}]")
                .when().post("/api/v1/locate/batch?set=vn-2025")
                .then().statusCode(200)
                .body("count", equalTo(2))
                .body("results[0].results[0].unit.code", equalTo("00070"))
                .body("results[1].results[0].located", equalTo(false))
                .body("results[1].results[0].reason", equalTo("OUTSIDE_BOUNDARIES"));
    }

    @Test
    void batchOverTheLimitIs400() {
        StringBuilder body = new StringBuilder("[");
        for (int i = 0; i < 1001; i++) {
            body.append(i == 0 ? "" : ",").append("{\"lat\":21.0,\"lon\":105.8}");
        }
        given().contentType(ContentType.JSON).body(body.append(']').toString())
                .when().post("/api/v1/locate/batch")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("body"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "[{\"lat\":}]",
            "[1,2",
            "[{\"lat\":\"x\",\"lon\":105.8}]",
            "[{\"lat\":1e400,\"lon\":105.8}]",
            "[{\"lat\":21.0,\"lon\":181}]",
            "{}",
    })
    void malformedBatchesAre400(String body) {
        given().contentType(ContentType.JSON).body(body)
                .when().post("/api/v1/locate/batch")
                .then().statusCode(400).contentType("application/problem+json")
                .body(not(containsString("Exception")));
    }

    @Test
    void wrongMethodIsAProblemToo() {
        given().contentType(ContentType.JSON).body("{}")
                .when().delete("/api/v1/locate?lat=1&lon=1")
                .then().statusCode(405).contentType("application/problem+json");
    }
}

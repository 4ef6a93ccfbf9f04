package vn.ispeed.geo.catalogue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import vn.ispeed.geo.api.LayersReady;
import vn.ispeed.testsupport.geojson.OgrInfo;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The boundary GeoJSON as an outside client gets it, judged by GDAL ({@code ogrinfo}, see {@link OgrInfo}): every
 * layer of both sets at its default tolerance parses, every geometry is valid, every exterior ring is
 * counterclockwise and every hole clockwise; each collection's {@code bbox} is its coordinates' envelope; no
 * coordinate has more decimals than the tolerance needs; and every default request is answered from the layers
 * prepared at start-up, none simplified on the request.
 */
@QuarkusTest
class BoundaryGeoJsonOutsideTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Pattern NUMBER = Pattern.compile("-?\\d+(?:\\.(\\d+))?");

    @Inject
    CatalogueService catalogue;

    @TempDir
    static Path dir;

    @BeforeEach
    void ready() {
        LayersReady.await();
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
            "vn-2025, province, 34,   4",
            "vn-2025, commune,  3321, 5",
            "vn-2024, province, 62,   4",
            "vn-2024, district, 692,  4",
    })
    void everyLayerIsValidCounterclockwiseAndBoxed(String set, String level, int polygons, int decimals) throws IOException {
        long rendersBefore = catalogue.rendersOnRequest();
        byte[] body = given().queryParam("level", level).when().get("/api/v1/sets/" + set + "/boundaries")
                .then().statusCode(200).contentType("application/geo+json").extract().asByteArray();
        assertThat(catalogue.rendersOnRequest()).as("bodies simplified on the request").isEqualTo(rendersBefore);

        OgrInfo.Report report = OgrInfo.check(OgrInfo.write(dir, set + "-" + level, body), "code");
        assertThat(report.features()).as("features GDAL reads").isEqualTo(polygons);
        assertThat(report.invalid()).as("invalid geometries (code: GEOS's reason)").isEmpty();
        assertThat(report.valid()).as("valid geometries").isEqualTo(polygons);
        assertThat(report.ccw()).as("geometries with counterclockwise shells and clockwise holes").isEqualTo(polygons);

        JsonNode json = MAPPER.readTree(body);
        assertThat(json.path("properties").path("decimals").asInt()).isEqualTo(decimals);
        double[] envelope = envelope(json);
        assertThat(json.path("bbox")).hasSize(4);
        for (int i = 0; i < 4; i++) {
            assertThat(json.path("bbox").get(i).asDouble()).as("bbox[" + i + "]").isEqualTo(envelope[i]);
        }
        assertThat(maxDecimals(json.path("features").toString())).as("decimals of any coordinate").isLessThanOrEqualTo(decimals);
    }

    @Test
    void everyProvincesCommunesComeFromTheNationalLayerUnderOneMegabyte() throws IOException {
        long rendersBefore = catalogue.rendersOnRequest();
        JsonNode provinces = MAPPER.readTree(given().queryParam("level", "province").when()
                .get("/api/v1/sets/vn-2025/units?limit=100").then().statusCode(200).extract().asByteArray());
        int largest = 0;
        String largestCode = null;
        int communes = 0;
        for (JsonNode p : provinces.path("units")) {
            String code = p.path("code").asText();
            byte[] body = given().queryParam("level", "commune").queryParam("parent", code).when()
                    .get("/api/v1/sets/vn-2025/boundaries").then().statusCode(200).extract().asByteArray();
            JsonNode json = MAPPER.readTree(body);
            communes += json.path("features").size();
            assertThat(json.path("bbox")).as("bbox of " + code).hasSize(4);
            if (body.length > largest) {
                largest = body.length;
                largestCode = code;
            }
            if (code.equals("01")) {
                OgrInfo.Report report = OgrInfo.check(OgrInfo.write(dir, "vn-2025-commune-01", body), "code");
                assertThat(report.features()).isEqualTo(126);
                assertThat(report.valid()).isEqualTo(126);
                assertThat(report.ccw()).isEqualTo(126);
            }
        }
        System.out.printf("largest province commune layer: %s, %d bytes%n", largestCode, largest);
        assertThat(provinces.path("units")).hasSize(34);
        assertThat(communes).as("communes over the 34 provinces").isEqualTo(3321);
        assertThat(largest).as("bytes of the largest province's communes (" + largestCode + ")").isLessThan(1_000_000);
        assertThat(catalogue.rendersOnRequest()).as("bodies simplified on the request").isEqualTo(rendersBefore);
    }

    @Test
    void anotherToleranceIsRenderedOnRequestTheSameWay() throws IOException {
        long rendersBefore = catalogue.rendersOnRequest();
        byte[] body = given().queryParam("level", "commune").queryParam("parent", "79").queryParam("tolerance", "0")
                .when().get("/api/v1/sets/vn-2025/boundaries").then().statusCode(200).extract().asByteArray();
        assertThat(catalogue.rendersOnRequest()).isEqualTo(rendersBefore + 1);
        OgrInfo.Report report = OgrInfo.check(OgrInfo.write(dir, "vn-2025-commune-79-full", body), "code");
        assertThat(report.features()).isEqualTo(report.valid()).isEqualTo(report.ccw()).isEqualTo(168);
        JsonNode json = MAPPER.readTree(body);
        assertThat(json.path("properties").path("decimals").asInt()).isEqualTo(6);
        assertThat(maxDecimals(json.path("features").toString())).isLessThanOrEqualTo(6);
    }

    private static double[] envelope(JsonNode collection) {
        double[] e = {Double.MAX_VALUE, Double.MAX_VALUE, -Double.MAX_VALUE, -Double.MAX_VALUE};
        for (JsonNode f : collection.path("features")) {
            for (JsonNode polygon : f.path("geometry").path("coordinates")) {
                for (JsonNode ring : polygon) {
                    for (JsonNode c : ring) {
                        e[0] = Math.min(e[0], c.get(0).asDouble());
                        e[1] = Math.min(e[1], c.get(1).asDouble());
                        e[2] = Math.max(e[2], c.get(0).asDouble());
                        e[3] = Math.max(e[3], c.get(1).asDouble());
                    }
                }
            }
        }
        return e;
    }

    /** The most decimals of any number inside a "coordinates" array of the text. */
    private static int maxDecimals(String features) {
        int max = 0;
        int at = 0;
        while ((at = features.indexOf("\"coordinates\":", at)) >= 0) {
            int end = features.indexOf("}", at);
            Matcher m = NUMBER.matcher(features.substring(at, end));
            while (m.find()) {
                if (m.group(1) != null) {
                    max = Math.max(max, m.group(1).length());
                }
            }
            at = end;
        }
        return max;
    }
}

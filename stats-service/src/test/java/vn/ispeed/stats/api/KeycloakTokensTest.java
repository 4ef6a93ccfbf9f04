package vn.ispeed.stats.api;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;
import vn.ispeed.testsupport.KeycloakResource;

import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

/** Tokens from the real Keycloak realm {@code ispeed}: roles from realm_access, the province claim, the ops role. */
@QuarkusTest
@TestProfile(KeycloakTokensTest.RealKeycloak.class)
class KeycloakTokensTest {

    public static class RealKeycloak implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(KeycloakResource.class));
        }
    }

    private static RequestSpecification as(String user) {
        RequestSpecification spec = given().queryParam("network", "fixed").queryParam("period", "2030-01");
        return user == null ? spec : spec.auth().oauth2(KeycloakResource.accessToken(user, user));
    }

    @Test
    void departmentSeesItsOwnProvinceInFullAndOthersPublicly() {
        as("dept-hanoi").get("/api/v1/stats/vn-2025/units/00025").then().statusCode(200)
                .body("detail", equalTo("full")).body("tests", equalTo(0)).body("needs.tests", equalTo(30));
        as("dept-hcm").get("/api/v1/stats/vn-2025/units/00025").then().statusCode(200)
                .body("detail", equalTo("public")).body("tests", nullValue());
        as("dept-hcm").get("/api/v1/stats/vn-2025/units/25747").then().statusCode(200).body("detail", equalTo("full"));
        as("ministry").get("/api/v1/stats/vn-2025/units/25747").then().statusCode(200).body("needs.devices", equalTo(10));
        as(null).get("/api/v1/stats/vn-2025/units/25747").then().statusCode(200).body("tests", nullValue());
    }

    @Test
    void onlyOpsReachesTheOpsEndpoints() {
        given().auth().oauth2(KeycloakResource.accessToken("ops", "ops")).get("/api/v1/ops/rebuild/" + UUID.randomUUID())
                .then().statusCode(404);
        given().auth().oauth2(KeycloakResource.accessToken("dept-hanoi", "dept-hanoi")).get("/api/v1/ops/rebuild/" + UUID.randomUUID())
                .then().statusCode(403);
        given().auth().oauth2(KeycloakResource.accessToken("ministry", "ministry")).post("/api/v1/ops/rebuild").then().statusCode(403);
    }

    @Test
    void aTamperedRealmTokenIsRefused() {
        String token = KeycloakResource.accessToken("dept-hcm", "dept-hcm");
        String[] parts = token.split("\\.");
        String forged = parts[0] + "." + parts[1].substring(0, parts[1].length() - 4) + "AAAA" + "." + parts[2];
        given().auth().oauth2(forged).queryParam("network", "fixed").queryParam("period", "2030-01")
                .get("/api/v1/stats/vn-2025/units/00025").then().statusCode(401);
    }
}

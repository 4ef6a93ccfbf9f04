package vn.ispeed.notify.subscription;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;
import vn.ispeed.testsupport.KeycloakResource;

import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;

/**
 * Departments log in through the real Keycloak realm {@code ispeed} (the realm file the local stack
 * imports): the role comes from realm_access, the province from the {@code province} claim, and a
 * department manages its own province's subscriptions only; the ministry sees every province.
 */
@QuarkusTest
@TestProfile(KeycloakLoginTest.RealKeycloak.class)
class KeycloakLoginTest {
    private static final String PATH = "/api/v1/subscriptions";

    public static class RealKeycloak implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(KeycloakResource.class));
        }
    }

    private static RequestSpecification as(String user) {
        return given().auth().oauth2(KeycloakResource.accessToken(user, user));
    }

    private static Map<String, Object> subscription(String province, String address) {
        return Map.of("province", province, "channel", "email", "emails", List.of(address),
                "kinds", List.of("coverage-changes"));
    }

    @Test
    void eachDepartmentManagesItsOwnProvinceAndTheMinistrySeesAll() {
        String hanoi = as("dept-hanoi").contentType(ContentType.JSON).body(subscription("01", "kc-login@hanoi.gov.vn"))
                .post(PATH).then().statusCode(201).body("province", equalTo("01")).body("createdBy", equalTo("dept-hanoi"))
                .extract().path("id");
        as("dept-hanoi").contentType(ContentType.JSON).body(subscription("79", "kc-login@hanoi.gov.vn"))
                .post(PATH).then().statusCode(403).contentType("application/problem+json");
        String hcm = as("dept-hcm").contentType(ContentType.JSON).body(subscription("79", "kc-login@tphcm.gov.vn"))
                .post(PATH).then().statusCode(201).body("province", equalTo("79")).extract().path("id");

        as("dept-hcm").get(PATH).then().statusCode(200).body("province", everyItem(equalTo("79")));
        as("dept-hcm").get(PATH + "/" + hanoi).then().statusCode(403);
        as("ministry").get(PATH).then().statusCode(200).body("id", hasItem(hanoi)).body("id", hasItem(hcm));
        // ops runs the platform; it does not manage departments' subscriptions
        as("ops").get(PATH).then().statusCode(403);
        as("dept-hanoi").delete(PATH + "/" + hanoi).then().statusCode(204);
        as("ministry").delete(PATH + "/" + hcm).then().statusCode(204);
    }

    @Test
    void noTokenOrATamperedOneIsUnauthorized() {
        given().get(PATH).then().statusCode(401);
        String token = KeycloakResource.accessToken("dept-hcm", "dept-hcm");
        String[] parts = token.split("\\.");
        String forged = parts[0] + "." + parts[1].substring(0, parts[1].length() - 4) + "AAAA" + "." + parts[2];
        given().auth().oauth2(forged).get(PATH).then().statusCode(401);
    }
}

package vn.ispeed.notify.subscription;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.quarkus.test.security.oidc.Claim;
import io.quarkus.test.security.oidc.OidcSecurity;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;
import vn.ispeed.notify.support.TestDb;

import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

/** CRUD, who may touch which province, and every kind of bad input. */
@QuarkusTest
class SubscriptionResourceTest {
    private static final String PATH = "/api/v1/subscriptions";

    static Map<String, Object> email(String province, String address) {
        return Map.of("province", province, "channel", "email", "emails", java.util.List.of(address),
                "kinds", java.util.List.of("weekly-digest"));
    }

    @Test
    void anonymousIsUnauthorized() {
        given().when().get(PATH).then().statusCode(401);
        given().contentType(ContentType.JSON).body(email("01", "a@hanoi.gov.vn")).when().post(PATH).then().statusCode(401);
    }

    @Test
    @TestSecurity(user = "dept-hanoi", roles = "department")
    @OidcSecurity(claims = @Claim(key = "province", value = "01"))
    void departmentManagesItsOwnProvince() {
        String location = given().contentType(ContentType.JSON)
                .body(Map.of("province", "01", "channel", "email",
                        "emails", java.util.List.of("Phong.KHCN@hanoi.gov.vn", "so@hanoi.gov.vn"),
                        "kinds", java.util.List.of("coverage-changes", "weekly-digest"),
                        "networks", java.util.List.of("fixed")))
                .when().post(PATH)
                .then().statusCode(201)
                .header("Location", notNullValue())
                .body("province", equalTo("01"))
                .body("language", equalTo("vi"))
                .body("boundarySet", equalTo("vn-2025"))
                .body("networks", equalTo(java.util.List.of("FIXED")))
                .body("emails", hasItem("phong.khcn@hanoi.gov.vn"))
                .body("createdBy", equalTo("dept-hanoi"))
                .extract().header("Location");

        given().when().get(location).then().statusCode(200).body("channel", equalTo("email"));
        given().when().get(PATH).then().statusCode(200).body("province", everyItem(equalTo("01")));

        given().contentType(ContentType.JSON)
                .body(Map.of("province", "01", "channel", "email", "emails", java.util.List.of("so@hanoi.gov.vn"),
                        "kinds", java.util.List.of("weekly-digest"), "language", "en"))
                .when().put(location)
                .then().statusCode(200)
                .body("language", equalTo("en"))
                .body("kinds", equalTo(java.util.List.of("weekly-digest")))
                .body("networks", equalTo(java.util.List.of("FIXED", "MOBILE")));

        given().when().delete(location).then().statusCode(204);
        given().when().get(location).then().statusCode(404)
                .contentType("application/problem+json")
                .body("type", equalTo("https://ispeed.vn/problems/not-found"));
    }

    @Test
    @TestSecurity(user = "dept-hanoi", roles = "department")
    @OidcSecurity(claims = @Claim(key = "province", value = "01"))
    void departmentCannotCreateForAnotherProvince() {
        given().contentType(ContentType.JSON).body(email("75", "x@hcm.gov.vn"))
                .when().post(PATH)
                .then().statusCode(403)
                .contentType("application/problem+json")
                .body("type", equalTo("https://ispeed.vn/problems/forbidden"));
        given().when().get(PATH + "?province=75").then().statusCode(403);
    }

    @Test
    @TestSecurity(user = "dept-hanoi", roles = "department")
    @OidcSecurity(claims = @Claim(key = "province", value = "01"))
    void departmentCannotReadOrChangeAnotherProvincesSubscription() {
        String hcm = TestDb.insertEmailSubscription("75", "so@hcm.gov.vn", "weekly-digest").toString();
        given().when().get(PATH + "/" + hcm).then().statusCode(403).contentType("application/problem+json");
        given().contentType(ContentType.JSON).body(email("01", "so@hanoi.gov.vn"))
                .when().put(PATH + "/" + hcm).then().statusCode(403);
        given().when().delete(PATH + "/" + hcm).then().statusCode(403);
        given().when().get("/api/v1/deliveries?subscription=" + hcm).then().statusCode(403);
        given().when().get("/api/v1/deliveries?province=75").then().statusCode(403);
        given().when().get(PATH).then().statusCode(200).body("id", not(hasItem(hcm)));
        given().when().post("/api/v1/digests/run?province=01").then().statusCode(403);
        org.assertj.core.api.Assertions.assertThat(
                TestDb.count("SELECT count(*) FROM subscription WHERE id = ?", java.util.UUID.fromString(hcm)))
                .as("the other province's subscription still exists").isEqualTo(1);
    }

    @Test
    @TestSecurity(user = "ministry", roles = "ministry")
    void ministryManagesAnyProvince() {
        String hcm = TestDb.insertEmailSubscription("75", "so2@hcm.gov.vn", "weekly-digest").toString();
        given().when().get(PATH + "/" + hcm).then().statusCode(200).body("province", equalTo("75"));
        given().when().get("/api/v1/deliveries?subscription=" + hcm).then().statusCode(200);
        given().when().get(PATH).then().statusCode(200).body("id", hasItem(hcm));
        given().when().delete(PATH + "/" + hcm).then().statusCode(204);
    }

    @Test
    @TestSecurity(user = "dept-hanoi", roles = "department")
    @OidcSecurity(claims = @Claim(key = "province", value = "01"))
    void departmentCannotMoveItsSubscriptionToAnotherProvince() {
        String id = given().contentType(ContentType.JSON).body(email("01", "so@hanoi.gov.vn"))
                .when().post(PATH).then().statusCode(201).extract().path("id");
        given().contentType(ContentType.JSON).body(email("75", "so@hanoi.gov.vn"))
                .when().put(PATH + "/" + id).then().statusCode(403);
    }

    @Test
    @TestSecurity(user = "ministry", roles = "ministry")
    void webhookSecretIsNeverReturned() {
        String id = given().contentType(ContentType.JSON)
                .body(Map.of("province", "75", "channel", "webhook", "webhookUrl", "http://127.0.0.1:9/hook",
                        "webhookSecret", "a-long-shared-secret-0123", "kinds", java.util.List.of("coverage-changes")))
                .when().post(PATH)
                .then().statusCode(201)
                .body("webhookSecret", nullValue())
                .body("webhookSecretSet", is(true))
                .extract().path("id");
        String listed = given().when().get(PATH + "?province=75").then().statusCode(200).extract().asString();
        org.assertj.core.api.Assertions.assertThat(listed).doesNotContain("a-long-shared-secret-0123");
        given().when().get(PATH + "/" + id).then().statusCode(200).body("webhookSecret", nullValue());
    }

    @Test
    @TestSecurity(user = "ministry", roles = "ministry")
    void badInputIsAProblemWithFieldErrors() {
        invalid(Map.of("province", "01", "channel", "email", "emails", java.util.List.of("not-an-address"),
                "kinds", java.util.List.of("weekly-digest")), "emails[0]");
        invalid(Map.of("province", "01", "channel", "webhook", "webhookUrl", "http://example.com/hook",
                "webhookSecret", "a-long-shared-secret-0123", "kinds", java.util.List.of("weekly-digest")), "webhookUrl");
        invalid(Map.of("province", "01", "channel", "webhook", "webhookUrl", "https://exa mple.com/ho ok",
                "webhookSecret", "a-long-shared-secret-0123", "kinds", java.util.List.of("weekly-digest")), "webhookUrl");
        invalid(Map.of("province", "01", "channel", "webhook", "webhookUrl", "https://10.1.2.3/hook",
                "webhookSecret", "a-long-shared-secret-0123", "kinds", java.util.List.of("weekly-digest")), "webhookUrl");
        invalid(Map.of("province", "01", "channel", "webhook", "webhookUrl", "https://169.254.169.254/latest",
                "webhookSecret", "a-long-shared-secret-0123", "kinds", java.util.List.of("weekly-digest")), "webhookUrl");
        invalid(Map.of("province", "01", "channel", "webhook", "webhookUrl", "https://[::1]/hook",
                "webhookSecret", "a-long-shared-secret-0123", "kinds", java.util.List.of("weekly-digest")), "webhookUrl");
        invalid(Map.of("province", "01", "channel", "webhook", "webhookUrl", "https://192.168.1.10/hook",
                "kinds", java.util.List.of("weekly-digest")), "webhookSecret");
        invalid(Map.of("province", "01", "channel", "email", "emails", java.util.List.of("a@b.vn"),
                "kinds", java.util.List.of("monthly-report")), "kinds[0]");
        invalid(Map.of("province", "01", "channel", "email", "emails", java.util.List.of("a@b.vn"),
                "kinds", java.util.List.of("weekly-digest"), "language", "fr"), "language");
        invalid(Map.of("province", "01", "channel", "email", "emails", java.util.List.of("a@b.vn"),
                "kinds", java.util.List.of("weekly-digest"), "networks", java.util.List.of("SATELLITE")), "networks[0]");
        invalid(Map.of("province", "01", "channel", "email", "emails", java.util.List.of("a@b.vn"),
                "kinds", java.util.List.of("weekly-digest"), "boundarySet", "vn-1999"), "boundarySet");
        invalid(Map.of("channel", "email", "emails", java.util.List.of("a@b.vn"),
                "kinds", java.util.List.of("weekly-digest")), "province");
        invalid(Map.of("province", "77", "channel", "email", "emails", java.util.List.of("a@b.vn"),
                "kinds", java.util.List.of("weekly-digest")), "province");
        invalid(Map.of("province", "01", "channel", "sms", "kinds", java.util.List.of("weekly-digest")), "channel");
        invalid(Map.of("province", "01", "channel", "email", "kinds", java.util.List.of("weekly-digest")), "emails");
        invalid(Map.of("province", "01", "channel", "email", "emails", java.util.List.of("a@b.vn")), "kinds");

        given().contentType(ContentType.JSON).body("{\"province\": \"01\", \"channel\": ")
                .when().post(PATH)
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("status", equalTo(400))
                .body("errors[0].field", equalTo("body"));
        given().contentType(ContentType.JSON).body("{\"province\": \"01\", \"emails\": {\"a\": 1}}")
                .when().post(PATH)
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("emails"));
        given().contentType(ContentType.JSON).body("")
                .when().post(PATH)
                .then().statusCode(400)
                .contentType("application/problem+json");
    }

    private static void invalid(Map<String, Object> body, String field) {
        given().contentType(ContentType.JSON).body(body)
                .when().post(PATH)
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("https://ispeed.vn/problems/validation"))
                .body("title", notNullValue())
                .body("errors.field", hasItem(field));
    }
}

package vn.ispeed.geo.api;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

@QuarkusTest
class OpsResourceTest {

    @Test
    void anonymousIsRejected() {
        given().when().post("/api/v1/ops/relocate?set=vn-2025").then().statusCode(401);
        given().when().get("/api/v1/ops/relocate/some-id").then().statusCode(401);
    }

    @Test
    @TestSecurity(user = "dept-hanoi", roles = "department")
    void departmentIsForbidden() {
        given().when().post("/api/v1/ops/relocate?set=vn-2025").then().statusCode(403);
    }

    @Test
    @TestSecurity(user = "ops", roles = "ops")
    void opsGetsProblemsForBadInput() {
        given().when().post("/api/v1/ops/relocate").then().statusCode(400).contentType("application/problem+json");
        given().when().post("/api/v1/ops/relocate?set=mars").then().statusCode(404).contentType("application/problem+json");
        given().when().get("/api/v1/ops/relocate/nope").then().statusCode(404)
                .body("type", equalTo("https://ispeed.vn/problems/unknown-job"));
    }
}

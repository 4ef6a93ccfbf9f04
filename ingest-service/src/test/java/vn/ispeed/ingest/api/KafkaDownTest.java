package vn.ispeed.ingest.api;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import vn.ispeed.testsupport.KafkaResource;

import java.time.Duration;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.lessThan;
import static vn.ispeed.ingest.api.Samples.json;
import static vn.ispeed.ingest.api.Samples.measurement;

/** With the broker stopped no test is answered 202: 503 with Retry-After, within the 5 s the issue allows. */
@QuarkusTest
@QuarkusTestResource(value = KafkaResource.class, restrictToAnnotatedClass = false)
class KafkaDownTest {

    @Test
    void withKafkaStoppedATestIs503WithRetryAfterAndReadinessIsDown() {
        given().contentType("application/json").body(json(measurement())).when().post("/api/v1/measurements")
                .then().statusCode(202);
        KafkaResource.stopBroker();
        try {
            given().contentType("application/json").body(json(measurement())).when().post("/api/v1/measurements")
                    .then().statusCode(503)
                    .time(lessThan(5_000L))
                    .contentType("application/problem+json")
                    .header("Retry-After", "5")
                    .body("type", equalTo("https://ispeed.vn/problems/unavailable"));
            given().contentType("application/json").body(json(Samples.batch(measurement(), measurement())))
                    .when().post("/api/v1/measurements/batch")
                    .then().statusCode(200)
                    .time(lessThan(5_000L))
                    .header("Retry-After", "5")
                    .body("accepted", equalTo(0))
                    .body("results[0].problem.status", equalTo(503))
                    .body("results[1].problem.status", equalTo(503));
            await().atMost(Duration.ofSeconds(15)).untilAsserted(() ->
                    given().when().get("/q/health/ready").then().statusCode(503).body("status", equalTo("DOWN")));
        } finally {
            KafkaResource.startBroker();
        }
        // the same producer recovers once the broker is back
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() ->
                given().contentType("application/json").body(json(measurement())).when().post("/api/v1/measurements")
                        .then().statusCode(202));
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() ->
                given().when().get("/q/health/ready").then().statusCode(200));
    }
}

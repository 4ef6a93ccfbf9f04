package vn.ispeed.geo.api;

import org.awaitility.Awaitility;

import java.time.Duration;

import static io.restassured.RestAssured.given;

/** Waits until the service is ready: its boundary layers are prepared (a few seconds to minutes after start). */
public final class LayersReady {
    private LayersReady() {
    }

    public static void await() {
        Awaitility.await("geo-service ready (boundary layers prepared)").atMost(Duration.ofMinutes(10))
                .pollInterval(Duration.ofSeconds(2))
                .until(() -> given().when().get("/q/health/ready").statusCode() == 200);
    }
}

package vn.ispeed.geo.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import vn.ispeed.testsupport.fuzz.HostileRequest;
import vn.ispeed.testsupport.fuzz.HostileRequests;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** A slice of the shared hostile-request generator against the geo endpoints: each must be a 4xx problem. */
@QuarkusTest
class HostileRequestsTest {
    static final long SEED = 20261125L;
    static final int REQUESTS_PER_ENDPOINT = 120;
    static final ObjectMapper MAPPER = new ObjectMapper();

    @TestHTTPResource("/")
    URI base;

    @Test
    void everyHostileRequestIsA4xxProblem() throws Exception {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        HostileRequests hostile = new HostileRequests(SEED, Instant.now(), 1_500_000);
        int checked = 0;
        for (HostileRequests.Endpoint endpoint : new HostileRequests.Endpoint[]{
                HostileRequests.Endpoint.LOCATE, HostileRequests.Endpoint.LOCATE_BATCH, HostileRequests.Endpoint.GEO_CATALOGUE}) {
            for (int i = 0; i < REQUESTS_PER_ENDPOINT; i++) {
                HostileRequest request = hostile.next(endpoint);
                if (request.method().equals("GET") && request.pathAndQuery().endsWith("&accuracy=0")) {
                    continue; // accuracy 0 = "exact point" here: a valid request, not a hostile one
                }
                HttpRequest.Builder http = HttpRequest.newBuilder(base.resolve(request.pathAndQuery()))
                        .timeout(Duration.ofSeconds(10))
                        .method(request.method(), request.body() == null ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofByteArray(request.body()));
                if (request.contentType() != null) {
                    http.header("Content-Type", request.contentType());
                }
                HttpResponse<String> response = client.send(http.build(), HttpResponse.BodyHandlers.ofString());
                String what = request.describe() + " -> " + response.statusCode() + " " + response.body();
                assertThat(response.statusCode()).as(what).isBetween(400, 499);
                assertThat(response.headers().firstValue("Content-Type")).as(what).hasValue("application/problem+json");
                JsonNode body = MAPPER.readTree(response.body());
                assertThat(body.get("type").asText()).as(what).startsWith("https://ispeed.vn/problems/");
                assertThat(body.get("status").asInt()).as(what).isEqualTo(response.statusCode());
                assertThat(response.body()).as(what).doesNotContain("Exception").doesNotContain("vn.ispeed");
                checked++;
            }
        }
        assertThat(checked).isGreaterThan(300);
    }
}

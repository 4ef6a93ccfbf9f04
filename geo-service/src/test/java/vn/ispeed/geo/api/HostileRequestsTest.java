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
        HostileRequests hostile = new HostileRequests(SEED, Instant.now(), 3_000_000);
        int checked = 0;
        for (HostileRequests.Endpoint endpoint : new HostileRequests.Endpoint[]{
                HostileRequests.Endpoint.LOCATE, HostileRequests.Endpoint.LOCATE_BATCH, HostileRequests.Endpoint.GEO_CATALOGUE}) {
            for (int i = 0; i < REQUESTS_PER_ENDPOINT; i++) {
                HostileRequest request = hostile.next(endpoint);
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

    @Test
    void aBodyOverTheLimitIsA413ProblemNotTheBareServerAnswer() throws Exception {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        byte[] body = new byte[3 * 1024 * 1024];
        java.util.Arrays.fill(body, (byte) ' ');
        body[0] = '[';
        body[body.length - 1] = ']';
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(base.resolve("/api/v1/locate/batch"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(MAPPER.readTree(response.body()).get("type").asText()).isEqualTo("https://ispeed.vn/problems/payload-too-large");
    }
}

package vn.ispeed.ingest.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import vn.ispeed.events.Topics;
import vn.ispeed.testsupport.KafkaResource;
import vn.ispeed.testsupport.fuzz.HostileRequest;
import vn.ispeed.testsupport.fuzz.HostileRequests;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A slice of the shared hostile-request generator against both endpoints: every request is
 * invalid by construction, so each must be a 4xx problem (or, for a readable batch, 200 with
 * every test REJECTED by a 4xx problem) and the log must not grow.
 */
@QuarkusTest
@QuarkusTestResource(value = KafkaResource.class, restrictToAnnotatedClass = false)
class HostileRequestsTest {
    static final long SEED = 20261125L;
    static final int REQUESTS_PER_ENDPOINT = 150;

    @TestHTTPResource("/")
    URI base;

    @Test
    void everyHostileRequestIsA4xxProblemAndNothingIsAppended() throws Exception {
        long before = appendedSoFar();
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        HostileRequests hostile = new HostileRequests(SEED, Instant.now(), 1_500_000);
        for (HostileRequests.Endpoint endpoint : new HostileRequests.Endpoint[] {
                HostileRequests.Endpoint.INGEST_SINGLE, HostileRequests.Endpoint.INGEST_BATCH}) {
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
                JsonNode body = Samples.MAPPER.readTree(response.body());
                if (response.statusCode() == 200 && endpoint == HostileRequests.Endpoint.INGEST_BATCH) {
                    assertThat(body.get("accepted").asInt()).as(what).isZero();
                    body.get("results").forEach(item -> {
                        assertThat(item.get("status").asText()).as(what).isEqualTo("REJECTED");
                        assertThat(item.get("problem").get("status").asInt()).as(what).isBetween(400, 499);
                    });
                    continue;
                }
                assertThat(response.statusCode()).as(what).isBetween(400, 499);
                assertThat(response.headers().firstValue("Content-Type")).as(what).hasValue("application/problem+json");
                assertThat(body.get("type").asText()).as(what).startsWith("https://ispeed.vn/problems/");
                assertThat(body.get("status").asInt()).as(what).isEqualTo(response.statusCode());
                assertThat(response.body()).as(what).doesNotContain("Exception").doesNotContain("vn.ispeed");
            }
        }
        assertThat(appendedSoFar()).as("records in %s", Topics.MEASUREMENTS).isEqualTo(before);
    }

    private static long appendedSoFar() throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", KafkaResource.bootstrapServers()))) {
            int partitions = admin.describeTopics(java.util.List.of(Topics.MEASUREMENTS)).allTopicNames()
                    .get(10, TimeUnit.SECONDS).get(Topics.MEASUREMENTS).partitions().size();
            Map<TopicPartition, OffsetSpec> latest = IntStream.range(0, partitions).boxed()
                    .collect(Collectors.toMap(p -> new TopicPartition(Topics.MEASUREMENTS, p), p -> OffsetSpec.latest()));
            return admin.listOffsets(latest).all().get(10, TimeUnit.SECONDS).values().stream()
                    .mapToLong(r -> r.offset()).sum();
        }
    }
}

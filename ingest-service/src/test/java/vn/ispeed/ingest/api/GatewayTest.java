package vn.ispeed.ingest.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import vn.ispeed.events.Topics;
import vn.ispeed.events.kafka.EventHeaders;
import vn.ispeed.testsupport.GatewayResource;
import vn.ispeed.testsupport.KafkaResource;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Through the real gateway: nginx with the configuration rendered from gateway/routes.yaml (test-support's
 * {@link GatewayResource}) in front of this ingest-service and a real broker. The service's own per-device limit is
 * raised here, so every 429 seen is the gateway's.
 */
@QuarkusTest
@TestProfile(GatewayTest.GatewayLimitsOnly.class)
@QuarkusTestResource(value = KafkaResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = GatewayResource.class, restrictToAnnotatedClass = true)
class GatewayTest {
    public static class GatewayLimitsOnly implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("ingest.rate-limit.tests-per-hour", "100000");
        }
    }

    /**
     * gateway/routes.yaml: app-upload allows 30 requests a minute per install (Retry-After 2 s), app-batch 120 a
     * minute per IP and 10 per install (Retry-After 6 s, the longer of its two).
     */
    private static final int PER_INSTALL = 30;
    private static final int BATCH_PER_IP = 120;
    private static final Pattern STATUS = Pattern.compile("^HTTP/1\\.[01] (\\d{3})", Pattern.MULTILINE);

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private static String gateway() {
        return GatewayResource.gateway().url();
    }

    @Test
    void aValidTestIsAcceptedAndItsEventCarriesTheRequestId() throws Exception {
        ObjectNode generated = Samples.measurement();
        HttpResponse<String> first = post("/api/v1/measurements", Samples.json(generated), Map.of());
        assertThat(first.statusCode()).isEqualTo(202);
        String generatedId = first.headers().firstValue("X-Request-Id").orElseThrow();
        assertThat(generatedId).matches("[0-9a-f]{32}");

        ObjectNode supplied = Samples.measurement();
        HttpResponse<String> second = post("/api/v1/measurements", Samples.json(supplied), Map.of("X-Request-Id", "app-7f3c9e12-upload-0001"));
        assertThat(second.statusCode()).isEqualTo(202);
        assertThat(second.headers().firstValue("X-Request-Id")).hasValue("app-7f3c9e12-upload-0001");

        ObjectNode junk = Samples.measurement();
        HttpResponse<String> third = post("/api/v1/measurements", Samples.json(junk), Map.of("X-Request-Id", "<script>x</script>"));
        assertThat(third.statusCode()).isEqualTo(202);
        String replaced = third.headers().firstValue("X-Request-Id").orElseThrow();
        assertThat(replaced).matches("[0-9a-f]{32}");

        Map<String, String> idsByTest = Map.of(generated.get("testId").asText(), generatedId,
                supplied.get("testId").asText(), "app-7f3c9e12-upload-0001", junk.get("testId").asText(), replaced);
        Map<String, ConsumerRecord<String, byte[]>> records = appended(idsByTest.keySet(), 3);
        idsByTest.forEach((testId, requestId) -> {
            Header header = records.get(testId).headers().lastHeader(EventHeaders.REQUEST_ID);
            assertThat(header).as("request-id header of test %s", testId).isNotNull();
            assertThat(new String(header.value(), StandardCharsets.UTF_8)).isEqualTo(requestId);
        });
        // the gateway logs it too (its access log is flushed within a second)
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(Files.readString(GatewayResource.gateway().accessLog()))
                .contains("request_id=" + generatedId + " ").contains("request_id=app-7f3c9e12-upload-0001 "));
    }

    @Test
    void anOversizeBodyIs413ProblemFromTheGateway() throws Exception {
        String big = "{\"pad\":\"" + "x".repeat(65536) + "\"}";
        HttpResponse<String> single = post("/api/v1/measurements", big, Map.of());
        assertProblem(single, 413, "payload-too-large");
        assertThat(single.headers().firstValue("X-Request-Id")).isPresent();

        String bigBatch = "[" + "0,".repeat(600_000) + "0]";
        assertProblem(post("/api/v1/measurements/batch", bigBatch, Map.of()), 413, "payload-too-large");

        // chunked, so the size is only known while reading
        HttpRequest chunked = HttpRequest.newBuilder(URI.create(gateway() + "/api/v1/measurements"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big.getBytes(StandardCharsets.UTF_8))))
                .build();
        assertProblem(http.send(chunked, HttpResponse.BodyHandlers.ofString()), 413, "payload-too-large");
    }

    @Test
    void aFloodFromOneInstallIsCutAtItsLimitAndNothingBeyondIsAppended() throws Exception {
        String installId = Samples.newInstallId();
        int sent = PER_INSTALL + 15;
        List<String> testIds = new ArrayList<>();
        List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
        long start = System.nanoTime();
        for (int i = 0; i < sent; i++) {
            ObjectNode m = Samples.measurement(installId);
            testIds.add(m.get("testId").asText());
            answers.add(http.sendAsync(request("/api/v1/measurements", Samples.json(m), Map.of("X-Install-Id", installId)),
                    HttpResponse.BodyHandlers.ofString()));
        }
        Set<String> accepted = new HashSet<>();
        int limited = 0;
        for (int i = 0; i < sent; i++) {
            HttpResponse<String> r = answers.get(i).join();
            if (r.statusCode() == 202) {
                accepted.add(testIds.get(i));
            } else {
                assertProblem(r, 429, "rate-limited");
                assertThat(r.headers().firstValue("Retry-After")).hasValue("2");
                limited++;
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        // 30 at once, then one more every 2 s (30 a minute)
        assertThat(accepted.size()).isBetween(PER_INSTALL, PER_INSTALL + (int) Math.ceil(seconds / 2));
        assertThat(limited).isEqualTo(sent - accepted.size());

        // another install on the same address is not limited by this one's flood
        ObjectNode other = Samples.measurement();
        HttpResponse<String> r = post("/api/v1/measurements", Samples.json(other), Map.of("X-Install-Id", other.get("installId").asText()));
        assertThat(r.statusCode()).isEqualTo(202);

        // exactly the accepted ones reached the log
        Map<String, ConsumerRecord<String, byte[]>> records = appended(new HashSet<>(testIds), accepted.size());
        assertThat(records.keySet()).isEqualTo(accepted);
    }

    @Test
    void aFloodFromOneAddressIsCutByThePerIpLimit() throws Exception {
        // its own loopback address, so the other tests' requests are not counted with it
        InetAddress from = InetAddress.getByName("127.0.0.77");
        int sent = BATCH_PER_IP + 30;
        Map<Integer, Integer> byStatus = new HashMap<>();
        long start = System.nanoTime();
        for (int i = 0; i < sent; i++) {
            String answer = raw(from, "POST /api/v1/measurements/batch HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                    + "Content-Length: 2\r\nConnection: close\r\n\r\n[]");
            byStatus.merge(status(answer), 1, Integer::sum);
            if (status(answer) == 429) {
                assertThat(answer).contains("Retry-After: 6").contains("application/problem+json").contains("/rate-limited");
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        // what passed reached ingest, which refuses an empty batch
        int passed = byStatus.getOrDefault(400, 0);
        assertThat(passed).as("answers by status: %s", byStatus).isBetween(BATCH_PER_IP, BATCH_PER_IP + (int) Math.ceil(seconds * 2));
        assertThat(byStatus.getOrDefault(429, 0)).isEqualTo(sent - passed);
    }

    @Test
    void operationsAndTheServicesOwnEndpointsAre404FromOutside() throws Exception {
        for (String path : List.of("/api/v1/ops/rebuild", "/api/v1/ops/rebuild/1", "/api/v1/ops/relocate", "/api/v1/ops/reconciliation",
                "/q/metrics", "/q/health", "/q/health/ready", "/q/openapi", "/q/swagger-ui", "/api/v1/%6fps/rebuild", "/q",
                "/api/v2/measurements", "/api")) {
            for (String method : List.of("GET", "POST")) {
                HttpRequest req = HttpRequest.newBuilder(URI.create(gateway() + path)).header("Content-Type", "application/json")
                        .method(method, HttpRequest.BodyPublishers.ofString("{}")).build();
                assertProblem(http.send(req, HttpResponse.BodyHandlers.ofString()), 404, "not-found");
            }
        }
        // the service does serve them, to whoever reaches it inside the cluster
        HttpResponse<String> metrics = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                + GatewayResource.gateway().servicePort() + "/q/metrics")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(metrics.statusCode()).isEqualTo(200);
    }

    @Test
    void malformedHostTraversalAndSmugglingAre400NeverAServerError() throws Exception {
        InetAddress from = InetAddress.getByName("127.0.0.78");
        String body = "{\"testId\":\"x\"}";
        List<String> requests = List.of(
                // malformed Host
                "GET /api/v1/measurements HTTP/1.1\r\nHost: bad host\r\n\r\n",
                "GET /api/v1/measurements HTTP/1.1\r\nHost: ../../etc\r\n\r\n",
                "GET /api/v1/measurements HTTP/1.1\r\nHost: a/b\r\n\r\n",
                "GET /api/v1/measurements HTTP/1.1\r\nHost: ispeed.vn:http\r\n\r\n",
                "GET /api/v1/measurements HTTP/1.1\r\nHost: [::1\r\n\r\n",
                "GET /api/v1/measurements HTTP/1.1\r\n\r\n",
                "GET /api/v1/measurements HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n",
                // path traversal, raw and encoded
                "GET /../../etc/passwd HTTP/1.1\r\nHost: x\r\n\r\n",
                "GET /api/v1/measurements/../../../q/metrics HTTP/1.1\r\nHost: x\r\n\r\n",
                "GET /api/v1/sets/%2e%2e/%2e%2e/ops/rebuild HTTP/1.1\r\nHost: x\r\n\r\n",
                "GET /api/v1/stats/..%2f..%2fops%2frebuild HTTP/1.1\r\nHost: x\r\n\r\n",
                "GET /api/v1/locate%5c..%5cq HTTP/1.1\r\nHost: x\r\n\r\n",
                "GET /api/v1/locate%00 HTTP/1.1\r\nHost: x\r\n\r\n",
                // request smuggling: two framings, two lengths, obfuscated and unknown codings, HTTP/1.0 chunked
                "POST /api/v1/measurements HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: " + body.length()
                        + "\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\nPOST /api/v1/ops/rebuild HTTP/1.1\r\nHost: x\r\n\r\n",
                "POST /api/v1/measurements HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 4\r\nContent-Length: 40\r\n\r\n"
                        + body,
                "POST /api/v1/measurements HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked, identity\r\n\r\n0\r\n\r\n",
                "POST /api/v1/measurements HTTP/1.1\r\nHost: x\r\nTransfer-Encoding : chunked\r\n\r\n0\r\n\r\n",
                "POST /api/v1/measurements HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: xchunked\r\n\r\n0\r\n\r\n",
                "POST /api/v1/measurements HTTP/1.0\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
                "POST /api/v1/measurements HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n\r\n",
                "POST /api/v1/measurements HTTP/1.1\r\nHost: x\r\nContent-Length: -1\r\n\r\n",
                "GET /api/v1/measurements HTTP/1.1\r\nHost: x\r\n folded: header\r\n\r\n",
                "GET /api/v1/measurements HTTP/1.1\r\nHost: x\r\nBad Header: y\r\n\r\n",
                "GET /api/v1/measurements HTTP/2.0\r\nHost: x\r\n\r\n");
        for (String request : requests) {
            String answer = raw(from, request);
            assertThat(STATUS.matcher(answer).results().count()).as("one answer, nothing smuggled: %s", request).isEqualTo(1);
            assertThat(status(answer)).as(request).isEqualTo(400);
            assertThat(answer).as(request).contains("Content-Type: application/problem+json").contains("/bad-request");
        }
    }

    @Test
    void corsOnlyForThePortalsOrigin() throws Exception {
        HttpResponse<String> preflight = http.send(HttpRequest.newBuilder(URI.create(gateway() + "/api/v1/measurements"))
                .header("Origin", GatewayResource.CORS_ORIGIN).header("Access-Control-Request-Method", "POST")
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(preflight.statusCode()).isEqualTo(204);
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).hasValue(GatewayResource.CORS_ORIGIN);
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Headers").orElse("")).contains("X-Install-Id");

        HttpResponse<String> elsewhere = http.send(HttpRequest.newBuilder(URI.create(gateway() + "/api/v1/measurements"))
                .header("Origin", "https://evil.example").header("Access-Control-Request-Method", "POST")
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertProblem(elsewhere, 403, "forbidden");
        assertThat(elsewhere.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();

        HttpResponse<String> fromPortal = post("/api/v1/measurements", Samples.json(Samples.measurement()), Map.of("Origin", GatewayResource.CORS_ORIGIN));
        assertThat(fromPortal.statusCode()).isEqualTo(202);
        assertThat(fromPortal.headers().firstValue("Access-Control-Allow-Origin")).hasValue(GatewayResource.CORS_ORIGIN);
        HttpResponse<String> fromElsewhere = post("/api/v1/measurements", Samples.json(Samples.measurement()), Map.of("Origin", "https://evil.example"));
        assertThat(fromElsewhere.statusCode()).isEqualTo(202);
        assertThat(fromElsewhere.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    }

    @Test
    void jsonAnswersAreGzippedWhenTheClientAcceptsIt() throws Exception {
        ArrayNode batch = Samples.MAPPER.createArrayNode();
        for (int i = 0; i < 20; i++) {
            ObjectNode m = Samples.measurement();
            m.put("downloadKbps", -1);
            batch.add(m);
        }
        HttpResponse<byte[]> r = http.send(request("/api/v1/measurements/batch", Samples.json(batch), Map.of("Accept-Encoding", "gzip")),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Encoding")).hasValue("gzip");
        try (InputStream in = new java.util.zip.GZIPInputStream(new ByteArrayInputStream(r.body()))) {
            JsonNode answer = Samples.MAPPER.readTree(in);
            assertThat(answer.get("rejected").asInt()).isEqualTo(20);
        }
    }

    private HttpRequest request(String path, String body, Map<String, String> headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(gateway() + path)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(b::header);
        return b.build();
    }

    private HttpResponse<String> post(String path, String body, Map<String, String> headers) throws IOException, InterruptedException {
        return http.send(request(path, body, headers), HttpResponse.BodyHandlers.ofString());
    }

    private static void assertProblem(HttpResponse<String> r, int status, String type) throws IOException {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(ct -> assertThat(ct).startsWith("application/problem+json"));
        JsonNode problem = Samples.MAPPER.readTree(r.body());
        assertThat(problem.get("type").asText()).isEqualTo("https://ispeed.vn/problems/" + type);
        assertThat(problem.get("status").asInt()).isEqualTo(status);
    }

    /**
     * One request on its own connection from {@code from}, read until the gateway closes it (after a 400, or as asked by
     * Connection: close). The client never half-closes: nginx takes that for a client that went away.
     */
    private static String raw(InetAddress from, String request) throws IOException {
        try (Socket s = new Socket()) {
            s.bind(new InetSocketAddress(from, 0));
            s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), GatewayResource.gateway().port()), 5000);
            s.setSoTimeout(5000);
            s.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            s.getOutputStream().flush();
            return new String(s.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }

    private static int status(String answer) {
        Matcher m = STATUS.matcher(answer);
        return m.find() ? Integer.parseInt(m.group(1)) : -1;
    }

    /** The measurements records of these tests, waiting until {@code expected} of them are there. */
    private static Map<String, ConsumerRecord<String, byte[]>> appended(Set<String> testIds, int expected) {
        Map<String, ConsumerRecord<String, byte[]>> found = new HashMap<>();
        Map<String, Object> props = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaResource.bootstrapServers(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.MEASUREMENTS).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(300))) {
                    if (testIds.contains(r.key())) {
                        found.put(r.key(), r);
                    }
                }
                if (found.size() >= expected) {
                    // read on to the end, so a record beyond the expected ones would be seen too
                    Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
                    while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                        for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(300))) {
                            if (testIds.contains(r.key())) {
                                found.put(r.key(), r);
                            }
                        }
                    }
                    return found;
                }
            }
        }
        throw new AssertionError("only " + found.size() + " of " + expected + " tests appeared on " + Topics.MEASUREMENTS);
    }
}

package vn.ispeed.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import vn.ispeed.testsupport.fuzz.HostileRequest;
import vn.ispeed.testsupport.fuzz.HostileRequests;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.LongAdder;

/**
 * Sends N hostile requests (seeded) to the endpoints without login and checks each answer:
 * never 5xx, always 4xx {@code application/problem+json} with type, title and status (a batch
 * may answer 2xx only if every item in it was rejected).
 */
public final class FuzzRun {
    public record Failure(HostileRequest request, int status, String contentType, String why) {
    }

    public record Result(long requests, long serverErrors, long notProblemJson, long unsendable, Map<String, Map<Integer, Long>> byEndpoint,
                         List<Failure> failures) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3))
            .version(HttpClient.Version.HTTP_1_1).build();
    private final String ingestUrl;
    private final String geoUrl;
    private final String statsUrl;

    public FuzzRun(String ingestUrl, String geoUrl, String statsUrl) {
        this.ingestUrl = ingestUrl;
        this.geoUrl = geoUrl;
        this.statsUrl = statsUrl;
    }

    public Result run(long seed, Instant now, int count, int maxBodyBytes, int concurrency, Runnable progress) throws InterruptedException {
        HostileRequests generator = new HostileRequests(seed, now, maxBodyBytes);
        Semaphore inFlight = new Semaphore(concurrency);
        LongAdder serverErrors = new LongAdder();
        LongAdder notProblem = new LongAdder();
        LongAdder unsendable = new LongAdder();
        Map<String, Map<Integer, Long>> byEndpoint = new ConcurrentHashMap<>();
        List<Failure> failures = Collections.synchronizedList(new ArrayList<>());
        long lastProgress = System.nanoTime();
        for (int i = 0; i < count; i++) {
            HostileRequest r = generator.next();
            HttpRequest request;
            try {
                request = toHttp(r);
            } catch (IllegalArgumentException e) {
                unsendable.increment();
                continue;
            }
            inFlight.acquire();
            http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).whenComplete((response, error) -> {
                try {
                    if (error != null) {
                        // a server may close the connection on a 10 MB body after answering; that is not a 5xx
                        byEndpoint.computeIfAbsent(r.endpoint(), k -> new ConcurrentHashMap<>()).merge(-1, 1L, Long::sum);
                        failures.add(new Failure(r, -1, null, "no answer: " + error.getClass().getSimpleName()));
                        notProblem.increment();
                        return;
                    }
                    int status = response.statusCode();
                    byEndpoint.computeIfAbsent(r.endpoint(), k -> new ConcurrentHashMap<>()).merge(status, 1L, Long::sum);
                    String ct = response.headers().firstValue("content-type").orElse("");
                    String why = check(r, status, ct, response.body());
                    if (status >= 500) {
                        serverErrors.increment();
                    }
                    if (why != null) {
                        if (status < 500) {
                            notProblem.increment();
                        }
                        failures.add(new Failure(r, status, ct, why));
                    }
                } finally {
                    inFlight.release();
                }
            });
            if (System.nanoTime() - lastProgress > 1_000_000_000L) {
                progress.run();
                lastProgress = System.nanoTime();
            }
        }
        inFlight.acquire(concurrency);
        Map<String, Map<Integer, Long>> sorted = new TreeMap<>();
        byEndpoint.forEach((k, v) -> sorted.put(k, new TreeMap<>(v)));
        return new Result(count, serverErrors.sum(), notProblem.sum(), unsendable.sum(), sorted, List.copyOf(failures));
    }

    /** Null when the answer is right for a hostile request; otherwise what is wrong with it. */
    static String check(HostileRequest r, int status, String contentType, String body) {
        if (status >= 500) {
            return "server error " + status;
        }
        if (status >= 200 && status < 300) {
            if (r.endpoint().equals("INGEST_BATCH")) {
                try {
                    JsonNode root = JSON.readTree(body);
                    JsonNode items = root.isArray() ? root : root.path("items").isArray() ? root.path("items") : root.path("results");
                    for (JsonNode item : items) {
                        if ("ACCEPTED".equalsIgnoreCase(item.path("status").asText())) {
                            return "a hostile batch item was ACCEPTED";
                        }
                        if (item.path("problem").path("type").asText().isEmpty()) {
                            return "a rejected batch item has no problem type";
                        }
                    }
                    return null;
                } catch (Exception e) {
                    return "batch answer is not JSON";
                }
            }
            return "hostile request answered " + status;
        }
        if (status < 400) {
            return "unexpected status " + status;
        }
        if (!contentType.startsWith("application/problem+json")) {
            return "content type '" + contentType + "' is not application/problem+json";
        }
        try {
            JsonNode p = JSON.readTree(body);
            if (!p.hasNonNull("type") || !p.hasNonNull("title") || p.path("status").asInt() != status) {
                return "problem lacks type/title/status";
            }
            String text = body.toLowerCase();
            if (text.contains("exception") || text.contains("\tat ") || text.contains("java.")) {
                return "problem leaks an exception or class name";
            }
        } catch (Exception e) {
            return "problem body is not JSON";
        }
        return null;
    }

    private HttpRequest toHttp(HostileRequest r) {
        String base = switch (r.endpoint()) {
            case "INGEST_SINGLE", "INGEST_BATCH" -> ingestUrl;
            case "LOCATE", "LOCATE_BATCH", "GEO_CATALOGUE" -> geoUrl;
            default -> statsUrl;
        };
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + r.pathAndQuery())).timeout(Duration.ofSeconds(30));
        if (r.contentType() != null) {
            b.header("Content-Type", r.contentType());
        }
        b.header("Accept", "application/json, application/problem+json");
        HttpRequest.BodyPublisher body = r.body() == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofByteArray(r.body());
        return b.method(r.method(), body).build();
    }
}

package vn.ispeed.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.HdrHistogram.Recorder;
import org.HdrHistogram.Histogram;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Drives the ingest API at a fixed offered rate (open model: requests leave on schedule
 * whether or not earlier ones have answered, and latency counts from the scheduled time, so a
 * stall is not hidden). A test answered 503/429 or lost to a refused connection is retried
 * later, as a phone would, so a fault run still ends with every test appended once.
 */
public final class LoadDriver {
    public record Result(long requests, long testsSent, long accepted, long acceptedUnique, long rejected, long rejectedUnexpected,
                         long retried, long gaveUp, long serverErrors, double seconds, Histogram latency,
                         Map<UUID, Long> acceptedAtNanos, Map<String, Long> rejectReasons) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http;
    private final URI single;
    private final URI batch;
    private final Recorder latency = new Recorder(3);
    private final LongAdder requests = new LongAdder();
    private final LongAdder testsSent = new LongAdder();
    private final LongAdder accepted = new LongAdder();
    private final LongAdder rejected = new LongAdder();
    private final LongAdder rejectedUnexpected = new LongAdder();
    private final LongAdder retried = new LongAdder();
    private final LongAdder gaveUp = new LongAdder();
    private final LongAdder serverErrors = new LongAdder();
    private final Map<UUID, Long> acceptedAt = new ConcurrentHashMap<>();
    private final Map<String, Long> rejectReasons = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<Pending> retries = new ConcurrentLinkedQueue<>();
    private final Semaphore inFlight;
    private final int maxInFlight;
    private final long origin = System.nanoTime();

    record Pending(List<Fleet.Test> tests, int attempt, long notBeforeNanos) {
    }

    /** The HTTP client drivers share when one run follows another (see {@link E2eRun}). */
    public static HttpClient newClient() {
        return HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).version(HttpClient.Version.HTTP_1_1).build();
    }

    public LoadDriver(String ingestBaseUrl, int maxInFlight) {
        this(ingestBaseUrl, maxInFlight, newClient());
    }

    public LoadDriver(String ingestBaseUrl, int maxInFlight, HttpClient http) {
        this.http = http;
        this.single = URI.create(ingestBaseUrl + "/api/v1/measurements");
        this.batch = URI.create(ingestBaseUrl + "/api/v1/measurements/batch");
        this.inFlight = new Semaphore(maxInFlight);
        this.maxInFlight = maxInFlight;
    }

    public long origin() {
        return origin;
    }

    /**
     * Sends {@code rate} tests/s for {@code seconds}, in requests of {@code batchSize} tests, then
     * drains retries for up to {@code drainSeconds}. {@code progress} is called about once a second.
     */
    public Result run(Fleet fleet, double rate, int seconds, int batchSize, int drainSeconds, Runnable progress)
            throws InterruptedException {
        long start = System.nanoTime();
        double requestsPerSecond = rate / batchSize;
        long intervalNanos = (long) (1e9 / requestsPerSecond);
        long total = (long) (requestsPerSecond * seconds);
        long nextProgress = start + 1_000_000_000L;
        for (long i = 0; i < total; i++) {
            long due = start + i * intervalNanos;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            List<Fleet.Test> tests = new ArrayList<>(batchSize);
            for (int k = 0; k < batchSize; k++) {
                tests.add(fleet.next());
            }
            send(tests, 0, due);
            drainRetries(false);
            if (System.nanoTime() > nextProgress) {
                progress.run();
                nextProgress += 1_000_000_000L;
            }
        }
        double sendSeconds = (System.nanoTime() - start) / 1e9;
        long drainDeadline = System.nanoTime() + drainSeconds * 1_000_000_000L;
        while ((!retries.isEmpty() || inFlight.availablePermits() < maxInFlight) && System.nanoTime() < drainDeadline) {
            drainRetries(true);
            Thread.sleep(50);
            if (System.nanoTime() > nextProgress) {
                progress.run();
                nextProgress += 1_000_000_000L;
            }
        }
        for (Pending p : retries) {
            gaveUp.add(p.tests().size());
        }
        return new Result(requests.sum(), testsSent.sum(), accepted.sum(), acceptedAt.size(), rejected.sum(),
                rejectedUnexpected.sum(), retried.sum(), gaveUp.sum(), serverErrors.sum(), sendSeconds,
                latency.getIntervalHistogram(), Map.copyOf(acceptedAt), Map.copyOf(rejectReasons));
    }

    public String progressLine() {
        return String.format("sent %,d tests in %,d requests · accepted %,d (unique %,d) · rejected %,d · retrying %,d · 5xx %,d",
                testsSent.sum(), requests.sum(), accepted.sum(), acceptedAt.size(), rejected.sum(), retries.size(), serverErrors.sum());
    }

    private void drainRetries(boolean all) {
        long now = System.nanoTime();
        int n = all ? Integer.MAX_VALUE : 20;
        for (Pending p; n-- > 0 && (p = retries.peek()) != null && p.notBeforeNanos() <= now; ) {
            retries.poll();
            retried.add(p.tests().size());
            send(p.tests(), p.attempt(), now);
        }
    }

    private void send(List<Fleet.Test> tests, int attempt, long scheduledNanos) {
        boolean isBatch = tests.size() > 1;
        String body = isBatch ? "[" + String.join(",", tests.stream().map(Fleet.Test::json).toList()) + "]" : tests.get(0).json();
        HttpRequest.Builder builder = HttpRequest.newBuilder(isBatch ? batch : single).timeout(Duration.ofSeconds(15))
                .header("Content-Type", "application/json");
        // as the app does: the install id in a header too, for the gateway's per-install limit (a batch's first test's)
        if (tests.get(0).installId() != null) {
            builder.header("X-Install-Id", tests.get(0).installId());
        }
        HttpRequest request = builder.POST(HttpRequest.BodyPublishers.ofString(body)).build();
        inFlight.acquireUninterruptibly();
        requests.increment();
        if (attempt == 0) {
            testsSent.add(tests.size());
        }
        http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).whenComplete((response, error) -> {
            try {
                long now = System.nanoTime();
                latency.recordValue(Math.max(1, (now - scheduledNanos) / 1_000));
                if (error != null) {
                    retryLater(tests, attempt, "connection: " + rootMessage(error));
                } else if (isBatch) {
                    onBatch(tests, attempt, response, now);
                } else {
                    onSingle(tests.get(0), attempt, response.statusCode(), response.body(), now);
                }
            } finally {
                inFlight.release();
            }
        });
    }

    private void onSingle(Fleet.Test test, int attempt, int status, String body, long now) {
        if (status == 202) {
            accept(test, now);
        } else if (status == 503 || status == 429 || status == 502 || status == 504) {
            retryLater(List.of(test), attempt, "HTTP " + status);
        } else if (status >= 500) {
            serverErrors.increment();
            reject(test, "HTTP " + status);
        } else {
            reject(test, "HTTP " + status + " " + problemType(body));
        }
    }

    private void onBatch(List<Fleet.Test> tests, int attempt, HttpResponse<String> response, long now) {
        int status = response.statusCode();
        if (status == 503 || status == 429 || status == 502 || status == 504) {
            retryLater(tests, attempt, "HTTP " + status);
            return;
        }
        if (status >= 500) {
            serverErrors.increment();
            tests.forEach(t -> reject(t, "HTTP " + status));
            return;
        }
        try {
            JsonNode root = JSON.readTree(response.body());
            JsonNode items = root.isArray() ? root : root.path("items").isArray() ? root.path("items") : root.path("results");
            List<Fleet.Test> again = new ArrayList<>();
            for (JsonNode item : items) {
                int index = item.path("index").asInt(-1);
                if (index < 0 || index >= tests.size()) {
                    continue;
                }
                Fleet.Test test = tests.get(index);
                String s = item.path("status").asText();
                int itemStatus = item.path("problem").path("status").asInt(0);
                if ("ACCEPTED".equalsIgnoreCase(s) || "202".equals(s)) {
                    accept(test, now);
                } else if (itemStatus == 503 || itemStatus == 429) {
                    again.add(test);
                } else {
                    reject(test, "item " + item.path("problem").path("type").asText(s));
                }
            }
            if (!again.isEmpty()) {
                retryLater(again, attempt, "item 503/429");
            }
        } catch (Exception e) {
            serverErrors.increment();
            tests.forEach(t -> reject(t, "unreadable batch answer"));
        }
    }

    private void accept(Fleet.Test test, long now) {
        accepted.increment();
        if (test.kind() == Fleet.Kind.INVALID) {
            rejectedUnexpected.increment();
            rejectReasons.merge("INVALID payload accepted", 1L, Long::sum);
            return;
        }
        acceptedAt.putIfAbsent(test.testId(), now);
    }

    private void reject(Fleet.Test test, String reason) {
        rejected.increment();
        if (test.kind() != Fleet.Kind.INVALID) {
            rejectedUnexpected.increment();
            rejectReasons.merge("valid test rejected: " + reason, 1L, Long::sum);
        } else {
            rejectReasons.merge(reason, 1L, Long::sum);
        }
    }

    private final AtomicLong lastRetryLog = new AtomicLong();

    private void retryLater(List<Fleet.Test> tests, int attempt, String reason) {
        rejectReasons.merge("retried after " + reason.replaceAll("[0-9]{2,}", "N"), (long) tests.size(), Long::sum);
        if (attempt >= 60) {
            gaveUp.add(tests.size());
            return;
        }
        long backoffMs = Math.min(5_000, 100L << Math.min(attempt, 6));
        retries.add(new Pending(tests, attempt + 1, System.nanoTime() + backoffMs * 1_000_000L));
    }

    private static String problemType(String body) {
        try {
            JsonNode node = JSON.readTree(body);
            String type = node.path("type").asText("");
            return type.substring(type.lastIndexOf('/') + 1);
        } catch (Exception e) {
            return "(not problem+json)";
        }
    }

    private static String rootMessage(Throwable t) {
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t.getClass().getSimpleName();
    }
}

package vn.ispeed.bench.ingest;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Offered load at fixed rates against a running ingest-service (open model: requests leave on
 * a schedule whether or not earlier ones answered; latency counts from the scheduled time, so
 * queueing in the client is not hidden), then Kafka's own ProducerPerformance for records of
 * the size the service appended, as the ceiling. Prints a Markdown report.
 */
public final class IngestBench {
    private static final Pattern ACCEPTED = Pattern.compile("\"accepted\":(\\d+)");

    record Step(String mode, int offeredTestsPerSecond, int batchSize, long requests, long accepted, long errors,
                Map<String, Long> statuses, double seconds, Histogram latencyMicros, long rssKb, long hwmKb,
                double serviceCpuMicrosPerTest) {
        double acceptedPerSecond() {
            return accepted / seconds;
        }
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> opt = options(args);
        String url = opt.getOrDefault("url", "http://127.0.0.1:18081");
        String bootstrap = opt.get("bootstrap");
        long pid = Long.parseLong(opt.get("pid"));
        int seconds = Integer.parseInt(opt.getOrDefault("seconds", "15"));
        int warmup = Integer.parseInt(opt.getOrDefault("warmup", "5"));
        int connections = Integer.parseInt(opt.getOrDefault("connections", "128"));
        List<Integer> singleRates = ints(opt.getOrDefault("single-rates", "1000,3000,5000"));
        List<Integer> batchRates = ints(opt.getOrDefault("batch-rates", "10000,20000,40000"));
        String kafkaClasspath = Files.readString(Path.of(opt.get("kafka-classpath"))).trim();
        Path report = Path.of(opt.getOrDefault("report", "bench/reports/ingest.md"));

        java.net.URI base = java.net.URI.create(url);
        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1));
        HttpClient client = vertx.createHttpClient(new HttpClientOptions()
                        .setDefaultHost(base.getHost()).setDefaultPort(base.getPort())
                        .setKeepAlive(true).setPipelining(false).setConnectTimeout(2000).setIdleTimeout(30),
                new PoolOptions().setHttp1MaxSize(connections).setMaxWaitQueueSize(-1));

        int sizeGuess = 650;
        System.err.println("ceiling before the load: ProducerPerformance...");
        Map<String, String> ceilingBefore = producerPerformance(kafkaClasspath, bootstrap, sizeGuess, 500_000);
        System.err.println("  " + ceilingBefore.get("line"));
        // the JIT first: without this the first step measures the interpreter
        System.err.println("warming the service up (20 s of singles at 2,000 tests/s, 10 s of batches at 10,000 tests/s)...");
        run(vertx, client, pid, "single", 2000, 1, 20, 0);
        run(vertx, client, pid, "batch", 10000, 100, 10, 0);
        List<Step> steps = new ArrayList<>();
        for (int rate : singleRates) {
            steps.add(run(vertx, client, pid, "single", rate, 1, seconds, warmup));
            System.err.println(line(steps.get(steps.size() - 1)));
        }
        for (int rate : batchRates) {
            steps.add(run(vertx, client, pid, "batch", rate, 100, seconds, warmup));
            System.err.println(line(steps.get(steps.size() - 1)));
        }
        if (!singleRates.isEmpty()) {
            // the lowest single rate once more, now that every path is compiled and the caches are warm
            steps.add(run(vertx, client, pid, "single (again)", singleRates.get(0), 1, seconds, warmup));
            System.err.println(line(steps.get(steps.size() - 1)));
        }
        client.close();
        vertx.close();

        int recordSize = recordSize(bootstrap);
        System.err.printf("appended records average %d bytes; running ProducerPerformance...%n", recordSize);
        Map<String, String> ceiling = producerPerformance(kafkaClasspath, bootstrap, recordSize, 500_000);
        String markdown = markdown(steps, recordSize, ceilingBefore, ceiling, opt);
        Files.createDirectories(report.toAbsolutePath().getParent());
        Files.writeString(report, markdown);
        System.out.println(markdown);
        System.err.println("report written to " + report);
    }

    /** One fixed-rate step: {@code warmup} s unrecorded, then {@code seconds} s recorded. */
    static Step run(Vertx vertx, HttpClient client, long pid, String mode, int testsPerSecond, int batchSize,
                    int seconds, int warmup) throws Exception {
        double requestsPerSecond = testsPerSecond / (double) batchSize;
        long total = (long) (requestsPerSecond * (warmup + seconds));
        long firstRecorded = (long) (requestsPerSecond * warmup);
        String path = batchSize == 1 ? "/api/v1/measurements" : "/api/v1/measurements/batch";
        Histogram latency = new Histogram(TimeUnit.SECONDS.toMicros(60), 3);
        long[] counters = new long[4]; // requests, accepted, errors, completed
        Map<String, Long> statuses = new TreeMap<>();
        CompletableFuture<Void> done = new CompletableFuture<>();
        long start = System.nanoTime() + 20_000_000L;
        double intervalNanos = 1e9 / requestsPerSecond;
        long windowStart = start + (long) (firstRecorded * intervalNanos);
        long windowEnd = start + (long) (total * intervalNanos);
        long[] acceptedInWindow = new long[1];
        long cpuBefore = cpuTicks(pid);
        long[] next = {0};
        String[] measuredAt = {Instant.now().minus(1, ChronoUnit.MINUTES).toString()};
        vertx.runOnContext(v -> vertx.setPeriodic(1, timer -> {
            long now = System.nanoTime();
            if (now > windowEnd + 1_000_000_000L) {
                measuredAt[0] = Instant.now().minus(1, ChronoUnit.MINUTES).toString();
            }
            while (next[0] < total) {
                long i = next[0];
                long due = start + (long) (i * intervalNanos);
                if (due > now) {
                    break;
                }
                next[0]++;
                boolean recorded = i >= firstRecorded;
                Buffer body = Buffer.buffer(batchSize == 1 ? measurement(UUID.randomUUID().toString(), measuredAt[0])
                        : batch(batchSize, measuredAt[0]));
                client.request(HttpMethod.POST, path)
                        .compose(req -> req.putHeader("Content-Type", "application/json").send(body))
                        .compose(resp -> resp.body().map(b -> new Object[] {resp.statusCode(), b}))
                        .onComplete(ar -> {
                            long end = System.nanoTime();
                            long accepted = 0;
                            String status;
                            if (ar.succeeded()) {
                                int code = (Integer) ar.result()[0];
                                status = Integer.toString(code);
                                if (code == 202) {
                                    accepted = 1;
                                } else if (code == 200) {
                                    Matcher m = ACCEPTED.matcher(((Buffer) ar.result()[1]).toString(StandardCharsets.UTF_8));
                                    accepted = m.find() ? Long.parseLong(m.group(1)) : 0;
                                }
                            } else {
                                status = "io-error";
                            }
                            if (recorded) {
                                counters[0]++;
                                latency.recordValue(Math.min(latency.getHighestTrackableValue(), Math.max(1, (end - due) / 1000)));
                                statuses.merge(status, 1L, Long::sum);
                                if (accepted < batchSize) {
                                    counters[2]++;
                                }
                            }
                            counters[1] += accepted;
                            if (end >= windowStart && end <= windowEnd) {
                                acceptedInWindow[0] += accepted;
                            }
                            counters[3]++;
                            if (counters[3] == total) {
                                done.complete(null);
                            }
                        });
            }
            if (next[0] >= total) {
                vertx.cancelTimer(timer);
            }
        }));
        try {
            done.get(warmup + seconds + 30L, TimeUnit.SECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            System.err.println("  (some requests had not answered 30 s after the step)");
        }
        long[] mem = rss(pid);
        long cpuTicks = cpuTicks(pid) - cpuBefore;
        CompletableFuture<Step> result = new CompletableFuture<>();
        vertx.runOnContext(v -> result.complete(new Step(mode, testsPerSecond, batchSize, counters[0], acceptedInWindow[0],
                counters[2], new TreeMap<>(statuses), (windowEnd - windowStart) / 1e9, latency.copy(), mem[0], mem[1],
                counters[1] == 0 ? 0 : cpuTicks * 10_000.0 / counters[1])));
        return result.get(10, TimeUnit.SECONDS);
    }

    static String measurement(String installId, String measuredAt) {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        return "{\"testId\":\"" + UUID.randomUUID() + "\",\"installId\":\"" + installId + "\",\"measuredAt\":\"" + measuredAt
                + "\",\"network\":{\"type\":\"MOBILE\",\"technology\":\"4G\",\"operator\":\"452-04\"},"
                + "\"downloadKbps\":" + (20_000 + r.nextInt(80_000)) + ".5,\"uploadKbps\":" + (5_000 + r.nextInt(30_000))
                + ",\"latencyMs\":" + (10 + r.nextInt(80)) + ",\"jitterMs\":" + r.nextInt(20) + ".5,\"packetLossPct\":0.1,"
                + "\"location\":{\"lat\":" + (10 + r.nextDouble() * 12) + ",\"lon\":" + (103 + r.nextDouble() * 5)
                + ",\"accuracyM\":12.5,\"source\":\"GPS\"},\"app\":{\"platform\":\"ANDROID\",\"version\":\"3.2.1\"}}";
    }

    /** A phone's offline queue: one install id, up to 100 tests. */
    static String batch(int n, String measuredAt) {
        String installId = UUID.randomUUID().toString();
        StringBuilder sb = new StringBuilder(n * 480).append('[');
        for (int i = 0; i < n; i++) {
            sb.append(i == 0 ? "" : ",").append(measurement(installId, measuredAt));
        }
        return sb.append(']').toString();
    }

    /** utime + stime of the process, in clock ticks (1/100 s). */
    static long cpuTicks(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(f[11]) + Long.parseLong(f[12]);
        } catch (Exception e) {
            return 0;
        }
    }

    static long[] rss(long pid) {
        long rss = 0;
        long hwm = 0;
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith("VmRSS:")) {
                    rss = Long.parseLong(line.replaceAll("[^0-9]", ""));
                } else if (line.startsWith("VmHWM:")) {
                    hwm = Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (Exception e) {
            // the process is gone: report 0
        }
        return new long[] {rss, hwm};
    }

    /** The mean size of the values the service appended (the last few thousand records). */
    static int recordSize(String bootstrap) {
        Map<String, Object> props = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props)) {
            List<TopicPartition> parts = consumer.partitionsFor("measurements").stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(parts);
            Map<TopicPartition, Long> end = consumer.endOffsets(parts);
            parts.forEach(p -> consumer.seek(p, Math.max(0, end.get(p) - 500)));
            long bytes = 0;
            long n = 0;
            long deadline = System.currentTimeMillis() + 10_000;
            while (n < 500 && System.currentTimeMillis() < deadline) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(java.time.Duration.ofMillis(500))) {
                    bytes += r.serializedValueSize() + r.serializedKeySize();
                    n++;
                }
            }
            return n == 0 ? 500 : (int) (bytes / n);
        }
    }

    /** Kafka's ProducerPerformance with the service's producer settings; returns its summary fields. */
    static Map<String, String> producerPerformance(String classpath, String bootstrap, int recordSize, int records)
            throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            admin.createTopics(List.of(new NewTopic("bench-ceiling", 6, (short) 1))).all().get(30, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            // exists from an earlier run
        }
        List<String> cmd = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-cp", classpath, "org.apache.kafka.tools.ProducerPerformance",
                "--topic", "bench-ceiling", "--num-records", Integer.toString(records),
                "--record-size", Integer.toString(recordSize), "--throughput", "-1",
                "--producer-props", "bootstrap.servers=" + bootstrap, "acks=all", "enable.idempotence=true",
                "linger.ms=2", "batch.size=65536", "compression.type=none");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String last = "";
        try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = out.readLine()) != null; ) {
                if (line.contains("records sent")) {
                    last = line;
                }
            }
        }
        p.waitFor(120, TimeUnit.SECONDS);
        Map<String, String> out = new LinkedHashMap<>();
        out.put("line", last.trim());
        Matcher m = Pattern.compile("([0-9.]+) records/sec").matcher(last);
        out.put("recordsPerSecond", m.find() ? m.group(1) : "0");
        m = Pattern.compile("([0-9.]+) ms 50th, ([0-9.]+) ms 95th, ([0-9.]+) ms 99th").matcher(last);
        if (m.find()) {
            out.put("p50", m.group(1));
            out.put("p99", m.group(3));
        }
        return out;
    }

    static String line(Step s) {
        return String.format("%-6s offered %,7d tests/s -> accepted %,9.0f tests/s, p50 %7.2f ms, p99 %8.2f ms, RSS %,d MB, CPU %.0f us/test, %s",
                s.mode(), s.offeredTestsPerSecond(), s.acceptedPerSecond(), s.latencyMicros().getValueAtPercentile(50) / 1000.0,
                s.latencyMicros().getValueAtPercentile(99) / 1000.0, s.rssKb() / 1024, s.serviceCpuMicrosPerTest(), s.statuses());
    }

    static String markdown(List<Step> steps, int recordSize, Map<String, String> before, Map<String, String> ceiling,
                           Map<String, String> opt) {
        double ceil = (Double.parseDouble(before.get("recordsPerSecond")) + Double.parseDouble(ceiling.get("recordsPerSecond"))) / 2;
        StringBuilder sb = new StringBuilder();
        sb.append("# ingest-service bench — ").append(Instant.now().truncatedTo(ChronoUnit.SECONDS)).append("\n\n");
        sb.append("Machine: ").append(Runtime.getRuntime().availableProcessors())
                .append(" cores shared by the service, the Kafka broker, this load generator (and whatever else runs);")
                .append(" Java ").append(System.getProperty("java.version")).append(".\n");
        sb.append("Service JVM: `").append(opt.getOrDefault("service-opts", "")).append("`. Each step: ")
                .append(opt.getOrDefault("warmup", "5")).append(" s warm-up, then ").append(opt.getOrDefault("seconds", "15"))
                .append(" s recorded, after 30 s of JIT warm-up; open model, latency from the scheduled send time;")
                .append(" every single post and every batch comes from a new install id (worst case for the rate-limit cache).\n\n");
        sb.append("| mode | offered tests/s | accepted tests/s | vs ceiling | p50 ms | p99 ms | p99.9 ms | max ms | non-accepted requests | service CPU µs/test | RSS MB (peak) |\n");
        sb.append("|---|---:|---:|---:|---:|---:|---:|---:|---|---:|---:|\n");
        for (Step s : steps) {
            Histogram h = s.latencyMicros();
            sb.append(String.format("| %s%s | %,d | %,.0f | %.3f | %.2f | %.2f | %.2f | %.1f | %s | %.0f | %d (%d) |%n",
                    s.mode(), s.batchSize() > 1 ? " ×" + s.batchSize() : "", s.offeredTestsPerSecond(), s.acceptedPerSecond(),
                    s.acceptedPerSecond() / ceil, h.getValueAtPercentile(50) / 1000.0, h.getValueAtPercentile(99) / 1000.0,
                    h.getValueAtPercentile(99.9) / 1000.0, h.getMaxValue() / 1000.0,
                    s.errors() == 0 ? "0" : s.errors() + " " + s.statuses(), s.serviceCpuMicrosPerTest(),
                    s.rssKb() / 1024, s.hwmKb() / 1024));
        }
        sb.append("\nCeiling (same run, same broker): Kafka `ProducerPerformance`, ").append(recordSize)
                .append("-byte records (the mean size of the appended MeasurementSubmitted, key included), acks=all, idempotent,")
                .append(" linger.ms=2, batch.size=64 KiB, 6 partitions, run before and after the load; the ratio uses their mean: **")
                .append(String.format("%,.0f", ceil)).append(" records/s**.\n\n- before: `").append(before.get("line"))
                .append("`\n- after: `").append(ceiling.get("line")).append("`\n\n")
                .append("Load average while the report was written: ").append(loadAverage()).append("\n");
        return sb.toString();
    }

    static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (Exception e) {
            return "?";
        }
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> out = new LinkedHashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            out.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        return out;
    }

    private static List<Integer> ints(String csv) {
        List<Integer> out = new ArrayList<>();
        for (String s : csv.split(",")) {
            if (!s.isBlank()) {
                out.add(Integer.parseInt(s.trim()));
            }
        }
        return out;
    }

    private IngestBench() {
    }
}

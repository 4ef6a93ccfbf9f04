package vn.ispeed.bench.stats;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import vn.ispeed.events.EventCodec;
import vn.ispeed.events.MeasurementLocated;
import vn.ispeed.events.Metrics;
import vn.ispeed.events.Network;
import vn.ispeed.events.NetworkType;
import vn.ispeed.events.Technology;
import vn.ispeed.events.Topics;
import vn.ispeed.events.UnitRef;
import vn.ispeed.testsupport.KafkaResource;
import vn.ispeed.testsupport.PostgresResource;

import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * The stats-service benchmark: N located facts over the real vn-2025 communes through real Kafka
 * into the real service jar and PostgreSQL; projection throughput, API latency under load, and the
 * naive SQL baseline (percentile_cont ... GROUP BY over the facts) for the same answers.
 */
public final class StatsBench {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SET = "vn-2025";
    private static final String PERIOD = "2026-08";
    private static final String DAY = "2026-08-14";
    private static final Instant START = Instant.parse("2026-06-30T17:00:00Z"); // 1 July 00:00 in Vietnam
    private static final long SPAN_SECONDS = 92L * 86_400;

    private record Commune(String code, String name, String province, String provinceName, double weight) {
    }

    private static final StringBuilder REPORT = new StringBuilder();

    public static void main(String[] args) throws Exception {
        Map<String, String> opts = new HashMap<>();
        for (String a : args) {
            String[] kv = a.replaceFirst("^--", "").split("=", 2);
            opts.put(kv[0], kv.length > 1 ? kv[1] : "true");
        }
        long facts = Long.parseLong(opts.getOrDefault("facts", "10000000"));
        int rate = Integer.parseInt(opts.getOrDefault("rate", "500"));
        int seconds = Integer.parseInt(opts.getOrDefault("seconds", "20"));
        int concurrency = Integer.parseInt(opts.getOrDefault("concurrency", "4"));
        maxPoll = opts.getOrDefault("max-poll", "20000");
        String jar = opts.get("jar");
        Path geo = Path.of(System.getProperty("ispeed.geo.root"));

        line("# stats-service benchmark");
        line("");
        line("- facts: %,d located tests (vn-2025, %s .. +92 days, Vietnam time), real communes: %s", facts, START, "3,321");
        String pgSettings = System.getProperty(PostgresResource.SETTINGS_PROPERTY, "").trim();
        line("- machine: %d cores, shared; Kafka 4.1.2 (1 broker, 6 partitions), PostgreSQL (zonky, fsync=off, synchronous_commit=off%s)",
                Runtime.getRuntime().availableProcessors(), pgSettings.isEmpty() ? "" : ", " + pgSettings);
        List<Commune> communes = communes(geo);

        String bootstrap = KafkaResource.bootstrapServers();
        PostgresResource.createDatabase("stats");
        String jdbc = PostgresResource.jdbcUrl("stats");

        long t0 = System.nanoTime();
        produce(bootstrap, communes, facts);
        double produceSeconds = (System.nanoTime() - t0) / 1e9;
        line("- generated and produced in %.1f s (%,.0f events/s)", produceSeconds, facts / produceSeconds);

        int port = 18083;
        Process service = start(jar, port, bootstrap, geo, true, true);
        Process replica = null;
        try {
            waitReady(port);
            projection(jdbc, facts, service.pid());
            line("");
            line("## API under load (service: read cache on; replica: projection off, read cache %s)",
                    Boolean.parseBoolean(opts.getOrDefault("replica-cache", "false")) ? "on" : "off");
            line("");
            line("| query | load | requests | errors | p50 ms | p99 ms | max ms |");
            line("|---|---|---|---|---|---|---|");
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            Random r = new Random(5);
            List<String> provinces = communes.stream().map(Commune::province).distinct().toList();
            Stats unit = openLoad(http, rate, seconds, () -> "http://127.0.0.1:" + port + "/api/v1/stats/" + SET + "/units/"
                    + communes.get(r.nextInt(communes.size())).code() + "?network=" + (r.nextBoolean() ? "fixed" : "mobile")
                    + "&period=" + PERIOD);
            row("unit stats (commune)", rate + " req/s open", unit);
            Stats children = closedLoad(http, concurrency, seconds, () -> "http://127.0.0.1:" + port + "/api/v1/stats/" + SET
                    + "/units/" + provinces.get(r.nextInt(provinces.size())) + "/children?network=fixed&period=" + PERIOD);
            row("children of a province", concurrency + " concurrent", children);
            Stats coverage = closedLoad(http, concurrency, seconds, () -> "http://127.0.0.1:" + port + "/api/v1/coverage/" + SET
                    + "?network=" + (r.nextBoolean() ? "fixed" : "mobile") + "&period=" + PERIOD);
            row("national coverage (3,321 communes)", concurrency + " concurrent", coverage);

            int replicaPort = 18093;
            replica = start(jar, replicaPort, bootstrap, geo, false, Boolean.parseBoolean(opts.getOrDefault("replica-cache", "false")));
            waitReady(replicaPort);
            Stats coverageCold = closedLoad(http, concurrency, seconds, () -> "http://127.0.0.1:" + replicaPort + "/api/v1/coverage/" + SET
                    + "?network=" + (r.nextBoolean() ? "fixed" : "mobile") + "&period=" + PERIOD);
            row("national coverage (replica)", concurrency + " concurrent", coverageCold);
            Stats unitReplica = openLoad(http, rate, seconds, () -> "http://127.0.0.1:" + replicaPort + "/api/v1/stats/" + SET + "/units/"
                    + communes.get(r.nextInt(communes.size())).code() + "?network=fixed&period=" + PERIOD);
            row("unit stats (replica)", rate + " req/s open", unitReplica);
            // a commune's day is folded from its facts when read, not stored: measured where nothing caches it
            Stats dayReplica = openLoad(http, rate, seconds, () -> "http://127.0.0.1:" + replicaPort + "/api/v1/stats/" + SET + "/units/"
                    + communes.get(r.nextInt(communes.size())).code() + "?network=" + (r.nextBoolean() ? "fixed" : "mobile")
                    + "&period=" + DAY);
            row("a commune's day, from its facts (replica)", rate + " req/s open", dayReplica);
            Stats dayCoverage = closedLoad(http, concurrency, seconds, () -> "http://127.0.0.1:" + replicaPort + "/api/v1/coverage/" + SET
                    + "?network=" + (r.nextBoolean() ? "fixed" : "mobile") + "&period=" + DAY);
            row("national coverage of a day, communes from their facts (replica)", concurrency + " concurrent", dayCoverage);
            // the first unit row runs right after the catch-up, while PostgreSQL still vacuums and checkpoints
            // what the projection wrote; the same load once that has settled separates the two effects
            Stats unitSettled = openLoad(http, rate, seconds, () -> "http://127.0.0.1:" + port + "/api/v1/stats/" + SET + "/units/"
                    + communes.get(r.nextInt(communes.size())).code() + "?network=" + (r.nextBoolean() ? "fixed" : "mobile")
                    + "&period=" + PERIOD);
            row("unit stats (commune, again after the other loads)", rate + " req/s open", unitSettled);

            baseline(jdbc, communes, provinces, unit, children, coverage, coverageCold);
        } finally {
            stop(service);
            stop(replica);
        }
        line("");
        line("Command: `bench/stats/run.sh %d`", facts);
        System.exit(0);
    }

    // ---------------------------------------------------------------- data

    private static List<Commune> communes(Path geo) throws Exception {
        JsonNode root = JSON.readTree(geo.resolve("vn2025/vn_units_2level_2026-07-25_thanglequoc.json").toFile());
        List<Commune> out = new ArrayList<>();
        Random r = new Random(1);
        for (JsonNode p : root) {
            for (JsonNode w : p.get("Wards")) {
                out.add(new Commune(w.get("Code").asText(), w.get("Name").asText(), p.get("Code").asText(), p.get("Name").asText(), 0));
            }
        }
        // skewed like real test volumes: a few busy urban wards, a long tail of quiet rural communes
        List<Commune> shuffled = new ArrayList<>(out);
        Collections.shuffle(shuffled, r);
        List<Commune> weighted = new ArrayList<>();
        for (int i = 0; i < shuffled.size(); i++) {
            Commune c = shuffled.get(i);
            weighted.add(new Commune(c.code(), c.name(), c.province(), c.provinceName(), 1.0 / Math.pow(i + 1, 0.7)));
        }
        return weighted;
    }

    private static void produce(String bootstrap, List<Commune> communes, long facts) throws Exception {
        double[] cumulative = new double[communes.size()];
        double sum = 0;
        for (int i = 0; i < communes.size(); i++) {
            sum += communes.get(i).weight();
            cumulative[i] = sum;
        }
        Map<String, Object> p = new HashMap<>();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, 512 * 1024);
        p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        p.put(ProducerConfig.BUFFER_MEMORY_CONFIG, 128L * 1024 * 1024);
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        Random r = new Random(42);
        EventCodec codec = EventCodec.standard();
        String[] mobileOps = {"viettel", "viettel", "vinaphone", "mobifone", "vietnamobile"};
        String[] fixedOps = {"viettel", "vnpt", "fpt"};
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(p)) {
            for (long i = 0; i < facts; i++) {
                int idx = Arrays.binarySearch(cumulative, r.nextDouble() * sum);
                Commune c = communes.get(idx < 0 ? -idx - 1 : idx);
                boolean mobile = r.nextDouble() < 0.55;
                String op = mobile ? mobileOps[r.nextInt(mobileOps.length)] : fixedOps[r.nextInt(fixedOps.length)];
                double dl = (mobile ? 40_000 : 80_000) * Math.exp((mobile ? 0.9 : 0.8) * r.nextGaussian());
                double ul = dl * 0.4 * Math.exp(0.3 * r.nextGaussian());
                double lat = 25 * Math.exp(0.5 * r.nextGaussian());
                Instant at = START.plusSeconds(i * SPAN_SECONDS / facts); // the log is in time order, as it is live
                int devicesHere = Math.max(8, (int) (c.weight() * facts / 6 / communes.size() * 3));
                MeasurementLocated e = new MeasurementLocated(UUID.randomUUID(), SET,
                        List.of(new UnitRef("province", c.province(), c.provinceName(), "Tỉnh"), new UnitRef("commune", c.code(), c.name(), "Xã")),
                        "INSIDE", 0, "dev-" + c.code() + "-" + r.nextInt(devicesHere), at,
                        new Network(mobile ? NetworkType.MOBILE : NetworkType.FIXED, mobile ? Technology.G4 : Technology.WIFI, op, op, true),
                        new Metrics(dl, ul, lat, lat * 0.1, r.nextDouble() < 0.9 ? 0.0 : r.nextDouble() * 2), at.plusSeconds(1));
                producer.send(new ProducerRecord<>(Topics.MEASUREMENTS_LOCATED, c.code(), codec.encode(e)));
            }
            producer.flush();
        }
    }

    // ---------------------------------------------------------------- service

    private static String maxPoll = "20000";

    private static Process start(String jar, int port, String bootstrap, Path geo, boolean projection, boolean cache) throws Exception {
        ProcessBuilder pb = new ProcessBuilder("java", "-Xmx1500m", "-jar", jar);
        Map<String, String> env = pb.environment();
        env.put("QUARKUS_HTTP_PORT", String.valueOf(port));
        env.put("KAFKA_BOOTSTRAP_SERVERS", bootstrap);
        env.put("DB_REACTIVE_URL", "postgresql://127.0.0.1:" + PostgresResource.port() + "/stats");
        env.put("DB_JDBC_URL", PostgresResource.jdbcUrl("stats"));
        env.put("DB_USER", PostgresResource.USER);
        env.put("DB_PASSWORD", PostgresResource.PASSWORD);
        env.put("ISPEED_GEO_ROOT", geo.toString());
        env.put("OIDC_AUTH_SERVER_URL", "http://127.0.0.1:9/realms/ispeed"); // Keycloak down: the service must still serve
        env.put("STATS_PROJECTION_MAX_POLL_RECORDS", maxPoll);
        // JVM options for the service only (a profiler, another collector), not for Maven or this bench
        String serviceOpts = System.getenv("STATS_BENCH_SERVICE_JAVA_OPTS");
        if (serviceOpts != null) {
            env.put("JAVA_TOOL_OPTIONS", serviceOpts);
        }
        if (!projection) {
            env.put("STATS_PROJECTION_ENABLED", "false");
            env.put("STATS_OUTBOX_RELAY_ENABLED", "false");
        }
        env.put("STATS_COVERAGE_CACHE_ENABLED", String.valueOf(cache));
        File log = new File(System.getProperty("java.io.tmpdir"), "stats-bench-" + port + ".log");
        pb.redirectErrorStream(true).redirectOutput(log);
        return pb.start();
    }

    private static void stop(Process p) throws InterruptedException {
        if (p != null) {
            p.destroy();
            if (!p.waitFor(20, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        }
    }

    private static void waitReady(int port) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.currentTimeMillis() + 120_000;
        long t0 = System.nanoTime();
        while (System.currentTimeMillis() < deadline) {
            try {
                HttpResponse<String> res = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/q/health/ready")).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (res.statusCode() == 200) {
                    line("- service on port %d ready (/q/health/ready UP, Keycloak unreachable) after %.1f s", port, (System.nanoTime() - t0) / 1e9);
                    return;
                }
            } catch (Exception ignored) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("service on port " + port + " not ready");
    }

    private static void projection(String jdbc, long facts, long servicePid) throws Exception {
        long t0 = System.nanoTime();
        double[] cpu0 = {cpuSeconds(servicePid), postgresCpuSeconds()};
        long firstAt = 0;
        long firstCount = 0;
        long last = 0;
        List<String> samples = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(jdbc, PostgresResource.USER, PostgresResource.PASSWORD)) {
            while (true) {
                long done = 0;
                try (Statement s = c.createStatement();
                     ResultSet rs = s.executeQuery("SELECT coalesce(sum(next_offset), 0) FROM checkpoint")) {
                    rs.next();
                    done = rs.getLong(1);
                } catch (Exception e) {
                    // table not created yet
                }
                long now = System.nanoTime();
                if (done > 0 && firstAt == 0) {
                    firstAt = now;
                    firstCount = done;
                }
                if (done != last && samples.size() < 1000) {
                    samples.add(String.format(Locale.ROOT, "%.0fs:%d", (now - t0) / 1e9, done));
                }
                last = done;
                if (done >= facts) {
                    double total = (now - t0) / 1e9;
                    double steady = (now - firstAt) / 1e9;
                    line("");
                    line("## Projection");
                    line("");
                    line("- %,d events projected in %.1f s from service start: **%,.0f events/s** (%,.0f events/s after the first batch commit)",
                            facts, total, facts / total, (facts - firstCount) / Math.max(0.001, steady));
                    double serviceCpu = cpuSeconds(servicePid) - cpu0[0];
                    double postgresCpu = postgresCpuSeconds() - cpu0[1];
                    // CPU time per event is steadier than events/s on a shared machine: compare runs by it
                    line("- CPU while projecting: service %.1f s (%.2f cores), PostgreSQL %.1f s (%.2f cores):"
                            + " **%.0f µs per event** (service %.0f + PostgreSQL %.0f)", serviceCpu, serviceCpu / total,
                            postgresCpu, postgresCpu / total, 1e6 * (serviceCpu + postgresCpu) / facts,
                            1e6 * serviceCpu / facts, 1e6 * postgresCpu / facts);
                    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                            "SELECT (SELECT count(*) FROM cell), (SELECT count(*) FROM fact), pg_size_pretty(pg_total_relation_size('cell')),"
                                    + " pg_size_pretty(pg_total_relation_size('fact'))")) {
                        rs.next();
                        line("- cells: %,d (%s), facts: %,d (%s)", rs.getLong(1), rs.getString(3), rs.getLong(2), rs.getString(4));
                    }
                    rowsWritten(c, facts);
                    return;
                }
                if ((now - t0) / 1e9 > 3 * 3600) {
                    throw new IllegalStateException("projection did not finish: " + done + " of " + facts);
                }
                Thread.sleep(1000);
            }
        }
    }

    /**
     * Which cells the projection wrote, by level, period kind and operator: rows, and row writes (the sum of the
     * row versions, each write bumps it by one) per event, so a change to the cell layout shows where it saves.
     */
    private static void rowsWritten(Connection c, long facts) throws SQLException {
        line("");
        line("| cells | rows | tests per row | row writes | writes per event |");
        line("|---|---|---|---|---|");
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT level, period_kind, CASE WHEN operator = 'ALL' THEN 'ALL' ELSE 'operator' END AS op,"
                        + " count(*), sum(tests), sum(version) FROM cell GROUP BY 1, 2, 3 ORDER BY 6 DESC")) {
            while (rs.next()) {
                line("| %s %s %s | %,d | %.1f | %,d | %.3f |", rs.getString(1), rs.getString(2), rs.getString(3),
                        rs.getLong(4), rs.getDouble(5) / rs.getLong(4), rs.getLong(6), rs.getDouble(6) / facts);
            }
        }
    }

    /** utime + stime of a process in seconds (clock ticks of 1/100 s), 0 when it is gone. */
    private static double cpuSeconds(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / 100.0;
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    /** CPU seconds of every PostgreSQL process (postmaster, backends, writers) on the machine. */
    private static double postgresCpuSeconds() {
        double sum = 0;
        try (var procs = Files.list(Path.of("/proc"))) {
            for (Path p : (Iterable<Path>) procs::iterator) {
                String pid = p.getFileName().toString();
                if (pid.chars().allMatch(Character::isDigit)) {
                    try {
                        if (Files.readString(p.resolve("comm")).trim().equals("postgres")) {
                            sum += cpuSeconds(Long.parseLong(pid));
                        }
                    } catch (IOException e) {
                        // the process ended meanwhile
                    }
                }
            }
        } catch (IOException e) {
            return 0;
        }
        return sum;
    }

    // ---------------------------------------------------------------- load

    private record Stats(int requests, int errors, double p50, double p99, double max) {
    }

    private static Stats stats(List<Double> lat, int errors) {
        double[] v = lat.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        if (v.length == 0) {
            return new Stats(0, errors, Double.NaN, Double.NaN, Double.NaN);
        }
        return new Stats(v.length, errors, v[(int) Math.floor(0.5 * (v.length - 1))], v[(int) Math.floor(0.99 * (v.length - 1))], v[v.length - 1]);
    }

    /** Open model: requests start on schedule whatever the answers do; latency counts from the scheduled start. */
    private static Stats openLoad(HttpClient http, int rate, int seconds, Supplier<String> url) throws Exception {
        warmUp(http, url);
        ConcurrentLinkedQueue<Double> lat = new ConcurrentLinkedQueue<>();
        AtomicInteger errors = new AtomicInteger();
        int total = rate * seconds;
        CountDownLatch done = new CountDownLatch(total);
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
        long start = System.nanoTime();
        long periodNanos = 1_000_000_000L / rate;
        AtomicLong sent = new AtomicLong();
        timer.scheduleAtFixedRate(() -> {
            long i = sent.getAndIncrement();
            if (i >= total) {
                return;
            }
            long scheduled = start + i * periodNanos;
            http.sendAsync(HttpRequest.newBuilder(URI.create(url.get())).timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofByteArray())
                    .whenComplete((res, err) -> {
                        if (err != null || res.statusCode() != 200) {
                            errors.incrementAndGet();
                        } else {
                            lat.add((System.nanoTime() - scheduled) / 1e6);
                        }
                        done.countDown();
                    });
        }, 0, periodNanos, TimeUnit.NANOSECONDS);
        done.await(seconds + 60L, TimeUnit.SECONDS);
        timer.shutdownNow();
        return stats(new ArrayList<>(lat), errors.get());
    }

    /** Closed model: N clients each sending the next request when the last answered. */
    private static Stats closedLoad(HttpClient http, int concurrency, int seconds, Supplier<String> url) throws Exception {
        warmUp(http, url);
        ConcurrentLinkedQueue<Double> lat = new ConcurrentLinkedQueue<>();
        AtomicInteger errors = new AtomicInteger();
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < concurrency; t++) {
            Thread th = new Thread(() -> {
                while (System.nanoTime() < end) {
                    long s = System.nanoTime();
                    try {
                        HttpResponse<byte[]> res = http.send(HttpRequest.newBuilder(URI.create(url.get())).timeout(Duration.ofSeconds(30)).build(),
                                HttpResponse.BodyHandlers.ofByteArray());
                        if (res.statusCode() == 200) {
                            lat.add((System.nanoTime() - s) / 1e6);
                        } else {
                            errors.incrementAndGet();
                        }
                    } catch (Exception e) {
                        errors.incrementAndGet();
                    }
                }
            });
            th.start();
            threads.add(th);
        }
        for (Thread th : threads) {
            th.join();
        }
        return stats(new ArrayList<>(lat), errors.get());
    }

    /** 8 s of closed-loop requests (4 clients) so the JIT has compiled the path before it is measured. */
    private static void warmUp(HttpClient http, Supplier<String> url) throws InterruptedException {
        long end = System.nanoTime() + 8_000_000_000L;
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            Thread th = new Thread(() -> {
                while (System.nanoTime() < end) {
                    try {
                        http.send(HttpRequest.newBuilder(URI.create(url.get())).timeout(Duration.ofSeconds(10)).build(),
                                HttpResponse.BodyHandlers.discarding());
                    } catch (Exception ignored) {
                        // warm-up only
                    }
                }
            });
            th.start();
            threads.add(th);
        }
        for (Thread th : threads) {
            th.join();
        }
    }

    // ---------------------------------------------------------------- baseline

    private static final String AGGREGATES = "count(*), count(DISTINCT device_id),"
            + " percentile_cont(0.5) WITHIN GROUP (ORDER BY download_kbps), percentile_cont(0.1) WITHIN GROUP (ORDER BY download_kbps),"
            + " percentile_cont(0.9) WITHIN GROUP (ORDER BY download_kbps), avg(download_kbps),"
            + " percentile_cont(0.5) WITHIN GROUP (ORDER BY upload_kbps), percentile_cont(0.5) WITHIN GROUP (ORDER BY latency_ms)";
    private static final String MONTH = " AND measured_at >= '2026-08-01T00:00:00+07' AND measured_at < '2026-09-01T00:00:00+07'";

    private static void baseline(String jdbc, List<Commune> communes, List<String> provinces, Stats unit, Stats children,
            Stats coverage, Stats coverageCold) throws Exception {
        line("");
        line("## Naive baseline: percentile_cont ... GROUP BY over the facts table (same answers, sequential)");
        line("");
        line("| query | runs | p50 ms | p99 ms | service p50 ms | ratio baseline/service (p50) |");
        line("|---|---|---|---|---|---|");
        Random r = new Random(9);
        try (Connection c = DriverManager.getConnection(jdbc, PostgresResource.USER, PostgresResource.PASSWORD)) {
            Stats bUnit = time(5, () -> query(c, "SELECT " + AGGREGATES + " FROM fact WHERE boundary_set = 'vn-2025' AND commune_code = '"
                    + communes.get(r.nextInt(communes.size())).code() + "' AND network = 'FIXED'" + MONTH));
            baseRow("unit stats (commune)", bUnit, unit);
            Stats bChildren = time(3, () -> query(c, "SELECT commune_code, " + AGGREGATES + " FROM fact WHERE boundary_set = 'vn-2025'"
                    + " AND province_code = '" + provinces.get(r.nextInt(provinces.size())) + "' AND network = 'FIXED'" + MONTH + " GROUP BY commune_code"));
            baseRow("children of a province", bChildren, children);
            Stats bCoverage = time(3, () -> {
                query(c, "SELECT commune_code, " + AGGREGATES + " FROM fact WHERE boundary_set = 'vn-2025' AND network = 'FIXED'" + MONTH
                        + " GROUP BY commune_code");
                query(c, "SELECT province_code, " + AGGREGATES + " FROM fact WHERE boundary_set = 'vn-2025' AND network = 'FIXED'" + MONTH
                        + " GROUP BY province_code");
            });
            baseRow("national coverage (cached service)", bCoverage, coverage);
            baseRow("national coverage (replica)", bCoverage, coverageCold);
        }
    }

    private interface Sql {
        void run() throws Exception;
    }

    private static void query(Connection c, String sql) throws Exception {
        try (PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                rs.getLong(1);
            }
        }
    }

    private static Stats time(int runs, Sql sql) throws Exception {
        List<Double> lat = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            long s = System.nanoTime();
            sql.run();
            lat.add((System.nanoTime() - s) / 1e6);
        }
        return stats(lat, 0);
    }

    // ---------------------------------------------------------------- report

    private static void row(String name, String load, Stats s) {
        line("| %s | %s | %,d | %d | %.1f | %.1f | %.1f |", name, load, s.requests(), s.errors(), s.p50(), s.p99(), s.max());
    }

    private static void baseRow(String name, Stats base, Stats service) {
        line("| %s | %d | %.0f | %.0f | %.2f | %,.0f× |", name, base.requests(), base.p50(), base.p99(), service.p50(), base.p50() / service.p50());
    }

    private static void line(String fmt, Object... args) {
        String s = String.format(Locale.ROOT, fmt, args);
        System.out.println(s);
        REPORT.append(s).append('\n');
    }
}

package vn.ispeed.bench;

import vn.ispeed.events.Topics;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code ./bench/run e2e | chaos | fuzz [--option value ...]}: see bench/README.md. */
public final class Bench {
    private static final Map<String, String> COMMON = Map.ofEntries(
            // the public entry: the gateway; --direct sends to the services' own ports instead
            Map.entry("gateway-url", env("GATEWAY_URL", "http://127.0.0.1:8080")),
            Map.entry("direct", "false"),
            Map.entry("ingest-url", env("INGEST_URL", "http://127.0.0.1:8081")),
            Map.entry("geo-url", env("GEO_URL", "http://127.0.0.1:8082")),
            Map.entry("stats-url", env("STATS_URL", "http://127.0.0.1:8083")),
            Map.entry("bootstrap", env("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:9092")),
            Map.entry("stats-jdbc", env("STATS_JDBC_URL", "jdbc:postgresql://127.0.0.1:55432/stats")),
            Map.entry("notify-jdbc", env("NOTIFY_JDBC_URL", "jdbc:postgresql://127.0.0.1:55432/notify")),
            Map.entry("notify-url", env("NOTIFY_URL", "http://127.0.0.1:8084")),
            Map.entry("token-url", env("TOKEN_URL", "http://127.0.0.1:8180/realms/ispeed/protocol/openid-connect/token")),
            Map.entry("mail-api", env("MAIL_API_URL", "http://127.0.0.1:8025")),
            Map.entry("db-user", env("DB_USERNAME", "ispeed")),
            Map.entry("db-password", env("DB_PASSWORD", "ispeed")),
            Map.entry("stats-count-sql", "SELECT count(*) FROM fact WHERE boundary_set = ?"),
            Map.entry("stats-visible-sql", "SELECT coalesce(sum(tests), 0) FROM cell WHERE boundary_set = ? AND level = 'nation'"
                    + " AND operator = 'ALL' AND period_kind = 'QUARTER'"),
            Map.entry("geo-root", env("ISPEED_GEO_ROOT", "../shared/geo")),
            Map.entry("out", "bench/reports"),
            Map.entry("seed", "time"));

    public static void main(String[] argv) throws Exception {
        if (argv.length == 0) {
            usage();
            System.exit(2);
        }
        String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        String command = "./bench/run " + String.join(" ", argv);
        argv = java.util.Arrays.stream(argv).map(a -> a.equals("--direct") ? "--direct=true" : a).toArray(String[]::new);
        try {
            switch (argv[0]) {
                case "e2e" -> e2e(argv, stamp, command, false);
                case "chaos" -> e2e(argv, stamp, command, true);
                case "fuzz" -> fuzz(argv, stamp, command);
                case "seed" -> SeedRun.run(argv, COMMON);
                case "portal" -> PortalBench.run(argv, COMMON);
                default -> {
                    usage();
                    System.exit(2);
                }
            }
        } catch (IllegalArgumentException e) {
            System.err.println("bench: " + e.getMessage());
            System.exit(2);
        }
    }

    private static void e2e(String[] argv, String stamp, String command, boolean chaos) throws Exception {
        Map<String, String> defaults = new LinkedHashMap<>(COMMON);
        defaults.put("rate", chaos ? "500" : "2000");
        defaults.put("duration", chaos ? "240" : "300");
        defaults.put("batch", "1");
        defaults.put("devices", "20000");
        defaults.put("in-flight", "256");
        defaults.put("settle", "300");
        defaults.put("no-location", "0.02");
        defaults.put("abroad", "0.01");
        defaults.put("resend", "0.03");
        defaults.put("invalid", "0.02");
        defaults.put("stack", "./dev/stack");
        defaults.put("notify-audit", "true");
        defaults.put("warmup", "0");
        defaults.put("freshness-window", "30");
        defaults.put("history-days", String.valueOf(Fleet.HISTORY_DAYS));
        Args a = new Args(argv, 1, defaults);
        NotificationAudit audit = Boolean.parseBoolean(a.get("notify-audit"))
                ? new NotificationAudit(new NotificationAudit.Options(a.get("stats-jdbc"), a.get("notify-jdbc"), a.get("db-user"),
                        a.get("db-password"), a.get("bootstrap"), a.get("notify-url"), a.get("token-url"), a.get("mail-api")))
                : null;
        try (StatsProbe probe = new StatsProbe(a.get("stats-jdbc"), a.get("db-user"), a.get("db-password"), a.get("stats-count-sql"),
                a.get("stats-visible-sql"))) {
            E2eRun.Options o = new E2eRun.Options(a.real("rate"), a.integer("duration"), a.integer("batch"), a.integer("devices"),
                    seed(a), direct(a) ? a.get("ingest-url") : a.get("gateway-url"), a.get("bootstrap"), Path.of(a.get("geo-root")), probe,
                    a.integer("in-flight"), a.integer("settle"),
                    new Fleet.Shares(a.real("no-location"), a.real("abroad"), a.real("resend"), a.real("invalid")), audit,
                    chaos ? 0 : a.integer("warmup"), a.integer("freshness-window"),
                    a.integer("history-days"));
            ChaosPlan faults = chaos ? new ChaosPlan(a.get("stack"), a.integer("duration")) : null;
            Report report = new E2eRun(o).run(faults);
            report.put("entry", direct(a) ? "direct: ingest-service at " + a.get("ingest-url") : "the gateway at " + a.get("gateway-url"));
            if (faults != null) {
                report.put("faults", faults.timeline());
            }
            Path md = report.write(Path.of(a.get("out")), stamp + "-" + argv[0], chaos ? "Fault run (chaos)" : "End-to-end load", command);
            System.out.println();
            System.out.println(Files.readString(md));
            System.out.println("report: " + md + " (and .json)");
            Object rec = report.get("reconciliation");
            if (rec instanceof Map<?, ?> m && !Boolean.TRUE.equals(m.get("exact"))) {
                System.out.println("RECONCILIATION FAILED: see the report");
                System.exit(1);
            }
            if (rec instanceof Map<?, ?> m && Boolean.FALSE.equals(m.get("everyChangeNotifiedOnce"))) {
                System.out.println("NOTIFICATION RECONCILIATION FAILED: see the report (notifications)");
                System.exit(1);
            }
        }
    }

    private static void fuzz(String[] argv, String stamp, String command) throws Exception {
        Map<String, String> defaults = new LinkedHashMap<>(COMMON);
        defaults.put("requests", "10000");
        defaults.put("max-body", String.valueOf(10 * 1024 * 1024));
        defaults.put("concurrency", "8");
        Args a = new Args(argv, 1, defaults);
        String bootstrap = a.get("bootstrap");
        Map<Integer, Long> measurementsBefore = LocatedScan.endOffsets(bootstrap, Topics.MEASUREMENTS);
        long factsBefore;
        try (StatsProbe probe = new StatsProbe(a.get("stats-jdbc"), a.get("db-user"), a.get("db-password"), a.get("stats-count-sql"),
                a.get("stats-visible-sql"))) {
            factsBefore = probe.projected("vn-2025") + probe.projected("vn-2024");
            Instant now = Instant.now();
            long seed = seed(a);
            FuzzRun.Result r = (direct(a) ? new FuzzRun(a.get("ingest-url"), a.get("geo-url"), a.get("stats-url"))
                    : new FuzzRun(a.get("gateway-url"), a.get("gateway-url"), a.get("gateway-url")))
                    .run(seed, now, a.integer("requests"), a.integer("max-body"), a.integer("concurrency"), () -> { });
            Thread.sleep(2000);
            Map<Integer, Long> measurementsAfter = LocatedScan.endOffsets(bootstrap, Topics.MEASUREMENTS);
            long appended = measurementsAfter.entrySet().stream()
                    .mapToLong(e -> e.getValue() - measurementsBefore.getOrDefault(e.getKey(), 0L)).sum();
            long factsAfter = probe.projected("vn-2025") + probe.projected("vn-2024");
            Report report = new Report();
            Map<String, Object> summary = new LinkedHashMap<>();
            summary.put("entry", direct(a) ? "direct: the services' own ports" : "the gateway at " + a.get("gateway-url"));
            summary.put("seed", seed);
            summary.put("clock", now.toString());
            summary.put("requests", r.requests());
            summary.put("unsendableByHttpClient", r.unsendable());
            summary.put("serverErrors5xx", r.serverErrors());
            summary.put("answersNotProblemJson", r.notProblemJson());
            summary.put("eventsAppendedToMeasurements", appended);
            summary.put("statsFactsAdded", factsAfter - factsBefore);
            summary.put("pass", r.serverErrors() == 0 && r.notProblemJson() == 0 && appended == 0 && factsAfter == factsBefore);
            report.put("summary", summary);
            report.put("statusesByEndpoint", r.byEndpoint());
            report.put("firstFailures", r.failures().stream().limit(40)
                    .map(f -> f.status() + " " + f.why() + " ← " + f.request().describe()).toList());
            Path md = report.write(Path.of(a.get("out")), stamp + "-fuzz", "Bad-input run (fuzz)", command);
            System.out.println(Files.readString(md));
            System.out.println("report: " + md + " (and .json); replay one request with its seed, clock and index");
            if (!Boolean.TRUE.equals(summary.get("pass"))) {
                System.exit(1);
            }
        }
    }

    private static void usage() {
        System.err.println(String.join("\n", List.of(
                "usage: ./bench/run e2e   [--rate 2000] [--duration 300] [--batch 1] [--devices 20000] [--seed N] [--notify-audit true]"
                        + " [--warmup 0] [--freshness-window 30] [--history-days 7] [--direct]",
                "       ./bench/run chaos [--rate 500] [--duration 240]   (kills and restarts every component during load)",
                "       ./bench/run fuzz  [--requests 10000] [--seed N] [--max-body 10485760] [--direct]",
                "       ./bench/run portal [--facts 0] [--runs 7]   (the province page in Chromium; bench/portal/run)",
                "       ./bench/run seed  [--tests 120000] [--devices 12000] [--history-days 29]   (demo data, no report)",
                "Through the gateway (http://127.0.0.1:8080) unless --direct: then to the services' own ports.",
                "The system must be running (the README's first command). Reports go to bench/reports/.")));
    }

    /**
     * A run's seed: given, or the clock's (the default), printed in the report so the run can be
     * repeated. Two e2e runs must not share a seed: java.util.Random streams of one seed overlap,
     * so a second run would re-send the first run's testIds and count them as new.
     */
    static long seed(Args a) {
        String s = a.get("seed");
        return "time".equals(s) ? System.currentTimeMillis() : Long.parseLong(s);
    }

    /** --direct: to ingest-service's (and geo's, stats') own port, not through the gateway; to measure the gateway's cost. */
    private static boolean direct(Args a) {
        return Boolean.parseBoolean(a.get("direct"));
    }

    private static String env(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v;
    }
}

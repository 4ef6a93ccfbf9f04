package vn.ispeed.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * CPU time and resident memory of the system's processes, read from /proc. Processes are
 * found by their command line (the service jars, the Kafka broker, PostgreSQL, Keycloak,
 * GreenMail), so this works whatever started them.
 */
public final class ProcessStats {
    public record Sample(String name, long pid, double cpuSeconds, long rssKb) {
    }

    private static final long TICKS = 100; // USER_HZ on Linux

    private static final Map<String, String> PATTERNS = new LinkedHashMap<>();

    static {
        PATTERNS.put("bench-harness (load generator)", "vn.ispeed.bench.Bench");
        PATTERNS.put("ingest-service", "ingest-service/target/quarkus-app/quarkus-run.jar");
        PATTERNS.put("geo-service", "geo-service/target/quarkus-app/quarkus-run.jar");
        PATTERNS.put("stats-service", "stats-service/target/quarkus-app/quarkus-run.jar");
        PATTERNS.put("notify-service", "notify-service/target/quarkus-app/quarkus-run.jar");
        PATTERNS.put("kafka", "kafka.Kafka");
        PATTERNS.put("keycloak", "keycloak/bin/../lib/quarkus-run.jar");
        PATTERNS.put("greenmail", "greenmail-standalone");
    }

    public static Map<String, Sample> sample() {
        Map<String, Sample> out = new LinkedHashMap<>();
        long postgresTicks = 0;
        long postgresRss = 0;
        long postgresPid = -1;
        // nginx: the stack's master (its command line names .dev/gateway) and its workers, summed as one
        long gatewayMaster = -1;
        Map<Long, Long> nginxParents = new LinkedHashMap<>();
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            for (Path p : (Iterable<Path>) procs::iterator) {
                String name = p.getFileName().toString();
                if (!name.chars().allMatch(Character::isDigit)) {
                    continue;
                }
                String cmd;
                try {
                    cmd = Files.readString(p.resolve("cmdline")).replace('\0', ' ');
                } catch (IOException e) {
                    continue;
                }
                long pid = Long.parseLong(name);
                if (cmd.startsWith("postgres") || cmd.contains("/bin/postgres")) {
                    long[] t = ticksAndRss(p);
                    postgresTicks += t[0];
                    postgresRss += t[1];
                    postgresPid = postgresPid < 0 ? pid : Math.min(postgresPid, pid);
                    continue;
                }
                if (cmd.startsWith("nginx: ")) {
                    nginxParents.put(pid, parent(p));
                    if (cmd.contains("master process") && cmd.contains("/.dev/gateway")) {
                        gatewayMaster = pid;
                    }
                    continue;
                }
                if (!cmd.contains("java")) {
                    continue;
                }
                for (Map.Entry<String, String> e : PATTERNS.entrySet()) {
                    if (cmd.contains(e.getValue()) && !out.containsKey(e.getKey())) {
                        long[] t = ticksAndRss(p);
                        out.put(e.getKey(), new Sample(e.getKey(), pid, t[0] / (double) TICKS, t[1]));
                        break;
                    }
                }
            }
        } catch (IOException e) {
            return out;
        }
        if (gatewayMaster > 0) {
            long ticks = 0;
            long rss = 0;
            for (Map.Entry<Long, Long> e : nginxParents.entrySet()) {
                if (e.getKey() == gatewayMaster || e.getValue() == gatewayMaster) {
                    long[] t = ticksAndRss(Path.of("/proc", String.valueOf(e.getKey())));
                    ticks += t[0];
                    rss += t[1];
                }
            }
            out.put("gateway", new Sample("gateway (nginx master and workers)", gatewayMaster, ticks / (double) TICKS, rss));
        }
        if (postgresPid > 0) {
            out.put("postgresql", new Sample("postgresql (all backends)", postgresPid, postgresTicks / (double) TICKS, postgresRss));
        }
        return out;
    }

    private static long parent(Path proc) {
        try {
            String stat = Files.readString(proc.resolve("stat"));
            return Long.parseLong(stat.substring(stat.lastIndexOf(')') + 2).split(" ")[1]);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    private static long[] ticksAndRss(Path proc) {
        try {
            String stat = Files.readString(proc.resolve("stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]);
            long rss = 0;
            for (String line : Files.readAllLines(proc.resolve("status"))) {
                if (line.startsWith("VmRSS:")) {
                    rss = Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
            return new long[] {ticks, rss};
        } catch (IOException | RuntimeException e) {
            return new long[] {0, 0};
        }
    }

    private ProcessStats() {
    }
}

package vn.ispeed.bench;

import org.HdrHistogram.Histogram;
import vn.ispeed.events.Topics;

import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * One load run through the whole pipeline: drive ingest, then wait until every accepted test
 * has a located/unlocated decision per set and stats has projected every located one, and
 * reconcile the counts exactly. Freshness (accepted → visible in stats) is measured by polling
 * the national figures (the test counts of the nation's quarter cells): the k-th located test to
 * be accepted is taken as visible when that count first reaches k (exact for a FIFO pipeline; the poll interval bounds the error).
 */
public final class E2eRun {
    public static final List<String> SETS = List.of("vn-2025", "vn-2024");

    public record Options(double rate, int seconds, int batch, int devices, long seed, String ingestUrl, String bootstrap,
                          Path geoRoot, StatsProbe stats, int maxInFlight, int settleSeconds, Fleet.Shares shares,
                          NotificationAudit audit, int warmupSeconds, int freshnessWindowSeconds, int historyDays) {
        public Options {
            if (freshnessWindowSeconds < 1) {
                throw new IllegalArgumentException("--freshness-window must be at least 1 second, not " + freshnessWindowSeconds);
            }
            if (historyDays < 1 || historyDays > 29) {
                throw new IllegalArgumentException("--history-days must be 1 to 29 (ingest refuses tests older than 30 days),"
                        + " not " + historyDays);
            }
        }
    }

    /** Called between phases so a chaos run can inject faults while load is running. */
    public interface DuringLoad {
        void start(Consumer<String> log);

        void stop();
    }

    private final Options o;
    /**
     * One client for the warm-up and the run. With a client of its own per phase, and the run's own setup first
     * loading its classes after the warm-up (see {@link #primeRunSetup}), about 200 methods the warm-up had compiled
     * were made not entrant ({@code -XX:+PrintCompilation}), HTTP client internals among them, and the harness's C2
     * thread took 0.3-0.5 cores for the run's first 6-10 s, on a machine the pipeline keeps 80 % busy; with both
     * changes it took 0.07-0.15 cores for 2 s.
     */
    private final HttpClient http = LoadDriver.newClient();

    public E2eRun(Options o) {
        this.o = o;
    }

    public Report run(DuringLoad faults) throws Exception {
        Report report = new Report();
        long t0 = System.nanoTime();
        Wards wards = Wards.load(o.geoRoot());
        Fleet fleet = new Fleet(wards, o.devices(), o.shares(), o.seed(), Instant.now(), o.historyDays());
        // the warm-up's tests come from the same devices with a seed of their own: none of its tests is re-sent during
        // the run. A warm-up fleet of other devices made the run start with 20,000 devices new to every cell
        Fleet warm = o.warmupSeconds() > 0 ? new Fleet(fleet, o.seed() + 0x9E3779B97F4A7C15L) : null;
        int wardCount = wards.all().size();
        List<String> provinces = wards.all().stream().map(Wards.Ward::provinceCode).distinct().toList();
        wards = null; // the fleets hold no geometry: the polygons can go before the load (see Fleet.Device)
        report.put("fleet", Map.of("wards", wardCount, "devices", o.devices(), "seed", o.seed(), "loadSeconds", secs(t0)));
        log("fleet ready: %d devices in %d wards (%.1f s)", o.devices(), wardCount, secs(t0));

        if (warm != null) {
            primeRunSetup();
            report.put("warmup", warmUp(warm));
            warm = null;
        }
        if (o.audit() != null) {
            o.audit().before(provinces, E2eRun::logLine);
            log("notification audit: one email subscription per vn-2025 province");
        }
        Map<Integer, Long> measurementsStart = LocatedScan.endOffsets(o.bootstrap(), Topics.MEASUREMENTS);
        Map<Integer, Long> locatedStart = LocatedScan.endOffsets(o.bootstrap(), Topics.MEASUREMENTS_LOCATED);
        Map<String, Long> projectedBefore = new LinkedHashMap<>();
        for (String set : SETS) {
            projectedBefore.put(set, o.stats().projected(set));
        }
        // the figures depend on it: every fact is a key in the fact table's indexes, which the projection probes
        report.put("statsDatabaseAtStart", Map.of("facts", projectedBefore.values().stream().mapToLong(Long::longValue).sum()));
        Map<String, Long> visibleBefore = new LinkedHashMap<>();
        for (String set : SETS) {
            visibleBefore.put(set, o.stats().visible(set));
        }
        Map<String, ProcessStats.Sample> before = ProcessStats.sample();

        LoadDriver driver = new LoadDriver(o.ingestUrl(), o.maxInFlight(), http);
        List<long[]> visibility = new CopyOnWriteArrayList<>();
        Thread poller = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                long[] sample = new long[SETS.size() + 1]; // time, then each set's count in SETS order
                for (int i = 0; i < SETS.size(); i++) {
                    sample[i + 1] = o.stats().visible(SETS.get(i)) - visibleBefore.get(SETS.get(i));
                }
                sample[0] = System.nanoTime();
                visibility.add(sample);
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "freshness-poller");
        poller.setDaemon(true);
        poller.start();

        if (faults != null) {
            faults.start(E2eRun::logLine);
        }
        long loadStart = System.nanoTime();
        LoadDriver.Result load = driver.run(fleet, o.rate(), o.seconds(), o.batch(), 180, () -> log("%s", driver.progressLine()));
        if (faults != null) {
            faults.stop();
        }
        log("load done: %s", driver.progressLine());

        Set<UUID> ours = new HashSet<>(load.acceptedAtNanos().keySet());
        Map<String, Object> reconciliation = new LinkedHashMap<>();
        boolean decided;
        try (LocatedScan submitted = new LocatedScan(o.bootstrap(), Topics.MEASUREMENTS, measurementsStart, ours);
             LocatedScan located = new LocatedScan(o.bootstrap(), Topics.MEASUREMENTS_LOCATED, locatedStart, ours)) {
            long deadline = System.nanoTime() + o.settleSeconds() * 1_000_000_000L;
            while (submitted.submittedCopies.size() < ours.size() && System.nanoTime() < deadline) {
                submitted.pollOnce(Duration.ofMillis(500));
            }
            while (submitted.pollOnce(Duration.ofMillis(300)) > 0) {
                // drain what is left so copies are counted fully
            }
            do {
                located.pollOnce(Duration.ofMillis(500));
                decided = SETS.stream().allMatch(s -> located.decided(s) >= ours.size());
            } while (!decided && System.nanoTime() < deadline);
            Map<String, Long> projectedDelta = new LinkedHashMap<>();
            boolean projectedAll;
            do { // wait on the cheap national figures; the exact fact count is taken once at the end
                for (String set : SETS) {
                    projectedDelta.put(set, o.stats().visible(set) - visibleBefore.get(set));
                }
                projectedAll = SETS.stream().allMatch(s -> projectedDelta.get(s) >= located.located.getOrDefault(s, Set.of()).size());
                if (!projectedAll) {
                    Thread.sleep(200);
                }
            } while (!projectedAll && System.nanoTime() < deadline);
            Thread.sleep(300);
            poller.interrupt();
            for (String set : SETS) {
                projectedDelta.put(set, o.stats().projected(set) - projectedBefore.get(set));
            }
            double verifiedSeconds = (System.nanoTime() - loadStart) / 1e9;
            long[] totals = SETS.stream().mapToLong(set -> located.located.getOrDefault(set, Set.of()).size()).toArray();
            long allVisibleAt = allVisibleAt(visibility, totals);
            // end to end stops when stats-service showed the last test, not when the harness, reading both topics
            // from the run's start offsets, had confirmed it (that took 13 s of a 326-s run)
            double endToEndSeconds = allVisibleAt > 0 ? (allVisibleAt - loadStart) / 1e9 : verifiedSeconds;

            long lost = ours.stream().filter(id -> !submitted.submittedCopies.containsKey(id)).count();
            long resentCopies = submitted.submittedCopies.values().stream().mapToLong(c -> c - 1).sum();
            reconciliation.put("acceptedUnique", ours.size());
            reconciliation.put("appendedUnique", submitted.submittedCopies.size());
            reconciliation.put("appendedExtraCopiesOfResentTests", resentCopies);
            reconciliation.put("acceptedButNotAppended", lost);
            boolean exact = lost == 0;
            for (String set : SETS) {
                int loc = located.located.getOrDefault(set, Set.of()).size();
                int unl = located.unlocated.getOrDefault(set, Set.of()).size();
                long proj = projectedDelta.get(set);
                Map<String, Object> r = new LinkedHashMap<>();
                r.put("located", loc);
                r.put("unlocated", unl);
                r.put("locatedPlusUnlocated", loc + unl);
                r.put("projected", proj);
                r.put("duplicateLocationEvents", located.duplicateEvents.getOrDefault(set, 0L));
                r.put("reconciles", loc + unl == ours.size() && proj == loc);
                exact &= loc + unl == ours.size() && proj == loc;
                reconciliation.put(set, r);
            }
            reconciliation.put("unlocatedReasons", located.unlocatedReasons);
            reconciliation.put("exact", exact);
            report.put("reconciliation", reconciliation);

            SortedMap<Integer, Histogram> byWindow = new TreeMap<>();
            Histogram freshness = freshness(load.acceptedAtNanos(), located.located.getOrDefault("vn-2025", Set.of()), visibility,
                    loadStart, o.freshnessWindowSeconds() * 1_000_000_000L, byWindow);
            Map<String, ProcessStats.Sample> after = ProcessStats.sample();
            Map<String, Object> loadSection = loadSection(load, endToEndSeconds);
            loadSection.put("verifiedSeconds", verifiedSeconds);
            report.put("load", loadSection);
            report.put("freshness", Map.of("measuredTests", freshness.getTotalCount(),
                    "p50ms", freshness.getValueAtPercentile(50) / 1000.0, "p99ms", freshness.getValueAtPercentile(99) / 1000.0,
                    "maxms", freshness.getMaxValue() / 1000.0, "pollIntervalMs", 100));
            Map<String, Object> windows = new LinkedHashMap<>();
            byWindow.forEach((w, h) -> windows.put(String.format("%d-%d s", w * o.freshnessWindowSeconds(), (w + 1) * o.freshnessWindowSeconds()),
                    String.format("p50 %.0f ms, p99 %.0f ms, max %.0f ms (%d tests)", h.getValueAtPercentile(50) / 1000.0,
                            h.getValueAtPercentile(99) / 1000.0, h.getMaxValue() / 1000.0, h.getTotalCount())));
            report.put("freshnessByAcceptanceTime", windows);
            report.put("processes", processes(before, after, endToEndSeconds));
            if (o.audit() != null) {
                Map<String, Object> notifications = o.audit().after(System.nanoTime() + o.settleSeconds() * 1_000_000_000L, E2eRun::logLine);
                report.put("notifications", notifications);
                reconciliation.put("everyChangeNotifiedOnce", notifications.get("everyChangeNotifiedOnce"));
            }
        }
        return report;
    }

    /**
     * Runs what the run does between the warm-up and its first request (offsets, counts, process samples) once
     * before the warm-up, for their classes (the Kafka client's among them) to load then and not between the warm-up
     * and the run, where the JIT then threw away code the warm-up had compiled and compiled it again during the run's
     * first seconds, competing with the pipeline for the two cores (see {@link #http}).
     */
    private void primeRunSetup() {
        LocatedScan.endOffsets(o.bootstrap(), Topics.MEASUREMENTS);
        LocatedScan.endOffsets(o.bootstrap(), Topics.MEASUREMENTS_LOCATED);
        for (String set : SETS) {
            o.stats().projected(set);
            o.stats().visible(set);
        }
        ProcessStats.sample();
    }

    /**
     * The same load for {@code --warmup} seconds before the measured run, from a fleet of its own (a seed of its
     * own: none of its tests is re-sent during the run), then a wait until stats-service's national counts have
     * not moved for {@value #QUIET_SECONDS} s, so the run starts with every component's JIT warm and nothing
     * left to project. Nothing of the warm-up is in the run's reconciliation or figures: the offsets, counts and
     * watermarks the run compares are taken after it.
     */
    private Map<String, Object> warmUp(Fleet warm) throws Exception {
        long t0 = System.nanoTime();
        LoadDriver driver = new LoadDriver(o.ingestUrl(), o.maxInFlight(), http);
        LoadDriver.Result r = driver.run(warm, o.rate(), o.warmupSeconds(), o.batch(), 60, () -> log("warm-up: %s", driver.progressLine()));
        long sent = System.nanoTime();
        long deadline = sent + o.settleSeconds() * 1_000_000_000L;
        Map<String, Long> last = new LinkedHashMap<>();
        long quietSince = System.nanoTime();
        while (System.nanoTime() < deadline) {
            Map<String, Long> now = new LinkedHashMap<>();
            for (String set : SETS) {
                now.put(set, o.stats().visible(set));
            }
            if (!now.equals(last)) {
                last = now;
                quietSince = System.nanoTime();
            } else if (System.nanoTime() - quietSince >= QUIET_SECONDS * 1_000_000_000L) {
                break;
            }
            Thread.sleep(500);
        }
        double caughtUp = (quietSince - sent) / 1e9;
        log("warm-up done: %,d tests sent in %d s; stats-service caught up %.1f s after the last", r.testsSent(),
                o.warmupSeconds(), caughtUp);
        return Map.of("seconds", o.warmupSeconds(), "sent", r.testsSent(), "acceptedUnique", r.acceptedUnique(),
                "caughtUpSecondsAfterLastSent", round(caughtUp), "totalSeconds", round(secs(t0)));
    }

    private static final int QUIET_SECONDS = 10;

    private Map<String, Object> loadSection(LoadDriver.Result load, double endToEndSeconds) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("targetRate", o.rate());
        m.put("durationSeconds", o.seconds());
        m.put("batchSize", o.batch());
        m.put("requests", load.requests());
        m.put("sent", load.testsSent());
        m.put("accepted", load.accepted());
        m.put("acceptedUnique", load.acceptedUnique());
        m.put("rejected", load.rejected());
        m.put("rejectedUnexpected", load.rejectedUnexpected());
        m.put("retried", load.retried());
        m.put("gaveUp", load.gaveUp());
        m.put("serverErrors", load.serverErrors());
        m.put("sendSeconds", load.seconds());
        m.put("offeredTestsPerSecond", load.testsSent() / load.seconds());
        m.put("acceptedTestsPerSecond", load.accepted() / load.seconds());
        m.put("endToEndSeconds", endToEndSeconds);
        m.put("endToEndTestsPerSecond", load.acceptedUnique() / endToEndSeconds);
        // what end to end would show with nothing left to project when the load stops: rejected and re-sent tests
        // are part of the offered rate but not of the unique tests accepted
        m.put("endToEndCeilingTestsPerSecond", load.acceptedUnique() / load.seconds());
        m.put("ingestP50ms", load.latency().getValueAtPercentile(50) / 1000.0);
        m.put("ingestP99ms", load.latency().getValueAtPercentile(99) / 1000.0);
        m.put("ingestMaxms", load.latency().getMaxValue() / 1000.0);
        m.put("outcomes", load.rejectReasons());
        return m;
    }

    /**
     * When every set's visible count first reached its total: the nanoTime of the first poll that saw it, or -1.
     * A sample is {@code {nanoTime, count of SETS[0], count of SETS[1], ...}}.
     */
    static long allVisibleAt(List<long[]> visibility, long[] totals) {
        for (long[] sample : visibility) {
            boolean all = true;
            for (int i = 0; i < totals.length; i++) {
                all &= sample[i + 1] >= totals[i];
            }
            if (all) {
                return sample[0];
            }
        }
        return -1;
    }

    /**
     * Freshness of every located test (see the class comment), and the same per window of {@code windowNanos} of
     * acceptance time from {@code start} (window i holds the tests accepted in [start + i·window, start +
     * (i+1)·window)), so a transient shows where it was.
     */
    static Histogram freshness(Map<UUID, Long> acceptedAt, Set<UUID> located, List<long[]> visibility, long start,
                               long windowNanos, SortedMap<Integer, Histogram> byWindow) {
        long[] times = located.stream().map(acceptedAt::get).filter(java.util.Objects::nonNull).mapToLong(Long::longValue).toArray();
        Arrays.sort(times);
        Histogram h = new Histogram(3);
        int j = 0;
        List<long[]> samples = new ArrayList<>(visibility);
        for (int k = 0; k < times.length; k++) {
            while (j < samples.size() && samples.get(j)[1] < k + 1) {
                j++;
            }
            if (j >= samples.size()) {
                break;
            }
            long micros = Math.max(1, (samples.get(j)[0] - times[k]) / 1_000);
            h.recordValue(micros);
            byWindow.computeIfAbsent((int) ((times[k] - start) / windowNanos), w -> new Histogram(3)).recordValue(micros);
        }
        return h;
    }

    static Map<String, Object> processes(Map<String, ProcessStats.Sample> before, Map<String, ProcessStats.Sample> after, double seconds) {
        Map<String, Object> out = new LinkedHashMap<>();
        after.forEach((name, a) -> {
            ProcessStats.Sample b = before.get(name);
            double cpu = b != null && b.pid() == a.pid() ? a.cpuSeconds() - b.cpuSeconds() : a.cpuSeconds();
            out.put(name, Map.of("pid", a.pid(), "cpuSeconds", round(cpu), "cpuCores", round(cpu / seconds), "rssMB", a.rssKb() / 1024));
        });
        return out;
    }

    private static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }

    private static double secs(long t0) {
        return (System.nanoTime() - t0) / 1e9;
    }

    static void log(String fmt, Object... args) {
        logLine(String.format(fmt, args));
    }

    static void logLine(String line) {
        System.out.printf("[%s] %s%n", java.time.LocalTime.now().withNano(0), line);
    }
}

package vn.ispeed.bench;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;

/**
 * {@code ./dev/stack seed} ({@code ./bench/run seed}): a month of demo speed tests through ingest's public API,
 * from the e2e fleet (devices at home in real wards, busy cities and urban wards weighted up, Vietnamese operators'
 * speeds). With the defaults, 120,000 tests from 12,000 phones over the last 29 days: the busiest wards of Hà Nội
 * and TP Hồ Chí Minh reach the publication rule (30 tests from 10 devices per network), most communes do not,
 * as in the real programme. Tests are new each run (the clock seeds them), so a second seed adds a second month's
 * worth of the same shape.
 */
final class SeedRun {
    private SeedRun() {
    }

    static void run(String[] argv, Map<String, String> common) throws Exception {
        Map<String, String> defaults = new java.util.LinkedHashMap<>();
        defaults.put("ingest-url", common.get("ingest-url"));
        defaults.put("geo-root", common.get("geo-root"));
        defaults.put("devices", "12000");
        defaults.put("tests", "120000");
        defaults.put("rate", "2000");
        defaults.put("batch", "20");
        defaults.put("history-days", "29");
        defaults.put("seed", String.valueOf(System.currentTimeMillis()));
        Args a = new Args(argv, 1, defaults);
        int tests = a.integer("tests");
        double rate = Double.parseDouble(a.get("rate"));
        int seconds = (int) Math.max(1, Math.ceil(tests / rate));
        System.out.printf("seed: %,d tests from %,d phones over the last %s days, %,.0f tests/s through %s%n", tests,
                a.integer("devices"), a.get("history-days"), rate, a.get("ingest-url"));
        Wards wards = Wards.load(Path.of(a.get("geo-root")));
        Fleet fleet = new Fleet(wards, a.integer("devices"), new Fleet.Shares(0.01, 0.005, 0.0, 0.0), Long.parseLong(a.get("seed")),
                Instant.now(), a.integer("history-days"));
        LoadDriver driver = new LoadDriver(a.get("ingest-url"), 64);
        long[] tick = {0};
        LoadDriver.Result r = driver.run(fleet, rate, seconds, a.integer("batch"), 60, () -> {
            if (tick[0]++ % 5 == 0) {
                System.out.println("  " + driver.progressLine());
            }
        });
        System.out.printf("seed: %,d accepted, %,d rejected (%s), %,d given up, in %.0f s. Stats counts them within seconds;"
                + " open http://127.0.0.1:8085%n", r.accepted(), r.rejected(), r.rejectReasons(), r.gaveUp(), r.seconds());
        if (r.accepted() == 0) {
            System.exit(1);
        }
    }
}

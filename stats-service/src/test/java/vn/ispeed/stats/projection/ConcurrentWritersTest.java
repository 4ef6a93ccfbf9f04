package vn.ispeed.stats.projection;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import vn.ispeed.events.MeasurementLocated;
import vn.ispeed.events.Metrics;
import vn.ispeed.events.Network;
import vn.ispeed.events.NetworkType;
import vn.ispeed.events.Technology;
import vn.ispeed.events.UnitRef;
import vn.ispeed.stats.config.StatsConfig;
import vn.ispeed.stats.publication.PublicationRule;
import vn.ispeed.stats.support.Db;
import vn.ispeed.stats.support.Events;

import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two projection instances (each with its own hot-cell cache, as two pods would have) write batches of
 * the same cells at the same time against real PostgreSQL: no row is locked when read, so they must
 * detect each other's writes through the row versions and apply their batch again, and the figures must
 * be exactly those of one writer applying every test alone.
 */
@QuarkusTest
class ConcurrentWritersTest {
    private static final Instant MAY = Instant.parse("2025-05-12T03:00:00Z");

    @Inject
    AgroalDataSource dataSource;
    @Inject
    PublicationRule rule;
    @Inject
    StatsConfig config;

    private static List<MeasurementLocated> tests(String set, int n, long seed) {
        Random r = new Random(seed);
        List<MeasurementLocated> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            double dl = 30_000 * Math.exp(0.8 * r.nextGaussian());
            String commune = i % 2 == 0 ? "00004" : "00008"; // two communes of one province: every batch shares cells
            out.add(new MeasurementLocated(UUID.nameUUIDFromBytes((seed + ":" + i).getBytes()), set,
                    List.of(new UnitRef("province", "01", "Hà Nội", "Thành phố"), new UnitRef("commune", commune, commune, "Phường")),
                    "INSIDE", 0, "device-" + r.nextInt(80), MAY.plusSeconds(i * 41L),
                    new Network(NetworkType.MOBILE, Technology.G4, i % 3 == 0 ? "viettel" : "vnpt", "x", true),
                    new Metrics(dl, dl / 5, 15 + r.nextInt(40), 1.0 + r.nextInt(6), 0.0), Instant.now()));
        }
        return out;
    }



    /** Applies a batch as the consumer would: a batch that still conflicts after its own retries is applied again. */
    private static void applyUntilDone(Projector p, List<MeasurementLocated> batch, AtomicInteger failures) throws Exception {
        while (true) {
            try {
                p.apply(Tables.LIVE, "concurrent-writers-test", List.copyOf(batch), List.of(), false);
                return;
            } catch (SQLException e) {
                if (!"40001".equals(e.getSQLState())) {
                    throw e;
                }
                failures.incrementAndGet();
            }
        }
    }

    @Test
    void twoInstancesWritingTheSameCellsGiveTheFiguresOfOne() throws Exception {
        List<MeasurementLocated> all = tests("conc-a", 600, 21);
        Projector first = new Projector(dataSource, rule, config);
        Projector second = new Projector(dataSource, rule, config);
        AtomicInteger gaveUp = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int w = 0; w < 2; w++) {
                Projector p = w == 0 ? first : second;
                int from = w;
                done.add(pool.submit(() -> {
                    start.await();
                    for (int i = from * 10; i < all.size(); i += 20) { // interleaved batches of 10 tests
                        applyUntilDone(p, all.subList(i, i + 10), gaveUp);
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        first.apply(Tables.LIVE, "concurrent-writers-test", List.copyOf(Events.inSet(all, "conc-b")), List.of(), false); // one writer, one batch

        // the two did meet: some batches were applied again (a batch takes milliseconds, sixty of them overlap)
        assertThat(first.conflictsRetried() + second.conflictsRetried() + gaveUp.get()).isPositive();
        Map<String, List<Object>> a = Db.cellFigures("conc-a");
        assertThat(a.get("VN|MOBILE|ALL|2025-05").get(0)).isEqualTo(600L);
        assertThat(a).isEqualTo(Db.cellFigures("conc-b"));
        // the nation's month row was written once per batch by one of the two, each over the version before
        assertThat(Db.count("SELECT version FROM cell WHERE cell_key = 'conc-a|VN|MOBILE|ALL|2025-05'")).isEqualTo(60);
    }
}

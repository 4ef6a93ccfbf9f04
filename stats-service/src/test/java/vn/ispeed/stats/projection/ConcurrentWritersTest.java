package vn.ispeed.stats.projection;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import vn.ispeed.events.MeasurementLocated;
import vn.ispeed.events.NetworkType;
import vn.ispeed.stats.config.StatsConfig;
import vn.ispeed.stats.publication.PublicationRule;
import vn.ispeed.stats.support.Db;
import vn.ispeed.stats.support.Events;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two projection instances (each with its own hot-cell cache, as two pods would have) write batches of
 * the same cells at the same time against real PostgreSQL: no row is locked when read, so they must
 * detect each other's writes through the row versions and apply their batch again, and the figures must
 * be exactly those of one writer applying every test alone.
 */
@QuarkusTest
class ConcurrentWritersTest {
    @Inject
    AgroalDataSource dataSource;
    @Inject
    PublicationRule rule;
    @Inject
    StatsConfig config;

    private static List<MeasurementLocated> tests(String set, int n, long seed) {
        return Events.seeded(set, n, seed, NetworkType.MOBILE);
    }

    @Test
    void twoInstancesWritingTheSameCellsGiveTheFiguresOfOne() throws Exception {
        List<MeasurementLocated> all = tests("conc-a", 600, 21);
        Projector first = new Projector(dataSource, rule, config);
        Projector second = new Projector(dataSource, rule, config);
        List<List<List<MeasurementLocated>>> batches = List.of(new ArrayList<>(), new ArrayList<>());
        for (int i = 0; i < all.size(); i += 10) { // interleaved batches of 10 tests
            batches.get(i / 10 % 2).add(all.subList(i, i + 10));
        }
        int gaveUp = TwoInstances.apply(List.of(first, second), batches, "concurrent-writers-test");
        first.apply(Tables.LIVE, "concurrent-writers-test", List.copyOf(Events.inSet(all, "conc-b")), List.of(), false); // one writer, one batch

        // the two did meet: some batches were applied again (a batch takes milliseconds, sixty of them overlap)
        assertThat(first.conflictsRetried() + second.conflictsRetried() + gaveUp).isPositive();
        Map<String, List<Object>> a = Db.cellFigures("conc-a");
        assertThat(a.get("VN|MOBILE|ALL|2025-05").get(0)).isEqualTo(600L);
        assertThat(a).isEqualTo(Db.cellFigures("conc-b"));
        // the nation's month row was written once per batch by one of the two, each over the version before
        assertThat(Db.count("SELECT version FROM cell WHERE cell_key = 'conc-a|VN|MOBILE|ALL|2025-05'")).isEqualTo(60);
    }
}

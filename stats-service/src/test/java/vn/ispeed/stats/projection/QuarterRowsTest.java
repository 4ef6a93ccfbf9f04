package vn.ispeed.stats.projection;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import vn.ispeed.events.CoverageChanged;
import vn.ispeed.events.CoverageStatus;
import vn.ispeed.events.LocationEvent;
import vn.ispeed.events.MeasurementLocated;
import vn.ispeed.events.NetworkType;
import vn.ispeed.stats.cell.CellState;
import vn.ispeed.stats.cell.Figures;
import vn.ispeed.stats.config.StatsConfig;
import vn.ispeed.stats.publication.PublicationRule;
import vn.ispeed.stats.support.CoverageTopic;
import vn.ispeed.stats.support.Db;
import vn.ispeed.stats.support.Events;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

/**
 * A quarter of all operators is not folded: its row is derived from its three months whenever one of them is
 * written. Against real PostgreSQL: its figures must be those of every test of the quarter folded into one state,
 * whatever batches, instances and restarts its months came through, and its coverage change must be announced once,
 * when the months together pass the threshold although neither does alone.
 */
@QuarkusTest
class QuarterRowsTest {
    @Inject
    AgroalDataSource dataSource;
    @Inject
    PublicationRule rule;
    @Inject
    StatsConfig config;

    /** The seeded tests of May 2025 moved to April, May and June in turn (the second quarter), same time of day. */
    private static List<MeasurementLocated> overQ2(String set, int n, long seed) {
        List<MeasurementLocated> out = new ArrayList<>();
        List<MeasurementLocated> may = Events.seeded(set, n, seed, NetworkType.MOBILE);
        for (int i = 0; i < may.size(); i++) {
            MeasurementLocated e = may.get(i);
            out.add(at(e, e.measuredAt().plus(30L * (i % 3 - 1), ChronoUnit.DAYS)));
        }
        return out;
    }

    private static MeasurementLocated at(MeasurementLocated e, Instant measuredAt) {
        return new MeasurementLocated(e.testId(), e.boundarySet(), e.path(), e.method(), e.distanceM(), e.deviceId(),
                measuredAt, e.network(), e.metrics(), e.locatedAt());
    }

    /** Every test of one commune folded into one state, as a quarter cell folded directly would hold them. */
    private static Figures folded(List<MeasurementLocated> tests, String commune) {
        CellState s = CellState.empty();
        for (MeasurementLocated e : tests) {
            if (e.unit().code().equals(commune)) {
                s.add(e.deviceId(), e.metrics());
            }
        }
        return s.figures();
    }

    private static void apply(Projector p, List<MeasurementLocated> batch, boolean announce) throws SQLException {
        p.apply(Tables.LIVE, "quarter-rows-test", List.<LocationEvent>copyOf(batch), List.of(), announce);
    }

    @Test
    void aQuarterHoldsItsMonthsTestsWhicheverBatchesAndRestartsTheyCameThrough() throws Exception {
        List<MeasurementLocated> all = overQ2("qtr-a", 300, 41);
        Projector p = new Projector(dataSource, rule, config);
        List<MeasurementLocated> april = all.stream().filter(e -> e.measuredAt().toString().startsWith("2025-04")).toList();
        List<MeasurementLocated> rest = all.stream().filter(e -> !april.contains(e)).toList();
        for (int i = 0; i < april.size(); i += 25) {
            apply(p, april.subList(i, Math.min(april.size(), i + 25)), false);
        }
        p.forgetHotCells(); // a restart: May's and June's batches read April from the table
        for (int i = 0; i < rest.size(); i += 25) {
            apply(p, rest.subList(i, Math.min(rest.size(), i + 25)), false);
        }
        new Projector(dataSource, rule, config).apply(Tables.LIVE, "quarter-rows-test",
                List.copyOf(Events.inSet(all, "qtr-b")), List.of(), false); // all three months in one batch

        Map<String, List<Object>> a = Db.cellFigures("qtr-a");
        for (String commune : List.of("00004", "00008")) {
            List<Object> row = a.get(commune + "|MOBILE|ALL|2025-Q2");
            Figures f = folded(all, commune);
            assertThat(row.get(0)).isEqualTo(f.tests()).isEqualTo(150L);
            assertThat(row.get(1)).isEqualTo(f.devices());
            // median, p10, p90 of download, upload, latency: order statistics, the same whatever the order of merges
            assertThat(List.of(row.get(2), row.get(4), row.get(5), row.get(6), row.get(8), row.get(9), row.get(10),
                    row.get(12), row.get(13), row.get(14), row.get(15), row.get(16), row.get(17)))
                    .isEqualTo(List.of(f.download().median(), f.download().p10(), f.download().p90(),
                            f.upload().median(), f.upload().p10(), f.upload().p90(), f.latency().median(),
                            f.latency().p10(), f.latency().p90(), f.jitterMedian(), f.lossMedian(),
                            f.downloadCiLow(), f.downloadCiHigh()));
            assertThat(((Db.Mean) row.get(3)).value()).isCloseTo(f.download().mean(), within(1e-3)); // sums added in another order
        }
        assertThat(a).isEqualTo(Db.cellFigures("qtr-b"));
        // the quarter's row keeps no sketches: nothing reads a quarter's state
        assertThat(Db.count("SELECT count(*) FROM cell WHERE cell_key LIKE 'qtr-a|%|2025-Q2'"
                + " AND octet_length(dl_sketch) <= 1 AND octet_length(devices_sketch) < 16")).isEqualTo(4);
    }

    @Test
    void aQuarterWhoseMonthsPassTheThresholdOnlyTogetherIsAnnouncedOnce() throws Exception {
        Instant april = Instant.parse("2025-04-10T03:00:00Z");
        List<MeasurementLocated> first = new ArrayList<>();
        List<MeasurementLocated> second = new ArrayList<>();
        for (int i = 0; i < 20; i++) { // 20 tests in April from 10 devices: below a commune's 30 tests
            first.add(Events.hanoi("00004", "Ba Đình", NetworkType.FIXED, "viettel", "q-device-" + (i % 10),
                    april.plusSeconds(i * 60L), 40_000 + i * 101));
        }
        for (int i = 0; i < 15; i++) { // 15 in May: below too, but 35 in the quarter
            second.add(Events.hanoi("00004", "Ba Đình", NetworkType.FIXED, "viettel", "q-device-" + (i % 12),
                    april.plus(31, ChronoUnit.DAYS).plusSeconds(i * 60L), 45_000 + i * 103));
        }
        List<MeasurementLocated> a = Events.inSet(first, "qtr-c");
        List<MeasurementLocated> b = Events.inSet(second, "qtr-c");
        Projector p = new Projector(dataSource, rule, config);
        apply(p, a, true);
        assertThat(Db.count("SELECT count(*) FROM cell WHERE cell_key = 'qtr-c|00004|FIXED|ALL|2025-Q2'"
                + " AND tests = 20 AND announced_status = 'INSUFFICIENT'")).isEqualTo(1);
        p.forgetHotCells(); // May's batch reads April back from the table
        apply(p, b, true);
        apply(p, b, true); // redelivered: its facts are there, nothing changes

        await().atMost(Duration.ofSeconds(30)).until(() -> events("qtr-c", "2025-Q2").size() >= 1);
        List<CoverageChanged> quarter = events("qtr-c", "2025-Q2");
        assertThat(quarter).hasSize(1);
        assertThat(quarter.get(0).previous()).isEqualTo(CoverageStatus.INSUFFICIENT);
        assertThat(quarter.get(0).status()).isEqualTo(CoverageStatus.PUBLISHED);
        assertThat(quarter.get(0).tests()).isEqualTo(35);
        assertThat(quarter.get(0).devices()).isEqualTo(12);
        assertThat(events("qtr-c", "2025-04")).isEmpty();
        assertThat(events("qtr-c", "2025-05")).isEmpty();
        assertThat(Db.count("SELECT count(*) FROM cell WHERE cell_key = 'qtr-c|00004|FIXED|ALL|2025-Q2'"
                + " AND tests = 35 AND announced_status = 'PUBLISHED' AND version = 2")).isEqualTo(1);
    }

    private static List<CoverageChanged> events(String set, String period) {
        return CoverageTopic.all().stream()
                .filter(e -> e.key().equals(set + ":00004:FIXED") && e.period().equals(period)).toList();
    }

    @Test
    void twoInstancesWritingDifferentMonthsOfOneQuarterGiveTheQuarterOfOne() throws Exception {
        List<MeasurementLocated> all = overQ2("qtr-d", 600, 43);
        Projector first = new Projector(dataSource, rule, config);
        Projector second = new Projector(dataSource, rule, config);
        // one instance takes April's and June's tests, the other May's: they share no month cell (nor a nation's
        // day), only the quarters
        List<MeasurementLocated> may = all.stream().filter(e -> e.measuredAt().toString().startsWith("2025-05")).toList();
        List<MeasurementLocated> others = all.stream().filter(e -> !may.contains(e)).toList();
        int gaveUp = TwoInstances.apply(List.of(first, second),
                List.of(TwoInstances.batches(others, 10), TwoInstances.batches(may, 10)), "quarter-rows-test");
        first.apply(Tables.LIVE, "quarter-rows-test", List.copyOf(Events.inSet(all, "qtr-e")), List.of(), false);

        // they met on the quarters: a quarter written over a version the other had moved was applied again
        assertThat(first.conflictsRetried() + second.conflictsRetried() + gaveUp).isPositive();
        Map<String, List<Object>> d = Db.cellFigures("qtr-d");
        assertThat(d.get("VN|MOBILE|ALL|2025-Q2").get(0)).isEqualTo(600L);
        assertThat(d.get("00004|MOBILE|ALL|2025-Q2").get(0)).isEqualTo(folded(all, "00004").tests());
        assertThat(d.get("00004|MOBILE|ALL|2025-Q2").get(2)).isEqualTo(folded(all, "00004").download().median());
        Map<String, List<Object>> e = Db.cellFigures("qtr-e");
        assertThat(d.keySet()).isEqualTo(e.keySet());
        d.forEach((key, row) -> {
            // the means are sums divided: added in another order they may differ in the last digits
            assertThat(without(row, 3, 7, 11)).as(key).isEqualTo(without(e.get(key), 3, 7, 11));
        });
    }

    private static List<Object> without(List<Object> row, int... indexes) {
        List<Object> out = new ArrayList<>(row);
        for (int i = indexes.length - 1; i >= 0; i--) {
            out.remove(indexes[i]);
        }
        return out;
    }
}

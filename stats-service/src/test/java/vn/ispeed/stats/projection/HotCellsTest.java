package vn.ispeed.stats.projection;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import vn.ispeed.events.LocationEvent;
import vn.ispeed.events.MeasurementLocated;
import vn.ispeed.events.NetworkType;
import vn.ispeed.stats.support.Db;
import vn.ispeed.stats.support.Events;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * Real PostgreSQL: what the projection keeps or starts ahead between batches changes no figure. The
 * decoded states kept between batches give exactly the figures of states read from the database,
 * and a row another writer changed is read again, never served from the cache; a batch staged while
 * the batch before it is still open counts a test both hold once. Each test uses boundary sets of its
 * own, so no other test's cells are involved.
 */
@QuarkusTest
class HotCellsTest {
    @Inject
    Projector projector;

    private static List<MeasurementLocated> tests(String set, int n, long seed) {
        return Events.seeded(set, n, seed, NetworkType.FIXED);
    }



    private void apply(List<? extends LocationEvent> events) throws Exception {
        projector.apply(Tables.LIVE, "hot-cells-test", List.copyOf(events), List.of(), false);
    }

    @Test
    void cachedStatesGiveTheFiguresOfStatesReadFromTheDatabase() throws Exception {
        List<MeasurementLocated> all = tests("hot-a", 150, 7);
        // set hot-a in five batches: from the second on, every cell written before comes from the cache, unread
        for (int i = 0; i < 150; i += 30) {
            apply(all.subList(i, i + 30));
        }
        // the same tests in set hot-b with nothing cached: every state read and decoded from its row
        projector.forgetHotCells();
        List<MeasurementLocated> b = Events.inSet(all, "hot-b");
        for (int i = 0; i < 150; i += 30) {
            projector.forgetHotCells();
            apply(b.subList(i, i + 30));
        }
        Map<String, List<Object>> a = Db.cellFigures("hot-a");
        assertThat(a).isNotEmpty().containsKey("VN|FIXED|ALL|2025-05");
        assertThat(a.get("VN|FIXED|ALL|2025-05").get(0)).isEqualTo(150L);
        assertThat(a).isEqualTo(Db.cellFigures("hot-b"));
    }

    @Test
    void preloadedCellsServeTheFirstBatchAfterARestartUnread() throws Exception {
        List<MeasurementLocated> all = tests("hot-p", 50, 13); // May 2025
        apply(all.subList(0, 40));
        String nation = "hot-p|VN|FIXED|ALL|2025-05";
        projector.forgetHotCells(); // as after a restart
        // the periods of the week before 2031 hold none of these cells
        Projector.Preloaded none = projector.preloadHotCells(java.time.Instant.parse("2031-01-01T00:00:00Z"), 7, Duration.ofSeconds(30));
        assertThat(none.periods()).isEqualTo(7 + 2 + 2); // seven days, two months, two quarters
        assertThat(none.cells()).isZero();
        java.time.Instant may20 = java.time.Instant.parse("2025-05-20T00:00:00Z");
        Projector.Preloaded p = projector.preloadHotCells(may20, 14, Duration.ofSeconds(30));
        assertThat(p.cells()).isPositive();
        assertThat(p.full()).isFalse();
        // a change the cache cannot see (same version): a batch that read the row would count it, one served from
        // the preloaded state does not
        Db.execute("UPDATE cell SET tests = tests + 1000 WHERE cell_key = '" + nation + "'");
        apply(all.subList(40, 50));
        assertThat(Db.count("SELECT tests FROM cell WHERE cell_key = '" + nation + "'")).isEqualTo(50);
        // without the preload the same kind of batch reads the row: 1000 + 50 + 5
        projector.forgetHotCells();
        Db.execute("UPDATE cell SET tests = tests + 1000 WHERE cell_key = '" + nation + "'");
        apply(tests("hot-p", 5, 14));
        assertThat(Db.count("SELECT tests FROM cell WHERE cell_key = '" + nation + "'")).isEqualTo(1055);
    }

    @Test
    void aRowAnotherWriterChangedIsReadAgainNotServedFromTheCache() throws Exception {
        List<MeasurementLocated> all = tests("hot-c", 80, 11);
        apply(all.subList(0, 40)); // the nation's month cell now holds 40 tests and is cached
        String nation = "hot-c|VN|FIXED|ALL|2025-05";
        // another writer: 1,000 more tests in the row, and a new version; the batch's write over the cached
        // version finds it changed, rolls back, and the batch is applied again over what is stored
        Db.execute("UPDATE cell SET tests = tests + 1000, version = version + 1 WHERE cell_key = '" + nation + "'");
        apply(all.subList(40, 80));
        assertThat(Db.count("SELECT tests FROM cell WHERE cell_key = '" + nation + "'")).isEqualTo(1080);
        // with the version untouched, the cached state is the stored one and the next batch goes on from it
        apply(tests("hot-c", 10, 12));
        assertThat(Db.count("SELECT tests FROM cell WHERE cell_key = '" + nation + "'")).isEqualTo(1090);
        assertThat(Db.count("SELECT version FROM cell WHERE cell_key = '" + nation + "'")).isEqualTo(4);
    }

    @Test
    void aCachedCellWhoseRowIsGoneIsNotBroughtBackFromTheCache() throws Exception {
        List<MeasurementLocated> all = tests("hot-d", 80, 17);
        apply(all.subList(0, 40));
        String nation = "hot-d|VN|FIXED|ALL|2025-05";
        Db.execute("DELETE FROM cell WHERE cell_key = '" + nation + "'");
        apply(all.subList(40, 80));
        // the row holds what was written after it went, as for any new cell, not the 40 tests only the cache knew
        assertThat(Db.count("SELECT tests FROM cell WHERE cell_key = '" + nation + "'")).isEqualTo(40);
        assertThat(Db.count("SELECT version FROM cell WHERE cell_key = '" + nation + "'")).isEqualTo(1);
    }

    @Test
    void aBatchStagedWhileTheOneBeforeIsOpenCountsATestBothHoldOnce() throws Exception {
        List<MeasurementLocated> all = tests("stage-a", 70, 19);
        Projector.Staged first = projector.stage(Tables.LIVE, projector.prepare(List.copyOf(all.subList(0, 40))));
        ExecutorService stager = Executors.newSingleThreadExecutor();
        try {
            // tests 30..39 are in both: the second insert waits for the first transaction, then finds them there
            Future<Projector.Staged> second = stager.submit(() ->
                    projector.stage(Tables.LIVE, projector.prepare(List.copyOf(all.subList(30, 70)))));
            Projector.Outcome one = projector.apply(first, "hot-cells-test", List.of(), false);
            Projector.Outcome two = projector.apply(second.get(30, TimeUnit.SECONDS), "hot-cells-test", List.of(), false);
            assertThat(one.newFacts()).isEqualTo(40);
            assertThat(two.newFacts()).isEqualTo(30);
            assertThat(two.duplicates()).isEqualTo(10);
        } finally {
            stager.shutdownNow();
        }
        apply(Events.inSet(all, "stage-b")); // the same 70 tests in one plain batch
        Map<String, List<Object>> a = Db.cellFigures("stage-a");
        assertThat(a.get("VN|FIXED|ALL|2025-05").get(0)).isEqualTo(70L);
        assertThat(a).isEqualTo(Db.cellFigures("stage-b"));
    }

    @Test
    void aBatchLeavingOutTheTestsOfTheOpenBatchBeforeItDoesNotWaitForIt() throws Exception {
        List<MeasurementLocated> all = tests("stage-c", 70, 23);
        Projector.Prepared before = projector.prepare(List.copyOf(all.subList(0, 40)));
        Projector.Staged first = projector.stage(Tables.LIVE, before);
        // on the same thread: were tests 30..39 inserted again, the insert would wait for the open first batch forever
        Projector.Staged second = assertTimeoutPreemptively(Duration.ofSeconds(20), () ->
                projector.stage(Tables.LIVE, projector.prepare(List.copyOf(all.subList(30, 70)), before.keys())));
        Projector.Outcome one = projector.apply(first, "hot-cells-test", List.of(), false);
        Projector.Outcome two = projector.apply(second, "hot-cells-test", List.of(), false);
        assertThat(one.newFacts()).isEqualTo(40);
        assertThat(two.newFacts()).isEqualTo(30);
        assertThat(two.duplicates()).isEqualTo(10);
        apply(Events.inSet(all, "stage-d")); // the same 70 tests in one plain batch
        Map<String, List<Object>> c = Db.cellFigures("stage-c");
        assertThat(c.get("VN|FIXED|ALL|2025-05").get(0)).isEqualTo(70L);
        assertThat(c).isEqualTo(Db.cellFigures("stage-d"));
    }
}

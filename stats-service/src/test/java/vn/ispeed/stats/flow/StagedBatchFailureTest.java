package vn.ispeed.stats.flow;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import vn.ispeed.events.MeasurementLocated;
import vn.ispeed.events.NetworkType;
import vn.ispeed.stats.projection.LocatedMeasurementConsumer;
import vn.ispeed.stats.projection.Projector;
import vn.ispeed.stats.projection.Tables;
import vn.ispeed.stats.support.Db;
import vn.ispeed.stats.support.Events;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The live projection inserts batch N+1's facts in N+1's own open transaction while N writes its
 * cells. When N fails, N+1 may have taken as new a test only N's rolled-back insert held; it must be
 * rolled back with N and read again from the checkpoint, or that test is lost or counted twice.
 * Batches of 50 events make every batch have one staged behind it; the database fails the first
 * checkpoint write after the tests are sent, once.
 */
@QuarkusTest
@TestProfile(StagedBatchFailureTest.SmallBatches.class)
class StagedBatchFailureTest {

    public static class SmallBatches implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("stats.projection.max-poll-records", "50");
        }
    }

    @Inject
    LocatedMeasurementConsumer consumer;

    @Inject
    Projector projector;

    @AfterEach
    void disarm() throws Exception {
        Db.execute("DROP TRIGGER IF EXISTS fail_once ON checkpoint");
    }

    @Test
    void aFailedBatchRollsBackTheBatchStagedBehindItAndEveryTestCountsOnce() throws Exception {
        List<MeasurementLocated> tests = new ArrayList<>();
        Instant at = Instant.parse("2031-05-04T03:00:00Z");
        for (int i = 0; i < 300; i++) {
            tests.add(Events.hanoi(i % 2 == 0 ? "00004" : "00008", "x", NetworkType.FIXED, "vnpt", "device-" + (i % 40),
                    at.plusSeconds(61L * i), 10_000 + 97.0 * i));
        }
        tests = Events.inSet(tests, "staged-a");
        // every test sent twice, 30 events apart: a test and its copy often fall in two consecutive batches
        List<MeasurementLocated> stream = new ArrayList<>();
        for (int i = 0; i < tests.size() + 30; i++) {
            if (i < tests.size()) {
                stream.add(tests.get(i));
            }
            if (i >= 30) {
                stream.add(tests.get(i - 30));
            }
        }
        await().atMost(Duration.ofSeconds(30)).until(Db::projectedToEnd);
        long rolledBack = consumer.stagedRolledBack();
        Db.execute("DROP SEQUENCE IF EXISTS fail_once_seq; CREATE SEQUENCE fail_once_seq");
        Db.execute("CREATE OR REPLACE FUNCTION fail_once() RETURNS trigger AS $$ BEGIN"
                + " IF nextval('fail_once_seq') = 1 THEN RAISE EXCEPTION 'injected checkpoint failure'; END IF;"
                + " RETURN NEW; END $$ LANGUAGE plpgsql");
        Db.execute("CREATE TRIGGER fail_once BEFORE INSERT OR UPDATE ON checkpoint FOR EACH ROW"
                + " WHEN (NEW.consumer = '" + consumer.groupId() + "') EXECUTE FUNCTION fail_once()");

        // sent while the projection is held between two batches, so it then polls them in full batches
        consumer.betweenBatches(() -> Events.send(stream));
        await().atMost(Duration.ofSeconds(90)).until(Db::projectedToEnd);

        assertThat(Db.count("SELECT last_value FROM fail_once_seq")).as("checkpoint writes after the injected failure")
                .isGreaterThan(1);
        assertThat(Db.count("SELECT count(*) FROM fact WHERE boundary_set = 'staged-a'")).isEqualTo(300);
        disarm();
        projector.apply(Tables.LIVE, "staged-reference", List.copyOf(Events.inSet(tests, "staged-b")), List.of(), false);
        Map<String, List<Object>> a = Db.cellFigures("staged-a");
        assertThat(a.get("VN|FIXED|ALL|2031-05").get(0)).isEqualTo(300L);
        assertThat(a).isEqualTo(Db.cellFigures("staged-b"));
        assertThat(consumer.stagedRolledBack() - rolledBack).as("batches staged behind the failed one, rolled back")
                .isPositive();
    }
}

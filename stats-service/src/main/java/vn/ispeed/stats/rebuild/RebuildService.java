package vn.ispeed.stats.rebuild;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.jboss.logging.Logger;
import vn.ispeed.stats.api.ApiProblem;
import vn.ispeed.stats.config.StatsConfig;
import vn.ispeed.stats.projection.BatchDecoder;
import vn.ispeed.stats.projection.KafkaSettings;
import vn.ispeed.stats.projection.LocatedMeasurementConsumer;
import vn.ispeed.stats.projection.ProjectionVersion;
import vn.ispeed.stats.projection.Projector;
import vn.ispeed.stats.projection.RelocationCutoffs;
import vn.ispeed.stats.projection.Tables;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Rebuilds every projection from offset 0 of {@code measurements-located} into fresh tables
 * ({@code *_rebuild}), then, with the live projection held between two batches, catches up to the
 * log's end and swaps the tables by renaming them in one transaction. The live consumer then
 * seeks to the rebuilt checkpoints. Coverage events are not re-announced (the rebuilt cells carry
 * the announced status they reach). After geo-service re-located a set, the rebuild is given the relocation's
 * {@code locatedSince}: it is recorded ({@link RelocationCutoffs}) before the replay, and the replay, the live
 * projection and every later rebuild leave out that set's events from before it.
 */
@ApplicationScoped
public class RebuildService {
    private static final Logger LOG = Logger.getLogger(RebuildService.class);

    private final AgroalDataSource dataSource;
    private final Projector projector;
    private final KafkaSettings kafka;
    private final LocatedMeasurementConsumer live;
    private final ProjectionVersion version;
    private final StatsConfig.Projection config;
    private final RelocationCutoffs cutoffs;
    private final Map<UUID, RebuildJob> jobs = new ConcurrentHashMap<>();
    private volatile RebuildJob running;

    public RebuildService(AgroalDataSource dataSource, Projector projector, KafkaSettings kafka,
            LocatedMeasurementConsumer live, ProjectionVersion version, StatsConfig config, RelocationCutoffs cutoffs) {
        this.cutoffs = cutoffs;
        this.dataSource = dataSource;
        this.projector = projector;
        this.kafka = kafka;
        this.live = live;
        this.version = version;
        this.config = config.projection();
    }

    public RebuildJob start() {
        return start(null, null);
    }

    /**
     * Starts a rebuild; with a set and an instant, after recording that the set's events count from that instant on
     * (the set was re-located by geo-service from then).
     */
    public synchronized RebuildJob start(String relocatedSet, java.time.Instant locatedSince) {
        if (running != null && (running.state() == RebuildJob.State.RUNNING || running.state() == RebuildJob.State.SWAPPING)) {
            throw new ApiProblem(409, ApiProblem.BASE + "rebuild-running", "A rebuild is running",
                    "rebuild " + running.id() + " is still running", null);
        }
        if (relocatedSet != null) {
            cutoffs.record(relocatedSet, locatedSince);
        }
        RebuildJob job = new RebuildJob(relocatedSet, locatedSince);
        jobs.put(job.id(), job);
        running = job;
        Thread t = new Thread(() -> run(job), "stats-rebuild");
        t.setDaemon(true);
        t.start();
        return job;
    }

    public Optional<RebuildJob> job(UUID id) {
        return Optional.ofNullable(jobs.get(id));
    }

    /** Runs a rebuild to the end on the calling thread (tests and the benchmark). */
    public RebuildJob runNow() {
        RebuildJob job;
        synchronized (this) {
            job = new RebuildJob(null, null);
            jobs.put(job.id(), job);
            running = job;
        }
        run(job);
        return job;
    }

    private void run(RebuildJob job) {
        try {
            createShadowTables();
            try (KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(kafka.consumer(null, config.maxPollRecords()))) {
                List<TopicPartition> partitions = new ArrayList<>();
                for (PartitionInfo p : c.partitionsFor(LocatedMeasurementConsumer.TOPIC, Duration.ofSeconds(30))) {
                    partitions.add(new TopicPartition(p.topic(), p.partition()));
                }
                c.assign(partitions);
                c.seekToBeginning(partitions);
                Map<TopicPartition, Long> begin = c.beginningOffsets(partitions);
                Map<TopicPartition, Long> end = c.endOffsets(partitions);
                job.total(total(begin, end));
                drain(c, partitions, begin, end, job);
                job.state(RebuildJob.State.SWAPPING);
                live.betweenBatches(() -> {
                    Map<TopicPartition, Long> latest = c.endOffsets(partitions);
                    job.total(total(begin, latest));
                    drain(c, partitions, begin, latest, job);
                    swap();
                    version.bump();
                });
            }
            job.done();
            LOG.infof("rebuild %s done: %s", job.id(), job.view());
        } catch (Exception e) {
            LOG.error("rebuild failed", e);
            job.failed(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        }
    }

    private static long total(Map<TopicPartition, Long> begin, Map<TopicPartition, Long> end) {
        long total = 0;
        for (var e : end.entrySet()) {
            total += e.getValue() - begin.getOrDefault(e.getKey(), 0L);
        }
        return total;
    }

    private void drain(KafkaConsumer<String, byte[]> c, List<TopicPartition> partitions, Map<TopicPartition, Long> begin,
            Map<TopicPartition, Long> end, RebuildJob job) throws SQLException {
        while (!reached(c, partitions, end)) {
            ConsumerRecords<String, byte[]> records = c.poll(Duration.ofMillis(500));
            if (records.isEmpty()) {
                continue;
            }
            BatchDecoder.Decoded decoded = BatchDecoder.decode(records, cutoffs.current());
            projector.apply(Tables.REBUILD, config.groupId(), decoded.events(), decoded.positions(), false);
            job.superseded(decoded.superseded());
            long done = 0;
            for (TopicPartition tp : partitions) {
                done += Math.min(c.position(tp), end.get(tp)) - begin.getOrDefault(tp, 0L);
            }
            job.progress(done, decoded.events().size());
        }
    }

    private static boolean reached(KafkaConsumer<String, byte[]> c, List<TopicPartition> partitions, Map<TopicPartition, Long> end) {
        for (TopicPartition tp : partitions) {
            if (c.position(tp, Duration.ofSeconds(30)) < end.get(tp)) {
                return false;
            }
        }
        return true;
    }

    private void createShadowTables() throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            for (int i = 0; i < Tables.LIVE.all().size(); i++) {
                String live = Tables.LIVE.all().get(i);
                String shadow = Tables.REBUILD.all().get(i);
                s.execute("DROP TABLE IF EXISTS " + shadow);
                s.execute("CREATE TABLE " + shadow + " (LIKE " + live + " INCLUDING ALL)");
                // LIKE copies columns (with their storage), defaults and indexes, not the table's storage
                // parameters (the cell table's fillfactor and toast_tuple_target)
                String options = null;
                try (ResultSet rs = s.executeQuery("SELECT array_to_string(reloptions, ', ') FROM pg_class"
                        + " WHERE oid = '" + live + "'::regclass")) {
                    if (rs.next()) {
                        options = rs.getString(1);
                    }
                }
                if (options != null && !options.isEmpty()) {
                    s.execute("ALTER TABLE " + shadow + " SET (" + options + ")");
                }
            }
        }
    }

    private void swap() throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                s.execute("SET LOCAL lock_timeout = '30s'");
                for (int i = 0; i < Tables.LIVE.all().size(); i++) {
                    String live = Tables.LIVE.all().get(i);
                    String shadow = Tables.REBUILD.all().get(i);
                    s.execute("ALTER TABLE " + live + " RENAME TO " + live + "_old");
                    s.execute("ALTER TABLE " + shadow + " RENAME TO " + live);
                    s.execute("DROP TABLE " + live + "_old");
                }
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                throw e;
            }
        }
    }

}

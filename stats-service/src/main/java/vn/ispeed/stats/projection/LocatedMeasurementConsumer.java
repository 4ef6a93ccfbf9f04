package vn.ispeed.stats.projection;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.jboss.logging.Logger;
import vn.ispeed.events.Topics;
import vn.ispeed.stats.config.StatsConfig;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The live projection: a plain KafkaConsumer loop on its own thread. Each poll batch is one
 * database transaction (see {@link Projector}); on assignment and after any failure the consumer
 * seeks to the offsets stored in PostgreSQL, never to Kafka's committed offsets, so state and
 * position can never disagree. Poison records go to {@code measurements-located-dlq} with the
 * reason and the partition goes on.
 */
@ApplicationScoped
public class LocatedMeasurementConsumer {
    private static final Logger LOG = Logger.getLogger(LocatedMeasurementConsumer.class);
    public static final String TOPIC = Topics.MEASUREMENTS_LOCATED;

    private final Projector projector;
    private final RelocationCutoffs cutoffs;
    private final KafkaSettings kafka;
    private final StatsConfig.Projection config;
    private final ProjectionVersion version;
    private final ReentrantLock batchLock = new ReentrantLock();
    private final AtomicLong projected = new AtomicLong();
    private final AtomicLong deadLettered = new AtomicLong();
    private final AtomicLong stagedRolledBack = new AtomicLong();
    private volatile boolean running;
    private volatile boolean reseek;
    private volatile boolean healthy = true;
    private volatile KafkaConsumer<String, byte[]> consumer;
    private Thread thread;
    private Projector.Phases phases = Projector.Phases.NONE;
    private long windowEvents;
    private long windowCells;
    private long windowBatches;
    private long windowStart = System.nanoTime();
    private long stagedWait;

    public LocatedMeasurementConsumer(Projector projector, KafkaSettings kafka, StatsConfig config, ProjectionVersion version,
            RelocationCutoffs cutoffs) {
        this.projector = projector;
        this.cutoffs = cutoffs;
        this.kafka = kafka;
        this.config = config.projection();
        this.version = version;
    }

    void onStart(@Observes StartupEvent ev) {
        if (!config.enabled()) {
            LOG.info("projection consumer disabled (stats.projection.enabled=false)");
            return;
        }
        running = true;
        thread = new Thread(this::run, "stats-projection");
        thread.setDaemon(true);
        thread.start();
    }

    void onStop(@Observes ShutdownEvent ev) {
        running = false;
        KafkaConsumer<String, byte[]> c = consumer;
        if (c != null) {
            c.wakeup();
        }
        if (thread != null) {
            try {
                thread.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    public String groupId() {
        return config.groupId();
    }

    /** Work done between two batches of the live projection. */
    @FunctionalInterface
    public interface Work {
        void run() throws Exception;
    }

    /**
     * Runs {@code work} between two batches: no batch is applied meanwhile, and every batch staged ahead
     * is rolled back first, so no open transaction of this projection holds a lock on the live tables
     * (a rebuild's table swap would wait for it forever). The loop then drops what it polled and seeks
     * to the stored checkpoints, which the work may have changed.
     */
    public void betweenBatches(Work work) throws Exception {
        batchLock.lock();
        try {
            reseek = true; // before the drop: a batch submitted from now on stages nothing
            dropStaged();
            work.run();
        } finally {
            batchLock.unlock();
        }
    }

    public long projected() {
        return projected.get();
    }

    public long deadLettered() {
        return deadLettered.get();
    }

    /** Batches staged ahead (facts inserted) and rolled back unapplied, after a failure, seek or rebuild. */
    public long stagedRolledBack() {
        return stagedRolledBack.get();
    }

    public boolean healthy() {
        return healthy;
    }

    /** False once the projection thread has stopped while it should run. */
    public boolean alive() {
        Thread t = thread;
        return !running || t == null || t.isAlive();
    }

    private void run() {
        preloadHotCells();
        ExecutorService stager = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "stats-projection-stager");
            t.setDaemon(true);
            return t;
        });
        try (KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(kafka.consumer(config.groupId(), config.maxPollRecords()));
             KafkaProducer<String, byte[]> dlq = kafka.producer("stats-service-dlq")) {
            consumer = c;
            c.subscribe(List.of(TOPIC), new ConsumerRebalanceListener() {
                @Override
                public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
                    reseek = true; // a batch staged ahead may hold records of a partition this instance no longer owns
                }

                @Override
                public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
                    try {
                        seekToCheckpoints(c, partitions);
                    } catch (Exception e) {
                        LOG.warnf("cannot read checkpoints yet (%s); will seek before the next batch", e.getMessage());
                        reseek = true;
                    }
                }
            });
            // Two stages: while batch N reads, merges and writes its cells, batch N+1 is decoded and its facts
            // inserted in its own open transaction on the stager thread. Batches are applied in order; a
            // dropped batch is rolled back and polled again from the checkpoint.
            Stage ahead = null;
            while (running) {
                List<ConsumerRecord<String, byte[]>> records;
                try {
                    records = poll(c, ahead);
                } catch (WakeupException e) {
                    break;
                }
                if (records.isEmpty() && !reseek && ahead == null) {
                    continue;
                }
                Stage next = records.isEmpty() ? null : stage(stager, records);
                batchLock.lock();
                try {
                    if (reseek) {
                        dropStaged();
                        ahead = null;
                        projector.forgetHotCells();
                        seekToCheckpoints(c, c.assignment());
                        reseek = false;
                        continue; // what was polled before the seek is read again from the checkpoint
                    }
                    if (ahead != null) {
                        apply(ahead, dlq);
                    }
                    ahead = next;
                    healthy = true;
                } catch (Exception e) {
                    healthy = false;
                    LOG.errorf("projection batch failed, retrying from the stored checkpoint: %s", e.toString());
                    dropStaged(); // what was staged after the failed batch rolls back with it
                    ahead = null;
                    reseek = true;
                    pause(config.retryBackoff().toMillis());
                } finally {
                    batchLock.unlock();
                }
            }
        } catch (Throwable e) { // an Error too: liveness turns DOWN and the instance is restarted
            LOG.error("projection consumer stopped", e);
            healthy = false;
            if (e instanceof Error error) {
                throw error;
            }
        } finally {
            consumer = null;
            dropStaged();
            stager.shutdownNow();
        }
    }

    /** How long one poll waits for a fetch while the batch ahead is still being staged. */
    private static final Duration WHILE_STAGING = Duration.ofMillis(5);

    /**
     * The next batch's records. With no batch ahead: the first poll that returns any, waiting up to the poll timeout.
     * With one: everything fetched until that batch is staged, and at least two polls, so the next batch is staged
     * while the writer applies the batch ahead (a single poll here came back empty and the two stages ran one after
     * the other; see README, tenth session). Polling meanwhile costs the writer nothing: it could only wait.
     */
    private List<ConsumerRecord<String, byte[]>> poll(KafkaConsumer<String, byte[]> c, Stage ahead) {
        List<ConsumerRecord<String, byte[]>> out = new ArrayList<>();
        if (ahead == null) {
            c.poll(config.pollTimeout()).forEach(out::add);
            return out;
        }
        // The consumer fetches only inside poll, one fetch at a time: the first poll returns what the fetch sent at
        // the last poll brought (sent before the writer's last batch, so it holds little) and sends a fetch for what
        // came while the writer worked, which the second poll returns. Polling stops once a poll's bound is held: a
        // backlog fills it in one poll, so a backlog's batches stay the size they were (a partial first poll means
        // the backlog is drained, and the second then adds only what arrived since).
        int polls = 0;
        do {
            c.poll(WHILE_STAGING).forEach(out::add);
            polls++;
        } while (running && !reseek && out.size() < config.maxPollRecords() && (polls < 2 || !ahead.future.isDone()));
        return out;
    }

    /** A poll batch being decoded and staged (facts inserted, transaction open) on the stager thread. */
    static final class Stage {
        volatile boolean dropped;
        Future<Ahead> future;
        volatile Set<String> keys; // the (test, set) keys of the batch, once decoded
    }

    /** The batch submitted last: the one before the next batch, which commits before it or is dropped with it. */
    private Stage lastSubmitted;

    /** A poll batch decoded, with its facts inserted in its own open transaction. */
    private record Ahead(BatchDecoder.Decoded decoded, Projector.Staged staged) {
    }

    /** Batches staged or being staged, oldest first; each is either applied (and removed) or dropped. */
    private final Deque<Stage> staged = new ArrayDeque<>();

    private Stage stage(ExecutorService stager, List<ConsumerRecord<String, byte[]>> records) {
        Stage s = new Stage();
        synchronized (staged) {
            Stage before = lastSubmitted;
            lastSubmitted = s;
            staged.addLast(s);
            s.future = stager.submit(() -> {
                // reseek is set before a drop, so a batch submitted after the drop sees it and opens no transaction
                if (s.dropped || reseek) {
                    return null;
                }
                BatchDecoder.Decoded decoded = BatchDecoder.decode(records, cutoffs.current());
                Projector.Prepared prepared = projector.prepare(decoded.events(), keysToLeaveOut(before));
                s.keys = prepared.keys();
                return new Ahead(decoded, projector.stage(Tables.LIVE, prepared));
            });
        }
        return s;
    }

    /**
     * The tests a batch leaves out because the batch submitted before it holds them: that batch commits before
     * this one or is dropped with it (every drop takes every staged batch), so they are stored by the time this
     * one commits, and inserting them would wait for its open transaction. None once that batch is dropped or
     * staged nothing: then nothing of it is stored.
     */
    static Set<String> keysToLeaveOut(Stage before) {
        return before == null || before.dropped || before.keys == null ? Set.of() : before.keys;
    }

    /** Rolls back every batch staged ahead, waiting for one still being staged. */
    private void dropStaged() {
        List<Stage> all;
        synchronized (staged) {
            all = new ArrayList<>(staged);
            staged.clear();
            lastSubmitted = null; // the next batch follows no batch in flight
        }
        for (Stage s : all) {
            s.dropped = true;
            try {
                Ahead a = s.future.get(); // a running insert ends: it can only wait for a batch already ended
                if (a != null) {
                    a.staged().close();
                    stagedRolledBack.incrementAndGet();
                }
            } catch (ExecutionException e) {
                // the stager closed its own transaction when staging failed
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Exception e) {
                LOG.warnf("rolling back a staged batch failed: %s", e.toString());
            }
        }
    }

    /** Fills the hot cells before the first batch; a failure (database not up yet) only means a cold start. */
    private void preloadHotCells() {
        if (config.preloadDays() <= 0 || config.hotCellsMb() <= 0) {
            return;
        }
        try {
            Projector.Preloaded p = projector.preloadHotCells(Instant.now(), config.preloadDays(), config.preloadMaxTime());
            LOG.infof("preloaded %,d cells (%,d MiB of hot cells%s) of %d periods in %,d ms", p.cells(),
                    p.bytes() >> 20, p.full() ? ", full" : "", p.periods(), p.millis());
        } catch (Exception e) {
            LOG.warnf("hot cells not preloaded (%s); the first batches read their cells", e.toString());
        }
    }

    /** Dead-letters a staged batch's poison records, then finishes its transaction. */
    private void apply(Stage stage, KafkaProducer<String, byte[]> dlq) throws Exception {
        long waitStart = System.nanoTime();
        Ahead batch = stage.future.get();
        stagedWait += System.nanoTime() - waitStart;
        synchronized (staged) {
            staged.remove(stage);
        }
        if (batch == null) {
            throw new IllegalStateException("a batch was dropped before it was applied");
        }
        BatchDecoder.Decoded decoded = batch.decoded();
        try {
            for (BatchDecoder.Poison p : decoded.poison()) {
                ProducerRecord<String, byte[]> out = new ProducerRecord<>(Topics.deadLetter(TOPIC), p.record().key(), p.record().value());
                out.headers().add("dlq-reason", p.reason().getBytes(StandardCharsets.UTF_8));
                out.headers().add("dlq-source", (p.record().topic() + "/" + p.record().partition() + "@" + p.record().offset())
                        .getBytes(StandardCharsets.UTF_8));
                dlq.send(out).get(30, TimeUnit.SECONDS);
                deadLettered.incrementAndGet();
                LOG.warnf("dead-lettered %s/%d@%d: %s", p.record().topic(), p.record().partition(), p.record().offset(), p.reason());
            }
        } catch (Exception e) {
            batch.staged().close();
            throw e;
        }
        Projector.Outcome outcome = projector.apply(batch.staged(), config.groupId(), decoded.positions(), true);
        projected.addAndGet(decoded.events().size());
        report(outcome);
        version.bump();
    }

    /** One log line every 10 s while the projection works: its rate and where the batch time goes. */
    private void report(Projector.Outcome o) {
        phases = phases.plus(o.phases());
        windowEvents += o.events();
        windowCells += o.cells();
        windowBatches++;
        long elapsed = System.nanoTime() - windowStart;
        if (elapsed < 10_000_000_000L) {
            return;
        }
        Projector.Phases p = phases;
        double wall = elapsed / 100.0; // percent of wall time
        LOG.infof("projected %,d events/s (%,d cells written/s, %,d events per batch); writer: read cells %.0f%%, merge"
                + " %.0f%%, write cells %.0f%%, commit %.0f%%, waiting for the stager %.0f%%; stager: facts %.0f%% (of wall time)",
                Math.round(windowEvents / (elapsed / 1e9)), Math.round(windowCells / (elapsed / 1e9)), windowEvents / windowBatches,
                p.read() / wall, p.merge() / wall, p.write() / wall, p.commit() / wall, stagedWait / wall, p.facts() / wall);
        stagedWait = 0;
        phases = Projector.Phases.NONE;
        windowEvents = 0;
        windowCells = 0;
        windowBatches = 0;
        windowStart = System.nanoTime();
    }

    private void seekToCheckpoints(KafkaConsumer<String, byte[]> c, Collection<TopicPartition> partitions) throws Exception {
        if (partitions.isEmpty()) {
            return;
        }
        Map<Integer, Long> stored = projector.checkpoints(Tables.LIVE, config.groupId(), TOPIC);
        for (TopicPartition tp : partitions) {
            Long next = stored.get(tp.partition());
            if (next == null) {
                c.seekToBeginning(Set.of(tp));
            } else {
                c.seek(tp, next);
            }
        }
    }

    private void pause(long millis) {
        try {
            Thread.sleep(millis); // back-off between retries of a failed batch, not a correctness wait
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

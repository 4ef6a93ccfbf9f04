package vn.ispeed.stats.projection;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecords;
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
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
    private final KafkaSettings kafka;
    private final StatsConfig.Projection config;
    private final ProjectionVersion version;
    private final ReentrantLock batchLock = new ReentrantLock();
    private final AtomicLong projected = new AtomicLong();
    private final AtomicLong deadLettered = new AtomicLong();
    private volatile boolean running;
    private volatile boolean reseek;
    private volatile boolean healthy = true;
    private volatile KafkaConsumer<String, byte[]> consumer;
    private Thread thread;
    private Projector.Phases phases = Projector.Phases.NONE;
    private long windowEvents;
    private long windowCells;
    private long windowStart = System.nanoTime();

    public LocatedMeasurementConsumer(Projector projector, KafkaSettings kafka, StatsConfig config, ProjectionVersion version) {
        this.projector = projector;
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

    /** Held while a batch is applied; a rebuild takes it to swap tables between two batches. */
    public ReentrantLock batchLock() {
        return batchLock;
    }

    /** Makes the loop drop what it polled and seek to the stored checkpoints (after a swap). */
    public void requestReseek() {
        reseek = true;
    }

    public long projected() {
        return projected.get();
    }

    public long deadLettered() {
        return deadLettered.get();
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
        ExecutorService decoder = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "stats-projection-decoder");
            t.setDaemon(true);
            return t;
        });
        try (KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(kafka.consumer(config.groupId(), config.maxPollRecords()));
             KafkaProducer<String, byte[]> dlq = kafka.producer("stats-service-dlq")) {
            consumer = c;
            c.subscribe(List.of(TOPIC), new ConsumerRebalanceListener() {
                @Override
                public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
                    reseek = true; // a batch decoded ahead may hold records of a partition this instance no longer owns
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
            // Two stages: while batch N is applied (cells merged, PostgreSQL writing), batch N+1 is decoded and
            // folded on the decoder thread. Nothing is applied out of order and a dropped batch is read again.
            Future<Ahead> ahead = null;
            while (running) {
                ConsumerRecords<String, byte[]> records;
                try {
                    records = c.poll(ahead == null ? config.pollTimeout() : Duration.ZERO);
                } catch (WakeupException e) {
                    break;
                }
                if (records.isEmpty() && !reseek && ahead == null) {
                    continue;
                }
                Future<Ahead> before = ahead;
                Future<Ahead> next = records.isEmpty() ? null : decoder.submit(() -> {
                    BatchDecoder.Decoded decoded = BatchDecoder.decode(records);
                    // tasks run in order on the one decoder thread, so the batch before is done
                    Set<String> seenBefore = before == null ? Set.of() : before.get().prepared().keys();
                    return new Ahead(decoded, projector.prepare(decoded.events(), seenBefore));
                });
                batchLock.lock();
                try {
                    if (reseek) {
                        cancel(ahead);
                        cancel(next);
                        ahead = null;
                        projector.forgetHotCells();
                        seekToCheckpoints(c, c.assignment());
                        reseek = false;
                        continue; // what was polled before the seek is read again from the checkpoint
                    }
                    if (ahead != null) {
                        apply(ahead.get(), dlq);
                    }
                    ahead = next;
                    healthy = true;
                } catch (Exception e) {
                    healthy = false;
                    LOG.errorf("projection batch failed, retrying from the stored checkpoint: %s", e.toString());
                    cancel(next);
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
            decoder.shutdownNow();
        }
    }

    /** A poll batch decoded and folded ahead of its transaction. */
    private record Ahead(BatchDecoder.Decoded decoded, Projector.Prepared prepared) {
    }

    /** Dead-letters a decoded batch's poison records, then applies its events in one transaction. */
    private void apply(Ahead batch, KafkaProducer<String, byte[]> dlq) throws Exception {
        BatchDecoder.Decoded decoded = batch.decoded();
        for (BatchDecoder.Poison p : decoded.poison()) {
            ProducerRecord<String, byte[]> out = new ProducerRecord<>(Topics.deadLetter(TOPIC), p.record().key(), p.record().value());
            out.headers().add("dlq-reason", p.reason().getBytes(StandardCharsets.UTF_8));
            out.headers().add("dlq-source", (p.record().topic() + "/" + p.record().partition() + "@" + p.record().offset())
                    .getBytes(StandardCharsets.UTF_8));
            dlq.send(out).get(30, TimeUnit.SECONDS);
            deadLettered.incrementAndGet();
            LOG.warnf("dead-lettered %s/%d@%d: %s", p.record().topic(), p.record().partition(), p.record().offset(), p.reason());
        }
        Projector.Outcome outcome = projector.apply(Tables.LIVE, config.groupId(), batch.prepared(), decoded.positions(), true);
        projected.addAndGet(decoded.events().size());
        report(outcome);
        version.bump();
    }

    private static void cancel(Future<?> f) {
        if (f != null) {
            f.cancel(true);
        }
    }

    /** One log line every 10 s while the projection works: its rate and where the batch time goes. */
    private void report(Projector.Outcome o) {
        phases = phases.plus(o.phases());
        windowEvents += o.events();
        windowCells += o.cells();
        long elapsed = System.nanoTime() - windowStart;
        if (elapsed < 10_000_000_000L) {
            return;
        }
        Projector.Phases p = phases;
        double total = Math.max(1, p.facts() + p.read() + p.merge() + p.write() + p.commit());
        LOG.infof("projected %,d events/s (%,d cells written/s); batch time: facts %.0f%%, read cells %.0f%%,"
                + " merge %.0f%%, write cells %.0f%%, commit %.0f%%; busy %.0f%%",
                Math.round(windowEvents / (elapsed / 1e9)), Math.round(windowCells / (elapsed / 1e9)),
                100 * p.facts() / total, 100 * p.read() / total, 100 * p.merge() / total, 100 * p.write() / total,
                100 * p.commit() / total, 100 * total / elapsed);
        phases = Projector.Phases.NONE;
        windowEvents = 0;
        windowCells = 0;
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

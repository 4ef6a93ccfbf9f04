package vn.ispeed.geo.stream;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import vn.ispeed.events.EventCodec;
import vn.ispeed.events.EventFormatException;
import vn.ispeed.events.MeasurementLocated;
import vn.ispeed.events.MeasurementSubmitted;
import vn.ispeed.events.Topics;
import vn.ispeed.geo.boundary.BoundaryRegistry;
import vn.ispeed.geo.boundary.BoundarySet;
import vn.ispeed.geo.boundary.GeoConfig;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Re-locating = a replay: the whole {@code measurements} log, from offset 0 to the end offsets taken
 * when the job starts, through one set, emitting its located/unlocated events again. The job reads
 * by partition assignment (no consumer group, so the live loop's offsets are untouched) and writes in
 * transactions of one poll each.
 *
 * <p>After a change of a set's boundary data (new polygons, a corrected mapping) every instance runs the new data,
 * then this job re-locates the set: its events carry {@code locatedAt} ≥ the job's {@code locatedSince}, as do the
 * live loop's from then on. stats keeps the first fact per (testId, set), so it is told the set and
 * {@code locatedSince} with its rebuild ({@code POST /api/v1/ops/rebuild?set=&locatedSince=}) and leaves out the set's
 * events from before. The job waits {@code geo.relocate.settle} (5 s) between {@code locatedSince} and taking the end
 * offsets: a test the live loop of another instance locates after those offsets is located later than that by any
 * clock less than 5 s apart, and a test appended meanwhile is replayed by the job. Without a stats rebuild, a replay
 * only adds the tests the set had not seen.
 */
@ApplicationScoped
public class RelocateJobs {
    private static final Logger LOG = Logger.getLogger(RelocateJobs.class);

    public enum Status { RUNNING, DONE, FAILED }

    /** Progress of one job. */
    public static final class Job {
        final String id;
        final String set;
        final Instant startedAt = Instant.now();
        volatile Status status = Status.RUNNING;
        volatile long total;
        final AtomicLong processed = new AtomicLong();
        final AtomicLong located = new AtomicLong();
        final AtomicLong unlocated = new AtomicLong();
        final AtomicLong skipped = new AtomicLong();
        volatile Instant finishedAt;
        volatile String error;

        Job(String id, String set) {
            this.id = id;
            this.set = set;
        }

        public View view() {
            double progress = total == 0 ? (status == Status.RUNNING ? 0 : 1) : Math.min(1.0, (double) processed.get() / total);
            return new View(id, set, status.name(), total, processed.get(), located.get(), unlocated.get(), skipped.get(),
                    progress, startedAt, finishedAt, error, startedAt);
        }
    }

    /** @param locatedSince every event of the set located from this instant on follows the data this job replays with */
    public record View(String jobId, String set, String status, long total, long processed, long located, long unlocated,
                       long skippedInvalid, double progress, Instant startedAt, Instant finishedAt, String error,
                       Instant locatedSince) {
    }

    private final BoundaryRegistry registry;
    private final String bootstrap;
    private final int maxPollRecords;
    private final Duration settle;
    private final Map<String, Job> jobs = new ConcurrentHashMap<>();
    private final ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "geo-relocate");
        t.setDaemon(true);
        return t;
    });
    private final EventCodec codec = EventCodec.standard();

    public RelocateJobs(BoundaryRegistry registry, GeoConfig config,
                        @ConfigProperty(name = "kafka.bootstrap.servers", defaultValue = "localhost:9092") String bootstrap) {
        this.settle = config.relocate().settle();
        this.registry = registry;
        this.bootstrap = bootstrap;
        this.maxPollRecords = config.stream().maxPollRecords();
    }

    /** Queues a replay of the whole log through the set (jobs run one at a time). */
    public View start(BoundarySet set) {
        Job job = new Job(UUID.randomUUID().toString(), set.name());
        jobs.put(job.id, job);
        executor.submit(() -> run(job, set));
        return job.view();
    }

    public Optional<View> job(String id) {
        return Optional.ofNullable(id == null ? null : jobs.get(id)).map(Job::view);
    }

    @PreDestroy
    void shutdown() {
        executor.shutdownNow();
    }

    private void run(Job job, BoundarySet set) {
        try (KafkaConsumer<String, byte[]> consumer = KafkaClients.consumer(bootstrap, null, maxPollRecords);
             KafkaProducer<String, byte[]> producer = KafkaClients.producer(bootstrap, "geo-relocate-" + job.id)) {
            producer.initTransactions();
            List<PartitionInfo> infos = consumer.partitionsFor(Topics.MEASUREMENTS, Duration.ofSeconds(30));
            List<TopicPartition> partitions = infos.stream().map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long wait = Duration.between(Instant.now(), job.startedAt.plus(settle)).toMillis();
            if (wait > 0) {
                Thread.sleep(wait); // tests appended until then are replayed here; later ones are located later than locatedSince
            }
            Map<TopicPartition, Long> begin = consumer.beginningOffsets(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            job.total = partitions.stream().mapToLong(tp -> end.get(tp) - begin.get(tp)).sum();
            LOG.infof("relocate job %s: replaying %d records of %s through %s", job.id, job.total, Topics.MEASUREMENTS, set.name());
            List<BoundarySet> sets = List.of(set);
            while (!done(consumer, partitions, end)) {
                ConsumerRecords<String, byte[]> records = consumer.poll(Duration.ofMillis(500));
                if (records.isEmpty()) {
                    continue;
                }
                producer.beginTransaction();
                Instant now = Instant.now();
                long processed = 0;
                long located = 0;
                long unlocated = 0;
                long skipped = 0;
                for (ConsumerRecord<String, byte[]> record : records) {
                    TopicPartition tp = new TopicPartition(record.topic(), record.partition());
                    if (record.offset() >= end.get(tp)) {
                        continue; // arrived after the job started: the live loop handles it
                    }
                    processed++;
                    MeasurementSubmitted m;
                    try {
                        m = codec.decode(record.value(), MeasurementSubmitted.class);
                    } catch (EventFormatException e) {
                        skipped++; // dead-lettered by the live loop already
                        continue;
                    }
                    for (LocatingTransform.Keyed out : LocatingTransform.transform(registry.locator(), sets, m, now)) {
                        producer.send(new ProducerRecord<>(Topics.MEASUREMENTS_LOCATED, out.key(), codec.encode(out.event())));
                        if (out.event() instanceof MeasurementLocated) {
                            located++;
                        } else {
                            unlocated++;
                        }
                    }
                }
                producer.commitTransaction();
                job.processed.addAndGet(processed);
                job.located.addAndGet(located);
                job.unlocated.addAndGet(unlocated);
                job.skipped.addAndGet(skipped);
            }
            job.status = Status.DONE;
            LOG.infof("relocate job %s done: %d records, %d located, %d unlocated", job.id, job.processed.get(),
                    job.located.get(), job.unlocated.get());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            job.status = Status.FAILED;
            job.error = "interrupted";
        } catch (RuntimeException e) {
            job.status = Status.FAILED;
            job.error = e.getMessage();
            LOG.warnf("relocate job %s failed: %s", job.id, e.getMessage());
        } finally {
            job.finishedAt = Instant.now();
        }
    }

    private static boolean done(KafkaConsumer<String, byte[]> consumer, List<TopicPartition> partitions,
                                Map<TopicPartition, Long> end) {
        for (TopicPartition tp : partitions) {
            if (consumer.position(tp) < end.get(tp)) {
                return false;
            }
        }
        return true;
    }
}

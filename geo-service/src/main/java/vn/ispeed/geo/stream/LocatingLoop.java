package vn.ispeed.geo.stream;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.WakeupException;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import vn.ispeed.events.EventCodec;
import vn.ispeed.events.EventFormatException;
import vn.ispeed.events.MeasurementSubmitted;
import vn.ispeed.events.Topics;
import vn.ispeed.geo.boundary.BoundaryRegistry;
import vn.ispeed.geo.boundary.BoundarySet;
import vn.ispeed.geo.boundary.GeoConfig;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * {@code measurements} -> {@code measurements-located}, exactly once: a plain consume-transform-
 * produce loop on its own thread. Each poll's output and the consumer offsets commit in one Kafka
 * transaction ({@code sendOffsetsToTransaction} with the group metadata, so a zombie instance is
 * fenced by the group generation); downstream consumers read with {@code isolation.level=read_committed}.
 * A record that is not a valid MeasurementSubmitted goes to {@code measurements-dlq} (header
 * {@code dlq-reason}) in the same transaction and the partition goes on. On any other failure the
 * transaction is abandoned, the clients are rebuilt and consumption resumes at the committed offsets.
 */
@ApplicationScoped
public class LocatingLoop {
    private static final Logger LOG = Logger.getLogger(LocatingLoop.class);
    public static final String DLQ_REASON = "dlq-reason";
    public static final String DLQ_TOPIC = "dlq-original-topic";
    public static final String DLQ_PARTITION = "dlq-original-partition";
    public static final String DLQ_OFFSET = "dlq-original-offset";

    private final BoundaryRegistry registry;
    private final GeoConfig.Stream config;
    private final String bootstrap;
    private final EventCodec codec = EventCodec.standard();
    private final Counter located;
    private final Counter unlocated;
    private final Counter deadLettered;
    private final AtomicReference<KafkaConsumer<String, byte[]>> consumer = new AtomicReference<>();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile boolean running;
    private volatile String state = "STOPPED";
    private Thread thread;

    public LocatingLoop(BoundaryRegistry registry, GeoConfig config, MeterRegistry meters,
                        @ConfigProperty(name = "kafka.bootstrap.servers", defaultValue = "localhost:9092") String bootstrap) {
        this.registry = registry;
        this.config = config.stream();
        this.bootstrap = bootstrap;
        this.located = meters.counter("geo.located", "outcome", "located");
        this.unlocated = meters.counter("geo.located", "outcome", "unlocated");
        this.deadLettered = meters.counter("geo.located", "outcome", "dead-lettered");
    }

    void start(@Observes StartupEvent event) {
        if (!config.enabled()) {
            LOG.info("locating stream disabled (geo.stream.enabled=false)");
            return;
        }
        running = true;
        thread = new Thread(this::run, "geo-locating-loop");
        thread.setDaemon(true);
        thread.start();
    }

    void stop(@Observes ShutdownEvent event) throws InterruptedException {
        running = false;
        KafkaConsumer<String, byte[]> c = consumer.get();
        if (c != null) {
            c.wakeup();
        }
        if (thread != null) {
            stopped.await(10, TimeUnit.SECONDS);
        }
    }

    public String state() {
        return state;
    }

    private void run() {
        try {
            while (running) {
                try {
                    consumeUntilFailure();
                } catch (WakeupException | InterruptException e) {
                    if (!running) {
                        break;
                    }
                } catch (RuntimeException e) {
                    state = "RESTARTING";
                    LOG.warnf("locating loop failed (%s); restarting from the committed offsets in %s",
                            e.getMessage(), config.restartBackoff());
                    if (!sleep(config.restartBackoff())) {
                        break;
                    }
                }
            }
        } finally {
            state = "STOPPED";
            stopped.countDown();
        }
    }

    private void consumeUntilFailure() {
        try (KafkaConsumer<String, byte[]> c = KafkaClients.consumer(bootstrap, config.groupId(), config.maxPollRecords());
             KafkaProducer<String, byte[]> producer = KafkaClients.producer(bootstrap, config.transactionalId())) {
            consumer.set(c);
            if (!running) {
                return;
            }
            producer.initTransactions();
            c.subscribe(List.of(Topics.MEASUREMENTS));
            state = "RUNNING";
            LOG.infof("locating %s -> %s for sets %s", Topics.MEASUREMENTS, Topics.MEASUREMENTS_LOCATED, activeSets().stream().map(BoundarySet::name).toList());
            while (running) {
                ConsumerRecords<String, byte[]> records = c.poll(Duration.ofMillis(500));
                if (records.isEmpty()) {
                    continue;
                }
                producer.beginTransaction();
                try {
                    Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
                    List<BoundarySet> sets = activeSets();
                    Instant now = Instant.now();
                    for (ConsumerRecord<String, byte[]> record : records) {
                        process(record, sets, now, producer);
                        offsets.put(new TopicPartition(record.topic(), record.partition()), new OffsetAndMetadata(record.offset() + 1));
                    }
                    producer.sendOffsetsToTransaction(offsets, c.groupMetadata());
                    producer.commitTransaction();
                } catch (RuntimeException e) {
                    try {
                        producer.abortTransaction();
                    } catch (RuntimeException ignored) {
                        // the producer is closed with the consumer below; the group resumes at the committed offsets
                    }
                    throw e;
                }
            }
        } finally {
            consumer.set(null);
        }
    }

    private void process(ConsumerRecord<String, byte[]> record, List<BoundarySet> sets, Instant now,
                         KafkaProducer<String, byte[]> producer) {
        MeasurementSubmitted m;
        try {
            m = codec.decode(record.value(), MeasurementSubmitted.class);
        } catch (EventFormatException e) {
            ProducerRecord<String, byte[]> dead = new ProducerRecord<>(Topics.deadLetter(Topics.MEASUREMENTS), record.key(), record.value());
            dead.headers().add(DLQ_REASON, e.getMessage().getBytes(StandardCharsets.UTF_8));
            dead.headers().add(DLQ_TOPIC, record.topic().getBytes(StandardCharsets.UTF_8));
            dead.headers().add(DLQ_PARTITION, Integer.toString(record.partition()).getBytes(StandardCharsets.UTF_8));
            dead.headers().add(DLQ_OFFSET, Long.toString(record.offset()).getBytes(StandardCharsets.UTF_8));
            producer.send(dead);
            deadLettered.increment();
            LOG.warnf("dead-lettered %s-%d@%d: %s", record.topic(), record.partition(), record.offset(), e.getMessage());
            return;
        }
        for (LocatingTransform.Keyed out : LocatingTransform.transform(registry.locator(), sets, m, now)) {
            producer.send(new ProducerRecord<>(Topics.MEASUREMENTS_LOCATED, out.key(), codec.encode(out.event())));
            if (out.event() instanceof vn.ispeed.events.MeasurementLocated) {
                located.increment();
            } else {
                unlocated.increment();
            }
        }
    }

    private List<BoundarySet> activeSets() {
        return registry.sets().stream().filter(BoundarySet::active).toList();
    }

    private boolean sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis()); // back-off between reconnects, not a correctness wait
            return running;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}

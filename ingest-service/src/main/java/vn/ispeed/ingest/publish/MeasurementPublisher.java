package vn.ispeed.ingest.publish;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import vn.ispeed.events.EventCodec;
import vn.ispeed.events.MeasurementSubmitted;
import vn.ispeed.events.Topics;
import vn.ispeed.ingest.config.IngestConfig;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Appends MeasurementSubmitted to {@link Topics#MEASUREMENTS} (key = testId) and completes
 * only when the broker acknowledged it ({@code acks=all}, idempotent producer). A plain
 * KafkaProducer rather than an Emitter so the acknowledgement and its timeout are explicit.
 * {@code send} runs on one dedicated thread: it can block (metadata, full buffer), and the
 * HTTP event loop must never block.
 */
@ApplicationScoped
public class MeasurementPublisher {
    private static final Logger LOG = Logger.getLogger(MeasurementPublisher.class);

    private final KafkaProducer<String, byte[]> producer;
    private final ExecutorService sender;
    private final Duration ackTimeout;
    private final EventCodec codec = EventCodec.standard();

    public MeasurementPublisher(IngestConfig config,
                                @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers) {
        Map<String, Object> props = new HashMap<>(config.kafka().producer());
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        props.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, "ingest-service");
        this.producer = new KafkaProducer<>(props);
        this.ackTimeout = config.kafka().ackTimeout();
        this.sender = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "measurement-sender");
            t.setDaemon(true);
            return t;
        });
    }

    void warmUp(@Observes StartupEvent event) {
        // fetch the topic's metadata off the request path so the first send does not wait for it
        sender.execute(() -> {
            try {
                List<?> partitions = producer.partitionsFor(Topics.MEASUREMENTS);
                LOG.infof("event=kafka-metadata topic=%s partitions=%d", Topics.MEASUREMENTS, partitions.size());
            } catch (RuntimeException e) {
                LOG.warnf("event=kafka-metadata-unavailable topic=%s reason=\"%s\"", Topics.MEASUREMENTS, e.getMessage());
            }
        });
    }

    void close(@Observes ShutdownEvent event) {
        sender.shutdown();
        producer.close(Duration.ofSeconds(5));
    }

    /** Completes when the broker acknowledged the event; fails with {@link PublishFailedException} otherwise. */
    public CompletionStage<Void> publish(MeasurementSubmitted event) {
        byte[] value = codec.encode(event);
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(Topics.MEASUREMENTS, event.testId().toString(), value);
        CompletableFuture<Void> acked = new CompletableFuture<>();
        try {
            sender.execute(() -> {
                if (acked.isDone()) {
                    return; // the client was already answered 503; do not append late
                }
                try {
                    producer.send(record, (metadata, error) -> {
                        if (error == null) {
                            acked.complete(null);
                        } else {
                            acked.completeExceptionally(new PublishFailedException(error));
                        }
                    });
                } catch (RuntimeException e) {
                    acked.completeExceptionally(new PublishFailedException(e));
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            acked.completeExceptionally(new PublishFailedException(e));
        }
        // any failure, including this timeout, means "not appended as far as we know": the caller answers 503
        return acked.orTimeout(ackTimeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The broker did not acknowledge the event in time; the test was not (or not surely) appended. */
    public static final class PublishFailedException extends RuntimeException {
        public PublishFailedException(Throwable cause) {
            super(cause.getClass().getSimpleName() + ": " + cause.getMessage(), cause, false, false);
        }
    }
}

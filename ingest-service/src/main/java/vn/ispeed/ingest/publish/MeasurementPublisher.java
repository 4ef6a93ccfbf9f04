package vn.ispeed.ingest.publish;

import io.quarkus.arc.Arc;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import io.vertx.core.http.HttpServerRequest;
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
import vn.ispeed.events.kafka.EventHeaders;
import vn.ispeed.ingest.config.IngestConfig;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Appends MeasurementSubmitted to {@link Topics#MEASUREMENTS} (key = testId) and completes
 * only when the broker acknowledged it ({@code acks=all}, idempotent producer). A plain
 * KafkaProducer rather than an Emitter so the acknowledgement and its timeout are explicit.
 * {@code send} runs on one dedicated thread: it can block (metadata, full buffer), and the
 * HTTP event loop must never block. One hand-off and one timer per request, not per test.
 * Each record carries the HTTP request's {@code X-Request-Id} (set by the gateway) as header
 * {@link EventHeaders#REQUEST_ID}, so a test can be followed from the upload to the log.
 */
@ApplicationScoped
public class MeasurementPublisher {
    private static final Logger LOG = Logger.getLogger(MeasurementPublisher.class);

    private final KafkaProducer<String, byte[]> producer;
    private final ExecutorService sender;
    private final ScheduledThreadPoolExecutor timeouts;
    private final long ackTimeoutMillis;
    private final EventCodec codec = EventCodec.standard();
    private final Instance<HttpServerRequest> request;

    public MeasurementPublisher(IngestConfig config,
                                @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers,
                                Instance<HttpServerRequest> request) {
        this.request = request;
        Map<String, Object> props = new HashMap<>(config.kafka().producer());
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        props.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, "ingest-service");
        this.producer = new KafkaProducer<>(props);
        this.ackTimeoutMillis = config.kafka().ackTimeout().toMillis();
        this.sender = Executors.newSingleThreadExecutor(daemon("measurement-sender"));
        this.timeouts = new ScheduledThreadPoolExecutor(1, daemon("measurement-ack-timeout"));
        this.timeouts.setRemoveOnCancelPolicy(true);
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
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
        timeouts.shutdownNow();
        producer.close(Duration.ofSeconds(5));
    }

    /** The X-Request-Id of the HTTP request being served, when there is one and it is a plain token. */
    private byte[] currentRequestId() {
        if (!Arc.container().requestContext().isActive()) {
            return null;
        }
        String id = EventHeaders.requestIdOrNull(request.get().getHeader(EventHeaders.HTTP_REQUEST_ID));
        return id == null ? null : id.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * One future per event, in order: each completes when the broker acknowledged that event, or
     * fails (send error, or no acknowledgement within {@code ingest.kafka.ack-timeout}); a failure
     * means "not appended as far as we know" and the caller answers 503.
     */
    public List<CompletableFuture<Void>> publish(List<MeasurementSubmitted> events) {
        List<ProducerRecord<String, byte[]>> records = new ArrayList<>(events.size());
        List<CompletableFuture<Void>> acks = new ArrayList<>(events.size());
        byte[] requestId = currentRequestId();
        for (MeasurementSubmitted event : events) {
            ProducerRecord<String, byte[]> record = new ProducerRecord<>(Topics.MEASUREMENTS, event.testId().toString(), codec.encode(event));
            if (requestId != null) {
                record.headers().add(EventHeaders.REQUEST_ID, requestId);
            }
            records.add(record);
            acks.add(new CompletableFuture<>());
        }
        if (events.isEmpty()) {
            return acks;
        }
        ScheduledFuture<?> timer = timeouts.schedule(() -> acks.forEach(a -> a.completeExceptionally(
                new TimeoutException("no acknowledgement in " + ackTimeoutMillis + " ms"))), ackTimeoutMillis, TimeUnit.MILLISECONDS);
        CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)).whenComplete((ok, e) -> timer.cancel(false));
        try {
            sender.execute(() -> {
                for (int i = 0; i < records.size(); i++) {
                    CompletableFuture<Void> acked = acks.get(i);
                    if (acked.isDone()) {
                        continue; // the client was already answered 503; do not append late
                    }
                    try {
                        producer.send(records.get(i), (metadata, error) -> {
                            if (error == null) {
                                acked.complete(null);
                            } else {
                                acked.completeExceptionally(error);
                            }
                        });
                    } catch (RuntimeException e) {
                        acked.completeExceptionally(e);
                    }
                }
            });
        } catch (RejectedExecutionException e) {
            acks.forEach(a -> a.completeExceptionally(e));
        }
        return acks;
    }
}

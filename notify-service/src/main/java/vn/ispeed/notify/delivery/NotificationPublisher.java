package vn.ispeed.notify.delivery;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;
import vn.ispeed.events.NotificationEvent;
import vn.ispeed.events.NotificationFailed;
import vn.ispeed.events.NotificationSent;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The outbox relay: appends {@code NotificationSent} / {@code NotificationFailed} (key = subscription id)
 * for every finished delivery not yet published, and flags it once the broker acknowledged. If Kafka
 * is down the rows wait; a crash between the acknowledgement and the flag republishes (at least once:
 * consumers of {@code notifications} dedupe on subscriptionId + eventKey).
 */
@ApplicationScoped
public class NotificationPublisher {
    public static final String CHANNEL = "notifications";
    private static final Logger LOG = Logger.getLogger(NotificationPublisher.class);

    private final MutinyEmitter<NotificationEvent> emitter;
    private final DeliveryLog log;

    public NotificationPublisher(@Channel(CHANNEL) MutinyEmitter<NotificationEvent> emitter, DeliveryLog log) {
        this.emitter = emitter;
        this.log = log;
    }

    @Scheduled(every = "${notify.delivery.poll-interval}", delayed = "2s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP, identity = "notification-outbox",
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    Uni<Void> tick() {
        return publishOnce().replaceWithVoid()
                .onFailure().invoke(e -> LOG.warnf("notification outbox round failed: %s", e.getMessage()))
                .onFailure().recoverWithNull();
    }

    public Uni<Integer> publishOnce() {
        return Panache.withTransaction(() -> log.lockUnpublished(100).chain(this::publish));
    }

    private Uni<Integer> publish(List<Delivery> rows) {
        AtomicBoolean broken = new AtomicBoolean();
        Uni<Integer> chain = Uni.createFrom().item(0);
        for (Delivery d : rows) {
            chain = chain.chain(count -> {
                if (broken.get()) {
                    return Uni.createFrom().item(count);
                }
                Message<NotificationEvent> message = Message.of(event(d))
                        .addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withKey(d.subscriptionId.toString()).build());
                return emitter.sendMessage(message)
                        .map(ignored -> {
                            d.published = true;
                            return count + 1;
                        })
                        .onFailure().recoverWithItem(e -> {
                            LOG.warnf("cannot publish the outcome of delivery %s yet: %s", d.id, e.getMessage());
                            broken.set(true);
                            return count;
                        });
            });
        }
        return chain;
    }

    static NotificationEvent event(Delivery d) {
        Instant at = d.finishedAt == null ? Instant.now() : d.finishedAt;
        if (Delivery.SENT.equals(d.status)) {
            return new NotificationSent(d.subscriptionId.toString(), d.eventKey, d.channel, d.provinceCode, d.attempts, at);
        }
        return new NotificationFailed(d.subscriptionId.toString(), d.eventKey, d.channel, d.provinceCode, d.attempts,
                d.lastError == null ? "failed" : d.lastError, at);
    }
}

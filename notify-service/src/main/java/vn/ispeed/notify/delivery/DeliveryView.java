package vn.ispeed.notify.delivery;

import java.time.Instant;
import java.util.UUID;

/** A delivery as the API shows it (no message bodies, no secrets). */
public record DeliveryView(UUID id, UUID subscriptionId, String province, String kind, String eventKey,
                           String channel, String target, String subject, String status, int attempts,
                           String lastError, Instant createdAt, Instant nextAttemptAt, Instant finishedAt) {

    static DeliveryView of(Delivery d) {
        return new DeliveryView(d.id, d.subscriptionId, d.provinceCode, d.kind, d.eventKey, d.channel, d.target,
                d.subject, d.status, d.attempts, d.lastError, d.createdAt,
                Delivery.PENDING.equals(d.status) ? d.nextAttemptAt : null, d.finishedAt);
    }
}

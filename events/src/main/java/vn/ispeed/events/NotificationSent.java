package vn.ispeed.events;

import java.time.Instant;

/**
 * A message delivered to a subscription.
 *
 * @param eventKey what was sent, unique per subscription (a coverage batch or a digest week)
 * @param channel  {@code email} or {@code webhook}
 */
public record NotificationSent(
        String subscriptionId,
        String eventKey,
        String channel,
        String provinceCode,
        int attempts,
        Instant sentAt) implements NotificationEvent {

    public NotificationSent {
        Require.text(subscriptionId, "subscriptionId");
        Require.text(eventKey, "eventKey");
        Require.text(channel, "channel");
        Require.field(sentAt, "sentAt");
    }
}

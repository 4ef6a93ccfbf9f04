package vn.ispeed.events;

import java.time.Instant;

/** A message given up on after its retries. */
public record NotificationFailed(
        String subscriptionId,
        String eventKey,
        String channel,
        String provinceCode,
        int attempts,
        String reason,
        Instant failedAt) implements NotificationEvent {

    public NotificationFailed {
        Require.text(subscriptionId, "subscriptionId");
        Require.text(eventKey, "eventKey");
        Require.text(channel, "channel");
        Require.text(reason, "reason");
        Require.field(failedAt, "failedAt");
    }
}

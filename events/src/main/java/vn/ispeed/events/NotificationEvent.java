package vn.ispeed.events;

/** Events on topic {@code notifications}, keyed by subscription id. */
public sealed interface NotificationEvent extends IspeedEvent permits NotificationSent, NotificationFailed {
    String subscriptionId();

    String eventKey();
}

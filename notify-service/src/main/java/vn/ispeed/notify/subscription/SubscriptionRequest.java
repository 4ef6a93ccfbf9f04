package vn.ispeed.notify.subscription;

import java.util.List;

/**
 * Body of POST and PUT. Everything is read as text and validated by {@link SubscriptionValidator},
 * so an unknown kind or network is a field error rather than a parse failure.
 *
 * @param webhookSecret required when creating a webhook subscription; on PUT, absent keeps the stored one
 */
public record SubscriptionRequest(
        String province,
        String channel,
        List<String> emails,
        String webhookUrl,
        String webhookSecret,
        List<String> kinds,
        String language,
        List<String> networks,
        String boundarySet) {
}

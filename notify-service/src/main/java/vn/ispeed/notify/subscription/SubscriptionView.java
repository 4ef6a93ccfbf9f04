package vn.ispeed.notify.subscription;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A subscription as the API shows it: the webhook secret never leaves the service. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SubscriptionView(
        UUID id,
        String province,
        String channel,
        List<String> emails,
        String webhookUrl,
        Boolean webhookSecretSet,
        List<String> kinds,
        String language,
        List<String> networks,
        String boundarySet,
        String createdBy,
        Instant createdAt,
        Instant updatedAt) {

    public static SubscriptionView of(Subscription s) {
        boolean webhook = Subscription.WEBHOOK.equals(s.channel);
        return new SubscriptionView(s.id, s.provinceCode, s.channel,
                webhook ? null : s.emailList(),
                webhook ? s.webhookUrl : null,
                webhook ? Boolean.valueOf(s.webhookSecret != null && !s.webhookSecret.isEmpty()) : null,
                s.kindList(), s.language, Subscription.split(s.networks), s.boundarySet,
                s.createdBy, s.createdAt, s.updatedAt);
    }
}

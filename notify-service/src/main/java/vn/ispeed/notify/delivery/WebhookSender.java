package vn.ispeed.notify.delivery;

import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.ext.web.client.WebClient;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import vn.ispeed.notify.config.NotifyConfig;
import vn.ispeed.notify.subscription.WebhookTargetPolicy;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * POSTs the JSON body with a timestamp and an HMAC signature. Redirects are not followed (they could
 * point inside the network); the target is checked against the address policy before every send.
 * 2xx is success; 408, 425, 429 and 5xx are retried; any other status is a permanent failure.
 */
@ApplicationScoped
public class WebhookSender {
    private final WebClient client;
    private final WebhookTargetPolicy policy;
    private final NotifyConfig config;

    public WebhookSender(Vertx vertx, WebhookTargetPolicy policy, NotifyConfig config) {
        this.client = WebClient.create(vertx, new WebClientOptions()
                .setFollowRedirects(false)
                .setConnectTimeout((int) config.webhook().timeout().toMillis())
                .setUserAgent("i-Speed-notify/1"));
        this.policy = policy;
        this.config = config;
    }

    public Uni<SendOutcome> send(SendTask task) {
        URI url = URI.create(task.target());
        return policy.check(url).chain(refused -> {
            if (refused.isPresent()) {
                return Uni.createFrom().item(SendOutcome.giveUp("target refused: " + refused.get()));
            }
            byte[] body = task.json().getBytes(StandardCharsets.UTF_8);
            String timestamp = Long.toString(Instant.now().getEpochSecond());
            return client.postAbs(task.target())
                    .timeout(config.webhook().timeout().toMillis())
                    .putHeader("Content-Type", "application/json; charset=utf-8")
                    .putHeader(WebhookSignature.TIMESTAMP_HEADER, timestamp)
                    .putHeader(WebhookSignature.SIGNATURE_HEADER, WebhookSignature.sign(task.secret(), timestamp, body))
                    .putHeader(WebhookSignature.DELIVERY_HEADER, task.id().toString())
                    .putHeader(WebhookSignature.EVENT_HEADER, task.kind())
                    .sendBuffer(Buffer.buffer(body))
                    .map(response -> outcome(response.statusCode()))
                    .onFailure().recoverWithItem(e -> SendOutcome.retry("webhook: " + DeliveryErrors.describe(e)));
        });
    }

    static SendOutcome outcome(int status) {
        if (status >= 200 && status < 300) {
            return SendOutcome.ok();
        }
        String error = "HTTP " + status + " from receiver";
        return status == 408 || status == 425 || status == 429 || status >= 500
                ? SendOutcome.retry(error) : SendOutcome.giveUp(error);
    }

    @PreDestroy
    void close() {
        client.close();
    }
}

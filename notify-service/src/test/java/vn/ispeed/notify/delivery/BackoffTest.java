package vn.ispeed.notify.delivery;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class BackoffTest {
    private final Backoff backoff = new Backoff(Duration.ofSeconds(30), Duration.ofMinutes(30), 0.2);

    @Test
    void doublesPerAttemptWithoutJitterInTheMiddle() {
        assertThat(backoff.after(1, () -> 0.5)).isEqualTo(Duration.ofSeconds(30));
        assertThat(backoff.after(2, () -> 0.5)).isEqualTo(Duration.ofSeconds(60));
        assertThat(backoff.after(3, () -> 0.5)).isEqualTo(Duration.ofSeconds(120));
    }

    @Test
    void isCappedAndSpreadByTheJitter() {
        assertThat(backoff.after(20, () -> 0.5)).isEqualTo(Duration.ofMinutes(30));
        assertThat(backoff.after(1, () -> 0.0)).isEqualTo(Duration.ofSeconds(24));
        assertThat(backoff.after(1, () -> 0.999_999)).isBetween(Duration.ofMillis(35_999), Duration.ofSeconds(36));
    }

    @Test
    void statusCodesThatAreWorthARetry() {
        assertThat(WebhookSender.outcome(204).sent()).isTrue();
        assertThat(WebhookSender.outcome(503).permanent()).isFalse();
        assertThat(WebhookSender.outcome(429).permanent()).isFalse();
        assertThat(WebhookSender.outcome(410).permanent()).isTrue();
        assertThat(WebhookSender.outcome(302).permanent()).as("redirects are not followed").isTrue();
    }
}

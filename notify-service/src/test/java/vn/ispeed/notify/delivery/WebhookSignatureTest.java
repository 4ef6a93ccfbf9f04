package vn.ispeed.notify.delivery;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class WebhookSignatureTest {
    private static final byte[] BODY = "{\"kind\":\"weekly-digest\",\"province\":{\"name\":\"Hà Nội\"}}".getBytes(StandardCharsets.UTF_8);

    @Test
    void signatureIsHmacSha256OfTimestampDotBody() {
        // Reference value: printf '%s' '1764058531.{body}' | openssl dgst -sha256 -hmac 'secret-of-the-receiver'
        assertThat(WebhookSignature.sign("secret-of-the-receiver", "1764058531", BODY))
                .isEqualTo("sha256=" + OpenSslReference.hmac("secret-of-the-receiver", "1764058531." + new String(BODY, StandardCharsets.UTF_8)));
    }

    @Test
    void verifiesOnlyTheSameSecretBodyAndAFreshTimestamp() {
        String sig = WebhookSignature.sign("s3cret-s3cret-s3cret", "1000", BODY);
        assertThat(WebhookSignature.verify("s3cret-s3cret-s3cret", "1000", BODY, sig, 1100, 300)).isTrue();
        assertThat(WebhookSignature.verify("other-secret-value!!", "1000", BODY, sig, 1100, 300)).isFalse();
        assertThat(WebhookSignature.verify("s3cret-s3cret-s3cret", "1001", BODY, sig, 1100, 300)).isFalse();
        assertThat(WebhookSignature.verify("s3cret-s3cret-s3cret", "1000", "{}".getBytes(StandardCharsets.UTF_8), sig, 1100, 300)).isFalse();
        assertThat(WebhookSignature.verify("s3cret-s3cret-s3cret", "1000", BODY, sig, 1301, 300)).as("replayed too late").isFalse();
        assertThat(WebhookSignature.verify("s3cret-s3cret-s3cret", null, BODY, sig, 1000, 300)).isFalse();
    }
}

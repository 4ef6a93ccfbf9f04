package vn.ispeed.notify.delivery;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * {@code X-Ispeed-Signature: sha256=<hex HMAC-SHA256(secret, timestamp + "." + body)>}, the scheme
 * receivers verify (README: "Verifying a webhook").
 */
public final class WebhookSignature {
    public static final String TIMESTAMP_HEADER = "X-Ispeed-Timestamp";
    public static final String SIGNATURE_HEADER = "X-Ispeed-Signature";
    public static final String DELIVERY_HEADER = "X-Ispeed-Delivery";
    public static final String EVENT_HEADER = "X-Ispeed-Event";
    public static final String PREFIX = "sha256=";

    private WebhookSignature() {
    }

    public static String sign(String secret, String timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update(timestamp.getBytes(StandardCharsets.UTF_8));
            mac.update((byte) '.');
            return PREFIX + HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    /** The receiver's check: constant-time comparison and a replay window around the receiver's clock. */
    public static boolean verify(String secret, String timestamp, byte[] body, String signature,
                                 long nowEpochSeconds, long toleranceSeconds) {
        if (timestamp == null || signature == null) {
            return false;
        }
        long ts;
        try {
            ts = Long.parseLong(timestamp);
        } catch (NumberFormatException e) {
            return false;
        }
        if (Math.abs(nowEpochSeconds - ts) > toleranceSeconds) {
            return false;
        }
        byte[] expected = sign(secret, timestamp, body).getBytes(StandardCharsets.UTF_8);
        return MessageDigest.isEqual(expected, signature.getBytes(StandardCharsets.UTF_8));
    }
}

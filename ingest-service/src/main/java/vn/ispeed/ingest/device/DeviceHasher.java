package vn.ispeed.ingest.device;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;

/** deviceId = lower-case hex HMAC-SHA256(installId) under the server secret: stable per device, not reversible. */
public final class DeviceHasher {
    private static final String ALGORITHM = "HmacSHA256";
    public static final int MIN_SECRET_LENGTH = 16;

    private final ThreadLocal<Mac> mac;

    public DeviceHasher(String secret) {
        if (secret == null || secret.length() < MIN_SECRET_LENGTH) {
            throw new IllegalArgumentException("ingest.device-hash.secret must be at least "
                    + MIN_SECRET_LENGTH + " characters");
        }
        SecretKeySpec key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM);
        this.mac = ThreadLocal.withInitial(() -> {
            try {
                Mac m = Mac.getInstance(ALGORITHM);
                m.init(key);
                return m;
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("HMAC-SHA256 unavailable", e);
            }
        });
    }

    public String deviceId(String installId) {
        return HexFormat.of().formatHex(mac.get().doFinal(installId.getBytes(StandardCharsets.UTF_8)));
    }
}

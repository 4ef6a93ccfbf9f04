package vn.ispeed.ingest.ratelimit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import java.time.Clock;
import java.time.Duration;

/**
 * A token bucket per device (keyed by the hashed device id, so no raw install id is held):
 * {@code capacity} tests, refilled evenly over an hour. Buckets live in a bounded Caffeine
 * cache and expire after an hour unused, when they would be full again anyway.
 */
public final class DeviceRateLimiter {
    private static final double MILLIS_PER_HOUR = Duration.ofHours(1).toMillis();

    private final int capacity;
    private final double tokensPerMilli;
    private final Clock clock;
    private final Cache<String, Bucket> buckets;

    public DeviceRateLimiter(int testsPerHour, long maxDevices, Clock clock) {
        if (testsPerHour < 1) {
            throw new IllegalArgumentException("ingest.rate-limit.tests-per-hour must be at least 1");
        }
        this.capacity = testsPerHour;
        this.tokensPerMilli = testsPerHour / MILLIS_PER_HOUR;
        this.clock = clock;
        this.buckets = Caffeine.newBuilder()
                .maximumSize(maxDevices)
                .expireAfterAccess(Duration.ofHours(1))
                .build();
    }

    /** Takes one token: 0 when allowed, otherwise the seconds to wait for the next token (≥ 1). */
    public long tryAcquire(String deviceId) {
        long now = clock.millis();
        Bucket bucket = buckets.get(deviceId, k -> new Bucket(capacity, now));
        return bucket.take(now, capacity, tokensPerMilli);
    }

    /** Gives back the token of a test that was not recorded (503), so a phone's retry is not held against it. */
    public void refund(String deviceId) {
        Bucket bucket = buckets.getIfPresent(deviceId);
        if (bucket != null) {
            bucket.refund(capacity);
        }
    }

    private static final class Bucket {
        private double tokens;
        private long updatedAt;

        Bucket(double tokens, long now) {
            this.tokens = tokens;
            this.updatedAt = now;
        }

        synchronized long take(long now, int capacity, double perMilli) {
            if (now > updatedAt) {
                tokens = Math.min(capacity, tokens + (now - updatedAt) * perMilli);
                updatedAt = now;
            }
            if (tokens >= 1) {
                tokens -= 1;
                return 0;
            }
            return Math.max(1, (long) Math.ceil((1 - tokens) / perMilli / 1000.0));
        }

        synchronized void refund(int capacity) {
            tokens = Math.min(capacity, tokens + 1);
        }
    }
}

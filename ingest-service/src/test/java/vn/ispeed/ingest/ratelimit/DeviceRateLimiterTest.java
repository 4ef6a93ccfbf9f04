package vn.ispeed.ingest.ratelimit;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

class DeviceRateLimiterTest {
    static final class MutableClock extends Clock {
        Instant now = Instant.parse("2026-11-25T10:00:00Z");

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    final MutableClock clock = new MutableClock();
    final DeviceRateLimiter limiter = new DeviceRateLimiter(120, 1000, clock);

    @Test
    void allows120AnHourThenAsksToWaitForTheNextToken() {
        for (int i = 0; i < 120; i++) {
            assertThat(limiter.tryAcquire("device-a")).as("test %d", i + 1).isZero();
        }
        assertThat(limiter.tryAcquire("device-a")).isEqualTo(30); // one token every 30 s
        assertThat(limiter.tryAcquire("device-b")).isZero();
    }

    @Test
    void refillsEvenlyOverTheHour() {
        for (int i = 0; i < 120; i++) {
            limiter.tryAcquire("device-a");
        }
        clock.now = clock.now.plus(Duration.ofSeconds(20));
        assertThat(limiter.tryAcquire("device-a")).isEqualTo(10);
        clock.now = clock.now.plus(Duration.ofSeconds(10));
        assertThat(limiter.tryAcquire("device-a")).isZero();
        assertThat(limiter.tryAcquire("device-a")).isEqualTo(30);
        clock.now = clock.now.plus(Duration.ofHours(2));
        for (int i = 0; i < 120; i++) {
            assertThat(limiter.tryAcquire("device-a")).isZero();
        }
        assertThat(limiter.tryAcquire("device-a")).isPositive();
    }

    @Test
    void aRefundedTokenCanBeUsedAgain() {
        for (int i = 0; i < 120; i++) {
            limiter.tryAcquire("device-a");
        }
        assertThat(limiter.tryAcquire("device-a")).isPositive();
        limiter.refund("device-a");
        assertThat(limiter.tryAcquire("device-a")).isZero();
        assertThat(limiter.tryAcquire("device-a")).isPositive();
    }
}

package vn.ispeed.notify.delivery;

import java.time.Duration;
import java.util.function.DoubleSupplier;

/** Exponential backoff with jitter: initial * 2^(attempt-1), capped, then spread by +-jitter. */
public record Backoff(Duration initial, Duration max, double jitter) {

    /**
     * @param attempt the attempt that just failed (1 = the first send)
     * @param random  uniform in [0, 1)
     */
    public Duration after(int attempt, DoubleSupplier random) {
        double base = initial.toMillis() * Math.pow(2, Math.max(0, attempt - 1));
        double capped = Math.min(base, max.toMillis());
        double spread = capped * jitter * (2 * random.getAsDouble() - 1);
        return Duration.ofMillis(Math.max(1, Math.round(capped + spread)));
    }
}

package vn.ispeed.ingest.validation;

import java.time.Duration;

/** The bounds a test must respect; from {@code ingest.limits}. */
public record ValidationRules(Duration maxClockSkew, Duration maxAge) {
    public static final double MAX_SPEED_KBPS = 10_000_000; // 10 Gbit/s
    public static final double MAX_LATENCY_MS = 60_000;
    public static final double MAX_JITTER_MS = 60_000;
    public static final double MAX_LOSS_PCT = 100;
    public static final double MAX_ACCURACY_M = 100_000;
    public static final int INSTALL_ID_MIN = 8;
    public static final int INSTALL_ID_MAX = 128;
    public static final int OPERATOR_MAX = 64;
    public static final int VERSION_MAX = 32;
}

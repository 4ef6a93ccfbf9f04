package vn.ispeed.ingest.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Every setting of the ingest service, with its default, in one place. */
@ConfigMapping(prefix = "ingest")
public interface IngestConfig {

    DeviceHash deviceHash();

    Limits limits();

    RateLimit rateLimit();

    Kafka kafka();

    /** The operator catalogue: id → names, MCC-MNC codes and AS numbers. */
    Map<String, Operator> operators();

    interface DeviceHash {
        /** HMAC-SHA256 key for install ids; from INGEST_DEVICE_HASH_SECRET in production. */
        String secret();
    }

    interface Limits {
        /** Largest body of {@code POST /api/v1/measurements}. */
        @WithDefault("65536")
        int singleBodyBytes();

        /** Largest body of {@code POST /api/v1/measurements/batch}. */
        @WithDefault("1048576")
        int batchBodyBytes();

        @WithDefault("100")
        int batchMaxItems();

        /** How far in the future {@code measuredAt} may be (phone clocks drift). */
        @WithDefault("PT5M")
        Duration maxClockSkew();

        /** How old a test may be when it is finally uploaded. */
        @WithDefault("P30D")
        Duration maxAge();
    }

    interface RateLimit {
        /** Tests one install may submit per hour (token bucket: this capacity, refilled evenly over the hour). */
        @WithDefault("120")
        int testsPerHour();

        /** Bound on the number of devices tracked at once (least recently seen are forgotten first). */
        @WithDefault("200000")
        long maxTrackedDevices();
    }

    interface Kafka {
        /** A client waits at most this long for the broker's acknowledgement before getting 503. */
        @WithDefault("PT4S")
        Duration ackTimeout();

        /** The Retry-After, in seconds, sent with 503. */
        @WithDefault("5")
        int retryAfterSeconds();

        /** How long a readiness probe reuses the last answer from the broker. */
        @WithDefault("PT3S")
        Duration healthCacheFor();

        /** Producer settings passed to the KafkaProducer as they are (e.g. {@code acks}, {@code linger.ms}). */
        Map<String, String> producer();
    }

    interface Operator {
        /** The display name (also matched as a name). */
        String name();

        /** Other names the apps report, matched case- and diacritic-insensitively. */
        Optional<List<String>> aliases();

        /** Mobile network codes, {@code 452-04}. */
        Optional<List<String>> mccMnc();

        /** Autonomous system numbers, {@code AS7552}. */
        Optional<List<String>> asn();
    }
}

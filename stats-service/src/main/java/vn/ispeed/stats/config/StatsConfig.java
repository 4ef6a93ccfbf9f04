package vn.ispeed.stats.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

import java.time.Duration;
import java.util.Optional;

/** The service's own settings, defaults in one place. */
@ConfigMapping(prefix = "stats")
public interface StatsConfig {

    /** Root of the shared geo reference data (code lists of every boundary set). */
    @WithName("geo-root")
    @WithDefault("../shared/geo")
    String geoRoot();

    /** Time zone that decides which day, month and quarter a test belongs to. */
    @WithDefault("Asia/Ho_Chi_Minh")
    String zone();

    Projection projection();

    Publication publication();

    Outbox outbox();

    Coverage coverage();

    interface Coverage {
        /** Cache the figures of a coverage report per projection version (off for a benchmark of the cold path). */
        @WithDefault("true")
        boolean cacheEnabled();

        /**
         * vn-2024 provinces whose districts have no polygons in the shared data (Quảng Ninh): there a 2024 commune is
         * reached only through a ward that is wholly that commune (catalogue/MappedCommunes); geo-service's
         * {@code no-boundary-data.codes} of vn-2024.
         */
        @WithDefault("22")
        java.util.Set<String> vn2024ProvincesWithoutDistrictPolygons();
    }

    interface Projection {
        /** Whether the projection consumer runs (off for read-only replicas). */
        @WithDefault("true")
        boolean enabled();

        @WithDefault("stats-service")
        String groupId();

        /** Records fetched per poll; a poll batch is one database transaction. */
        @WithDefault("10000")
        int maxPollRecords();

        /**
         * Heap, in MiB, for the decoded states of the cells written last, kept between batches so a batch
         * neither reads nor decodes them again (0 turns the cache off).
         */
        @WithDefault("192")
        int hotCellsMb();

        /**
         * Before its first batch the projection fills the hot cells with the stored cells of the last this many
         * days, their months and quarters (0: not at all), for at most {@link #preloadMaxTime}.
         */
        @WithDefault("7")
        int preloadDays();

        @WithDefault("PT60S")
        Duration preloadMaxTime();

        @WithDefault("PT0.5S")
        Duration pollTimeout();

        /** Back-off after a failed batch (database or broker down) before retrying from the checkpoint. */
        @WithDefault("PT2S")
        Duration retryBackoff();
    }

    interface Publication {
        Level commune();

        Level district();

        Level province();

        Level nation();

        /**
         * Optional precision rule: the 95% distribution-free CI of the median download must lie within
         * ±P% of the median. Absent = off.
         */
        @WithName("precision.max-half-width-pct")
        Optional<Double> maxHalfWidthPct();
    }

    /** Thresholds of one level; absent values fall back to the defaults of {@code PublicationRule}. */
    interface Level {
        Threshold fixed();

        Threshold mobile();
    }

    interface Threshold {
        Optional<Long> minTests();

        Optional<Long> minDevices();
    }

    interface Outbox {
        @WithDefault("true")
        boolean relayEnabled();

        @WithDefault("PT0.2S")
        Duration interval();

        @WithDefault("500")
        int batchSize();
    }
}

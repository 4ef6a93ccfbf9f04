package vn.ispeed.notify.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Every setting of notify-service, with its default, in one place. */
@ConfigMapping(prefix = "notify")
public interface NotifyConfig {

    /** Bursts of coverage changes in one province are sent as one message after this window. */
    @WithDefault("10M")
    Duration coalesceWindow();

    /** Link placed in every message. */
    @WithDefault("https://ispeed.vn/portal")
    String portalUrl();

    /** Boundary sets a subscription may name. */
    @WithDefault("vn-2025,vn-2024")
    List<String> boundarySets();

    /** Root of the shared geo reference data (province names and unit counts). */
    @WithDefault("../shared/geo")
    String geoRoot();

    Coverage coverage();

    Webhook webhook();

    Delivery delivery();

    Digest digest();

    Stats stats();

    interface Coverage {
        /**
         * Period kind alerts are sent for: {@code month} (2026-11), {@code quarter} (2026-Q4) or {@code day}.
         * Events of other periods are stored (the digest reads them) but send no alert.
         */
        @WithDefault("month")
        String periodKind();

        /** Events whose change is older than this send no alert (a replay from offset 0 must not flood inboxes). */
        @WithDefault("P2D")
        Duration maxAlertAge();

        /** How often pending changes are checked for an elapsed window. */
        @WithDefault("5S")
        Duration flushInterval();
    }

    interface Webhook {
        /** Hosts (names or IP literals) exempt from the private-address check. Empty in production. */
        Optional<List<String>> allowHosts();

        /** Accept plain http:// for allow-listed hosts (tests and dev only). */
        @WithDefault("false")
        boolean allowInsecureHttp();

        @WithDefault("10S")
        Duration timeout();
    }

    interface Delivery {
        /** Attempts before a delivery is FAILED (the first send counts). */
        @WithDefault("6")
        int maxAttempts();

        /** Backoff before attempt n+1 is initialBackoff * 2^(n-1), capped, with full jitter of +-jitter. */
        @WithDefault("30S")
        Duration initialBackoff();

        @WithDefault("30M")
        Duration maxBackoff();

        /** Fraction of the backoff randomised (0..1). */
        @WithDefault("0.2")
        double jitter();

        /** A claimed send not finished within this lease is retried (restart mid-send). */
        @WithDefault("2M")
        Duration lease();

        @WithDefault("2S")
        Duration pollInterval();

        @WithDefault("20")
        int batchSize();

        /** Sender address of e-mail. */
        @WithDefault("i-Speed <no-reply@ispeed.vn>")
        String mailFrom();
    }

    interface Digest {
        /** Quartz cron; evaluated in {@link #zone()}. */
        @WithDefault("0 0 8 ? * MON")
        String cron();

        @WithDefault("Asia/Ho_Chi_Minh")
        String zone();

        /** Longest list of insufficient units in one digest. */
        @WithDefault("50")
        int maxUnits();
    }

    interface Stats {
        /** Ask stats-service for the coverage sentence; when off or failing, the sentence is composed locally. */
        @WithDefault("true")
        boolean enabled();
    }
}

package vn.ispeed.events;

import java.time.Instant;
import java.util.UUID;

/**
 * A speed test the ingest service accepted and the broker acknowledged.
 *
 * @param deviceId HMAC-SHA256 of the app's install id under the ingest secret; the raw id never enters the log
 * @param location null when the test carried none (it is then counted as unlocated)
 */
public record MeasurementSubmitted(
        UUID testId,
        String deviceId,
        Instant measuredAt,
        Instant acceptedAt,
        Network network,
        Metrics metrics,
        Location location,
        App app) implements MeasurementEvent {

    public MeasurementSubmitted {
        Require.field(testId, "testId");
        Require.text(deviceId, "deviceId");
        Require.field(measuredAt, "measuredAt");
        Require.field(acceptedAt, "acceptedAt");
        Require.field(network, "network");
        Require.field(metrics, "metrics");
        Require.field(app, "app");
    }
}

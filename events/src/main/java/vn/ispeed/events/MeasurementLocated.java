package vn.ispeed.events;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A test placed in a unit of one boundary set. Carries the metrics so stats needs no join.
 *
 * @param path       the units from the top (province) down to the finest level located
 * @param method     {@code INSIDE} (the point lies in the unit) or {@code NEAREST} (a sliver or shore point within accuracy)
 * @param distanceM  distance to the unit in metres when {@code method} is NEAREST, else 0
 */
public record MeasurementLocated(
        UUID testId,
        String boundarySet,
        List<UnitRef> path,
        String method,
        double distanceM,
        String deviceId,
        Instant measuredAt,
        Network network,
        Metrics metrics,
        Instant locatedAt) implements LocationEvent {

    public MeasurementLocated {
        Require.field(testId, "testId");
        Require.text(boundarySet, "boundarySet");
        Require.field(path, "path");
        if (path.isEmpty()) {
            throw new Require.MissingFieldException("path");
        }
        path = List.copyOf(path);
        Require.text(method, "method");
        Require.text(deviceId, "deviceId");
        Require.field(measuredAt, "measuredAt");
        Require.field(network, "network");
        Require.field(metrics, "metrics");
        Require.field(locatedAt, "locatedAt");
    }

    /** The finest unit the test was located to; the Kafka key. */
    public UnitRef unit() {
        return path.get(path.size() - 1);
    }
}

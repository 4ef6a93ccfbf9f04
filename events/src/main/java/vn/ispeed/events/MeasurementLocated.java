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
 * @param mappedFrom optional: the unit of another set that gave (or could not give) the finest unit through a mapping,
 *                   as {@code <set>:<code>} (vn-2024 communes: the vn-2025 ward the point lies in)
 * @param unresolved optional: why the path stops above the set's finest level when a mapping was tried
 * @param candidates optional: with {@link UnresolvedReason#AMBIGUOUS_2024_COMMUNE}, the codes of the units of the next
 *                   level the test may be in, for later use (e.g. when polygons of that level arrive)
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
        Instant locatedAt,
        String mappedFrom,
        UnresolvedReason unresolved,
        List<String> candidates) implements LocationEvent {

    /** A test located without a mapping: polygons alone. */
    public MeasurementLocated(UUID testId, String boundarySet, List<UnitRef> path, String method, double distanceM,
            String deviceId, Instant measuredAt, Network network, Metrics metrics, Instant locatedAt) {
        this(testId, boundarySet, path, method, distanceM, deviceId, measuredAt, network, metrics, locatedAt, null, null, null);
    }

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
        candidates = candidates == null ? null : List.copyOf(candidates);
    }

    /** The finest unit the test was located to; the Kafka key. */
    public UnitRef unit() {
        return path.get(path.size() - 1);
    }
}

package vn.ispeed.events;

import java.time.Instant;
import java.util.UUID;

/** A test that could not be placed in any unit of a boundary set, with the reason. */
public record MeasurementUnlocated(
        UUID testId,
        String boundarySet,
        UnlocatedReason reason,
        String deviceId,
        Instant measuredAt,
        Network network,
        Instant decidedAt) implements LocationEvent {

    public MeasurementUnlocated {
        Require.field(testId, "testId");
        Require.text(boundarySet, "boundarySet");
        Require.field(reason, "reason");
        Require.text(deviceId, "deviceId");
        Require.field(measuredAt, "measuredAt");
        Require.field(network, "network");
        Require.field(decidedAt, "decidedAt");
    }
}

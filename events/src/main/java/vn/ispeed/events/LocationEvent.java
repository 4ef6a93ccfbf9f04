package vn.ispeed.events;

import java.time.Instant;
import java.util.UUID;

/** Events on topic {@code measurements-located}, keyed by unit code (or set:reason when unlocated). */
public sealed interface LocationEvent extends IspeedEvent permits MeasurementLocated, MeasurementUnlocated {
    UUID testId();

    String boundarySet();

    Instant measuredAt();

    Network network();
}

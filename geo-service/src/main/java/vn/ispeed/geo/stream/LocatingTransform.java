package vn.ispeed.geo.stream;

import vn.ispeed.events.Location;
import vn.ispeed.events.LocationEvent;
import vn.ispeed.events.MeasurementLocated;
import vn.ispeed.events.MeasurementSubmitted;
import vn.ispeed.events.MeasurementUnlocated;
import vn.ispeed.geo.boundary.BoundarySet;
import vn.ispeed.geo.locate.Locator;
import vn.ispeed.geo.locate.Outcome;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * A submitted measurement -> one event per set: {@code MeasurementLocated} keyed by the finest
 * unit's code (carrying the metrics, so stats needs no join) or {@code MeasurementUnlocated}
 * keyed by {@code <set>:<reason>}.
 */
public final class LocatingTransform {

    public record Keyed(String key, LocationEvent event) {
    }

    private LocatingTransform() {
    }

    public static List<Keyed> transform(Locator locator, Collection<BoundarySet> sets, MeasurementSubmitted m, Instant now) {
        List<Keyed> out = new ArrayList<>(sets.size());
        Location loc = m.location();
        for (BoundarySet set : sets) {
            Outcome o = loc == null
                    ? locator.locate(set, (Double) null, null, 0)
                    : locator.locate(set, loc.lat(), loc.lon(), loc.accuracyM());
            if (o.located()) {
                out.add(new Keyed(o.unit().code(), new MeasurementLocated(m.testId(), set.name(), o.unit().path(),
                        o.method(), o.distanceM(), m.deviceId(), m.measuredAt(), m.network(), m.metrics(), now,
                        o.mappedFrom(), o.unresolved(), o.candidates())));
            } else {
                out.add(new Keyed(set.name() + ":" + o.reason().name(), new MeasurementUnlocated(m.testId(), set.name(),
                        o.reason(), m.deviceId(), m.measuredAt(), m.network(), now)));
            }
        }
        return out;
    }
}

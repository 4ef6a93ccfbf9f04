package vn.ispeed.geo.locate;

import vn.ispeed.events.UnlocatedReason;
import vn.ispeed.geo.boundary.Unit;

/**
 * Where a point falls in one boundary set: a unit (by {@link #INSIDE} or {@link #NEAREST}) or
 * the reason it could not be placed.
 */
public record Outcome(String set, Unit unit, String method, double distanceM, UnlocatedReason reason) {
    public static final String INSIDE = "INSIDE";
    public static final String NEAREST = "NEAREST";

    public static Outcome inside(String set, Unit unit) {
        return new Outcome(set, unit, INSIDE, 0, null);
    }

    public static Outcome nearest(String set, Unit unit, double distanceM) {
        return new Outcome(set, unit, NEAREST, distanceM, null);
    }

    public static Outcome unlocated(String set, UnlocatedReason reason) {
        return new Outcome(set, null, null, 0, reason);
    }

    public boolean located() {
        return unit != null;
    }
}

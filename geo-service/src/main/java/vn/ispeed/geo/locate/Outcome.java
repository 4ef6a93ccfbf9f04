package vn.ispeed.geo.locate;

import vn.ispeed.events.UnlocatedReason;
import vn.ispeed.events.UnresolvedReason;
import vn.ispeed.geo.boundary.Unit;

import java.util.List;

/**
 * Where a point falls in one boundary set: a unit (by {@link #INSIDE} or {@link #NEAREST}) or the reason it could not
 * be placed. When the set reaches a level through another set's units ({@link MappedLevel}): the unit of the other
 * set that was used ({@code mappedFrom}, {@code <set>:<code>}) and, when the level could not be decided, why
 * ({@code unresolved}) and the units it may be ({@code candidates}).
 */
public record Outcome(String set, Unit unit, String method, double distanceM, UnlocatedReason reason, String mappedFrom,
                      UnresolvedReason unresolved, List<String> candidates) {
    public static final String INSIDE = "INSIDE";
    public static final String NEAREST = "NEAREST";

    public static Outcome inside(String set, Unit unit) {
        return new Outcome(set, unit, INSIDE, 0, null, null, null, null);
    }

    public static Outcome nearest(String set, Unit unit, double distanceM) {
        return new Outcome(set, unit, NEAREST, distanceM, null, null, null, null);
    }

    public static Outcome unlocated(String set, UnlocatedReason reason) {
        return new Outcome(set, null, null, 0, reason, null, null, null);
    }

    /** This outcome with what the mapping gave: a finer unit, or why not. */
    Outcome mapped(Unit finer, String from, UnresolvedReason why, List<String> candidates) {
        return new Outcome(set, finer == null ? unit : finer, method == null ? INSIDE : method, distanceM,
                finer == null ? reason : null, from, why, candidates);
    }

    public boolean located() {
        return unit != null;
    }
}

package vn.ispeed.geo.locate;

import vn.ispeed.events.UnlocatedReason;
import vn.ispeed.events.UnresolvedReason;
import vn.ispeed.geo.boundary.BoundarySet;
import vn.ispeed.geo.boundary.Unit;

import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The locating rules, for every loaded set:
 * <ol>
 *   <li>no location: {@code NO_LOCATION}; accuracy worse than the limit (default 2 km): {@code LOW_ACCURACY};</li>
 *   <li>a polygon of the finest level covers the point: that unit ({@code INSIDE}; on a shared border or in an
 *       overlap the smallest code wins), else the next coarser level with polygons;</li>
 *   <li>else the nearest polygon (finest level first) within min(accuracy, 250 m) ({@code NEAREST});</li>
 *   <li>else, when the set lacks polygons for some area and another set places the point in that area
 *       (vn-2024 has none for Quảng Ninh; vn-2025 says the point is in province 22): {@code NO_BOUNDARY_DATA};</li>
 *   <li>else {@code OUTSIDE_BOUNDARIES} (abroad or at sea: the data has no land mask to tell them apart).</li>
 * </ol>
 * A set with a {@link MappedLevel} (vn-2024's communes, which have no polygons) then goes one level finer through the
 * unit of the other set the point lies in (its vn-2025 ward): from the unit just above that level, or, when no polygon
 * placed the point, from the ward alone; the outcome says which ward and, when the finer unit is undecided, why.
 */
public final class Locator {
    private final Map<String, BoundarySet> sets;
    private final Map<String, NoBoundaryData> noBoundaryData;
    private final Map<String, MappedLevel> mappedLevels;
    private final double lowAccuracyM;
    private final Map<String, Outcome[][]> insideOutcomes = new HashMap<>();
    private final Map<String, Map<UnlocatedReason, Outcome>> unlocatedOutcomes = new HashMap<>();

    /** A set's areas without polygons: recognised when {@code viaSet} places a point in one of {@code codes}. */
    public record NoBoundaryData(String viaSet, Set<String> codes) {
    }

    public Locator(Map<String, BoundarySet> sets, Map<String, NoBoundaryData> noBoundaryData, double lowAccuracyM) {
        this(sets, noBoundaryData, Map.of(), lowAccuracyM);
    }

    public Locator(Map<String, BoundarySet> sets, Map<String, NoBoundaryData> noBoundaryData,
                   Map<String, MappedLevel> mappedLevels, double lowAccuracyM) {
        this.sets = Map.copyOf(sets);
        this.noBoundaryData = Map.copyOf(noBoundaryData);
        this.mappedLevels = Map.copyOf(mappedLevels);
        this.lowAccuracyM = lowAccuracyM;
        for (BoundarySet set : sets.values()) {
            List<BoundarySet.LocateLevel> levels = set.locateLevels();
            Outcome[][] byLevel = new Outcome[levels.size()][];
            for (int l = 0; l < levels.size(); l++) {
                Unit[] units = levels.get(l).unitOfPolygon();
                byLevel[l] = new Outcome[units.length];
                for (int i = 0; i < units.length; i++) {
                    byLevel[l][i] = Outcome.inside(set.name(), units[i]);
                }
            }
            insideOutcomes.put(set.name(), byLevel);
            Map<UnlocatedReason, Outcome> reasons = new EnumMap<>(UnlocatedReason.class);
            for (UnlocatedReason r : UnlocatedReason.values()) {
                reasons.put(r, Outcome.unlocated(set.name(), r));
            }
            unlocatedOutcomes.put(set.name(), reasons);
        }
    }

    public Map<String, BoundarySet> sets() {
        return sets;
    }

    /** The set's level reached through another set, if it has one. */
    public MappedLevel mappedLevel(String set) {
        return mappedLevels.get(set);
    }

    /**
     * Locates a point in one set.
     *
     * @param lat       null when the test had no location
     * @param accuracyM reported accuracy in metres (0 when unknown: no snapping)
     */
    public Outcome locate(BoundarySet set, Double lat, Double lon, double accuracyM) {
        Map<UnlocatedReason, Outcome> reasons = unlocatedOutcomes.get(set.name());
        if (lat == null || lon == null) {
            return reasons.get(UnlocatedReason.NO_LOCATION);
        }
        return locate(set, lat.doubleValue(), lon.doubleValue(), accuracyM, reasons);
    }

    public Outcome locate(BoundarySet set, double lat, double lon, double accuracyM) {
        return locate(set, lat, lon, accuracyM, unlocatedOutcomes.get(set.name()));
    }

    private Outcome locate(BoundarySet set, double lat, double lon, double accuracyM, Map<UnlocatedReason, Outcome> reasons) {
        Outcome byPolygons = locateByPolygons(set, lat, lon, accuracyM, reasons);
        MappedLevel mapped = mappedLevels.get(set.name());
        if (mapped == null || byPolygons.reason() == UnlocatedReason.LOW_ACCURACY
                || (byPolygons.located() && byPolygons.unit().levelIndex() >= mapped.levelIndex())) {
            return byPolygons;
        }
        BoundarySet via = sets.get(mapped.viaSet());
        Outcome ward = via == null ? null : locateByPolygons(via, lat, lon, accuracyM, unlocatedOutcomes.get(via.name()));
        if (ward == null || !ward.located()) {
            return byPolygons.located() ? byPolygons.mapped(null, null, UnresolvedReason.NO_WARD, null) : byPolygons;
        }
        String from = via.name() + ":" + ward.unit().code();
        boolean aboveMapped = byPolygons.located() && byPolygons.unit().levelIndex() == mapped.levelIndex() - 1;
        MappedLevel.Resolution r = mapped.resolve(ward.unit().code(), aboveMapped ? byPolygons.unit().code() : null);
        if (r.unit() != null && (aboveMapped || !byPolygons.located()
                || r.unit().path().get(0).code().equals(byPolygons.unit().path().get(0).code()))) {
            return byPolygons.located() ? byPolygons.mapped(r.unit(), from, null, null)
                    : new Outcome(set.name(), r.unit(), ward.method(), ward.distanceM(), null, from, null, null);
        }
        if (!byPolygons.located()) {
            return byPolygons; // the ward alone does not decide: unlocated as before
        }
        return byPolygons.mapped(null, from, r.unresolved(), r.candidates());
    }

    private Outcome locateByPolygons(BoundarySet set, double lat, double lon, double accuracyM,
                                     Map<UnlocatedReason, Outcome> reasons) {
        if (!(lat >= -90 && lat <= 90 && lon >= -180 && lon <= 180)) {
            return reasons.get(UnlocatedReason.OUTSIDE_BOUNDARIES);
        }
        if (accuracyM > lowAccuracyM) {
            return reasons.get(UnlocatedReason.LOW_ACCURACY);
        }
        List<BoundarySet.LocateLevel> levels = set.locateLevels();
        Outcome[][] inside = insideOutcomes.get(set.name());
        for (int l = 0; l < levels.size(); l++) {
            int i = levels.get(l).grid().locate(lon, lat);
            if (i >= 0) {
                return inside[l][i];
            }
        }
        if (accuracyM > 0) {
            for (BoundarySet.LocateLevel level : levels) {
                LevelGrid.Nearest n = level.grid().nearest(lon, lat, accuracyM);
                if (n != null) {
                    return Outcome.nearest(set.name(), level.unitOfPolygon()[n.index()], n.distanceM());
                }
            }
        }
        NoBoundaryData missing = noBoundaryData.get(set.name());
        if (missing != null) {
            BoundarySet via = sets.get(missing.viaSet());
            if (via != null && via != set) {
                Outcome other = locate(via, lat, lon, accuracyM, unlocatedOutcomes.get(via.name()));
                if (other.located() && other.unit().path().stream().anyMatch(u -> missing.codes().contains(u.code()))) {
                    return reasons.get(UnlocatedReason.NO_BOUNDARY_DATA);
                }
            }
        }
        return reasons.get(UnlocatedReason.OUTSIDE_BOUNDARIES);
    }
}

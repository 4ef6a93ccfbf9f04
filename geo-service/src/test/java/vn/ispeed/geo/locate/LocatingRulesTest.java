package vn.ispeed.geo.locate;

import org.junit.jupiter.api.Test;
import vn.ispeed.events.UnitRef;
import vn.ispeed.events.UnlocatedReason;
import vn.ispeed.geo.boundary.BoundarySet;
import vn.ispeed.geo.boundary.RingSet;
import vn.ispeed.geo.boundary.Unit;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** The locating rules on small polygons built here (near 21°N, 106°E, sizes in degrees). */
class LocatingRulesTest {
    private static final double X0 = 106.0;
    private static final double Y0 = 21.0;

    /** An axis-aligned square ring set, optionally with a square hole. */
    static RingSet box(double x1, double y1, double x2, double y2, double... hole) {
        RingSet.Builder b = new RingSet.Builder();
        b.beginRing(true);
        b.add(X0 + x1, Y0 + y1);
        b.add(X0 + x2, Y0 + y1);
        b.add(X0 + x2, Y0 + y2);
        b.add(X0 + x1, Y0 + y2);
        b.endRing();
        if (hole.length == 4) {
            b.beginRing(false);
            b.add(X0 + hole[0], Y0 + hole[1]);
            b.add(X0 + hole[0], Y0 + hole[3]);
            b.add(X0 + hole[2], Y0 + hole[3]);
            b.add(X0 + hole[2], Y0 + hole[1]);
            b.endRing();
        }
        return b.build();
    }

    /** A one-level set whose units are named by code, polygons in code order. */
    static BoundarySet set(Map<String, RingSet> polygons) {
        List<Unit> units = new ArrayList<>();
        Map<String, Unit> byCode = new HashMap<>();
        List<String> codes = polygons.keySet().stream().sorted().toList();
        for (String code : codes) {
            Unit u = new Unit(units.size(), "commune", 0, code, "Xã " + code, "Xã", null,
                    List.of(new UnitRef("commune", code, "Xã " + code, "Xã")), code);
            units.add(u);
            byCode.put(code, u);
        }
        List<RingSet> rings = codes.stream().map(polygons::get).toList();
        LevelGrid grid = new LevelGrid(rings, 0.01, 8, 250);
        BoundarySet.LocateLevel level = new BoundarySet.LocateLevel(0, grid, units.toArray(Unit[]::new), rings);
        return new BoundarySet("test", "", true, List.of("commune"), units, byCode, Map.of(), List.of(level), Map.of(),
                new BoundarySet.LoadReport(0, Map.of(), Map.of(), 0, 0, List.of()));
    }

    static Locator locator(BoundarySet set) {
        return new Locator(Map.of(set.name(), set), Map.of(), 2000);
    }

    @Test
    void insideAUnit() {
        BoundarySet s = set(Map.of("002", box(0, 0, 0.05, 0.05), "001", box(0.05, 0, 0.10, 0.05)));
        Outcome o = locator(s).locate(s, Y0 + 0.02, X0 + 0.02, 10);
        assertThat(o.unit().code()).isEqualTo("002");
        assertThat(o.method()).isEqualTo(Outcome.INSIDE);
        assertThat(locator(s).locate(s, Y0 + 0.02, X0 + 0.07, 10).unit().code()).isEqualTo("001");
    }

    @Test
    void aPointOnASharedBorderGoesToTheSmallestCode() {
        BoundarySet s = set(Map.of("002", box(0, 0, 0.05, 0.05), "001", box(0.05, 0, 0.10, 0.05)));
        // exactly on the common edge x = 0.05, and on a shared corner
        assertThat(locator(s).locate(s, Y0 + 0.03, X0 + 0.05, 0).unit().code()).isEqualTo("001");
        assertThat(locator(s).locate(s, Y0, X0 + 0.05, 0).unit().code()).isEqualTo("001");
        // on an outer edge of one unit only
        assertThat(locator(s).locate(s, Y0 + 0.03, X0, 0).unit().code()).isEqualTo("002");
    }

    @Test
    void anOverlapGoesToTheSmallestCode() {
        BoundarySet s = set(Map.of("010", box(0, 0, 0.05, 0.05), "009", box(0.04, 0, 0.10, 0.05)));
        assertThat(locator(s).locate(s, Y0 + 0.02, X0 + 0.045, 0).unit().code()).isEqualTo("009");
    }

    @Test
    void aSliverSnapsToTheNearestUnitWithinTheAccuracyOnly() {
        // a 0.0003° (~31 m) gap between the units at x = 0.05 .. 0.0503
        BoundarySet s = set(Map.of("001", box(0, 0, 0.05, 0.05), "002", box(0.0503, 0, 0.10, 0.05)));
        double lat = Y0 + 0.02;
        double lon = X0 + 0.0501; // ~10 m from 001, ~21 m from 002
        Outcome snapped = locator(s).locate(s, lat, lon, 15);
        assertThat(snapped.unit().code()).isEqualTo("001");
        assertThat(snapped.method()).isEqualTo(Outcome.NEAREST);
        assertThat(snapped.distanceM()).isBetween(9.0, 12.0);
        assertThat(locator(s).locate(s, lat, lon, 5).reason()).isEqualTo(UnlocatedReason.OUTSIDE_BOUNDARIES);
        assertThat(locator(s).locate(s, lat, lon, 0).reason()).isEqualTo(UnlocatedReason.OUTSIDE_BOUNDARIES);
    }

    @Test
    void snappingIsBoundedAt250MetresWhateverTheAccuracy() {
        BoundarySet s = set(Map.of("001", box(0, 0, 0.05, 0.05)));
        double lon = X0 + 0.05 + 300 / Geodesy.metresPerDegreeLon(Y0 + 0.02); // 300 m east of the edge
        assertThat(locator(s).locate(s, Y0 + 0.02, lon, 1500).reason()).isEqualTo(UnlocatedReason.OUTSIDE_BOUNDARIES);
        double near = X0 + 0.05 + 200 / Geodesy.metresPerDegreeLon(Y0 + 0.02);
        Outcome o = locator(s).locate(s, Y0 + 0.02, near, 1500);
        assertThat(o.unit().code()).isEqualTo("001");
        assertThat(o.distanceM()).isBetween(195.0, 205.0);
    }

    @Test
    void snappingFindsTheSameUnitAsAFullSearchFromAnyCell() {
        // points scattered around and between the units: the cell shortcut must never hide a unit within reach
        BoundarySet s = set(Map.of("001", box(0, 0, 0.05, 0.05), "002", box(0.0503, 0, 0.10, 0.05),
                "003", box(0.2, 0.2, 0.21, 0.21)));
        Locator locator = locator(s);
        Random random = new Random(11);
        for (int k = 0; k < 50_000; k++) {
            double lon = X0 - 0.01 + random.nextDouble() * 0.24;
            double lat = Y0 - 0.01 + random.nextDouble() * 0.24;
            double accuracy = 1 + random.nextDouble() * 300;
            Outcome o = locator.locate(s, lat, lon, accuracy);
            String expected = bruteForce(s, lon, lat, Math.min(accuracy, 250));
            assertThat(o.located() ? o.unit().code() : null).as("%f %f ±%f", lat, lon, accuracy).isEqualTo(expected);
        }
    }

    /** Covering unit, else the nearest within r by scanning every polygon. */
    private static String bruteForce(BoundarySet s, double lon, double lat, double r) {
        BoundarySet.LocateLevel level = s.locateLevels().get(0);
        int covering = level.grid().exact(lon, lat);
        if (covering >= 0) {
            return level.unitOfPolygon()[covering].code();
        }
        String best = null;
        double bestD = Double.POSITIVE_INFINITY;
        for (int i = 0; i < level.grid().polygonCount(); i++) {
            double d = level.grid().polygon(i).distanceWithinM(lon, lat, r);
            if (d < bestD) {
                bestD = d;
                best = level.unitOfPolygon()[i].code();
            }
        }
        return best;
    }

    @Test
    void aHoleIsNotInside() {
        BoundarySet s = set(Map.of("001", box(0, 0, 0.05, 0.05, 0.02, 0.02, 0.03, 0.03)));
        assertThat(locator(s).locate(s, Y0 + 0.025, X0 + 0.025, 0).reason()).isEqualTo(UnlocatedReason.OUTSIDE_BOUNDARIES);
        assertThat(locator(s).locate(s, Y0 + 0.01, X0 + 0.01, 0).unit().code()).isEqualTo("001");
    }

    @Test
    void accuracyAndMissingLocation() {
        BoundarySet s = set(Map.of("001", box(0, 0, 0.05, 0.05)));
        assertThat(locator(s).locate(s, Y0 + 0.02, X0 + 0.02, 2001).reason()).isEqualTo(UnlocatedReason.LOW_ACCURACY);
        assertThat(locator(s).locate(s, Y0 + 0.02, X0 + 0.02, 2000).located()).isTrue();
        assertThat(locator(s).locate(s, (Double) null, null, 5).reason()).isEqualTo(UnlocatedReason.NO_LOCATION);
        assertThat(locator(s).locate(s, 95.0, X0, 5).reason()).isEqualTo(UnlocatedReason.OUTSIDE_BOUNDARIES);
        assertThat(locator(s).locate(s, Y0 + 5, X0 + 5, 100).reason()).isEqualTo(UnlocatedReason.OUTSIDE_BOUNDARIES);
    }

    @Test
    void theGridAnswersLikeTheExactTestEverywhere() {
        BoundarySet s = set(Map.of(
                "001", box(0, 0, 0.05, 0.05),
                "002", box(0.05, 0, 0.1234, 0.05, 0.06, 0.01, 0.07, 0.02),
                "003", box(0.0001, 0.05, 0.1, 0.0917),
                "004", box(0.065, 0.015, 0.0701, 0.0185)));
        LevelGrid grid = s.locateLevels().get(0).grid();
        Random random = new Random(7);
        for (int k = 0; k < 200_000; k++) {
            double x = X0 - 0.02 + random.nextDouble() * 0.17;
            double y = Y0 - 0.02 + random.nextDouble() * 0.14;
            assertThat(grid.locate(x, y)).as("point %f %f", x, y).isEqualTo(grid.exact(x, y));
        }
    }
}

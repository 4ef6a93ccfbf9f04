package vn.ispeed.geo;

import vn.ispeed.geo.boundary.BoundarySets;
import vn.ispeed.geo.boundary.GeoConfig;

import java.util.Map;

/** The real boundary sets, loaded once per test JVM for the plain JUnit tests. */
public final class RealSets {
    private static BoundarySets sets;

    private RealSets() {
    }

    public static synchronized BoundarySets get() {
        if (sets == null) {
            sets = BoundarySets.load(config());
        }
        return sets;
    }

    public static GeoConfig config() {
        return BoundarySets.configFromClasspath("test", Map.of());
    }
}

package vn.ispeed.bench.geo;

import vn.ispeed.geo.boundary.BoundarySet;
import vn.ispeed.geo.boundary.BoundarySets;
import vn.ispeed.geo.boundary.Unit;
import vn.ispeed.geo.locate.LevelGrid;
import vn.ispeed.geo.locate.PolygonIndex;

import java.util.Map;
import java.util.Random;

/** The sets as geo-service loads them, and the two point sets (deterministic from their seeds). */
final class BenchData {
    static final int POINTS = 1_000_000;
    static final long USERS_SEED = 20251;
    static final long UNIFORM_SEED = 20252;
    /** Reported GPS accuracy given to every point: lets shore points snap as in production. */
    static final double ACCURACY_M = 20;

    private static BoundarySets sets;

    private BenchData() {
    }

    static synchronized BoundarySets sets() {
        if (sets == null) {
            String root = System.getProperty("geo.root", "../shared/geo");
            sets = BoundarySets.load(BoundarySets.configFromClasspath("bench", Map.of("geo.root", root,
                    "geo.stream.enabled", "false")));
        }
        return sets;
    }

    static BoundarySet vn2025() {
        return sets().sets().get("vn-2025");
    }

    /** lon/lat of n points. */
    record Points(String name, double[] lon, double[] lat) {
        int size() {
            return lon.length;
        }
    }

    static Points points(String name) {
        return switch (name) {
            case "users" -> users(POINTS, USERS_SEED);
            case "uniform" -> uniform(POINTS, UNIFORM_SEED);
            default -> throw new IllegalArgumentException(name);
        };
    }

    /**
     * Points spread like real users: a ward drawn with weight 8 for an urban ward (Phường), 1 for
     * a rural commune (Xã, Đặc khu), doubled again in Hà Nội (01) and TP Hồ Chí Minh (79); then a
     * uniform point inside that ward (rejection sampling in its envelope).
     */
    static Points users(int n, long seed) {
        BoundarySet set = vn2025();
        BoundarySet.LocateLevel wards = set.locateLevels().get(0);
        LevelGrid grid = wards.grid();
        int count = wards.unitOfPolygon().length;
        double[] cumulative = new double[count];
        double total = 0;
        for (int i = 0; i < count; i++) {
            Unit u = wards.unitOfPolygon()[i];
            double w = "Phường".equals(u.type()) ? 8 : 1;
            String province = u.parentCode();
            if ("01".equals(province) || "79".equals(province)) {
                w *= 2;
            }
            total += w;
            cumulative[i] = total;
        }
        Random random = new Random(seed);
        double[] lon = new double[n];
        double[] lat = new double[n];
        for (int k = 0; k < n; k++) {
            double r = random.nextDouble() * total;
            int i = java.util.Arrays.binarySearch(cumulative, r);
            i = i >= 0 ? i : -i - 1;
            PolygonIndex p = grid.polygon(Math.min(i, count - 1));
            for (int tries = 0; ; tries++) {
                double x = p.minX() + random.nextDouble() * (p.maxX() - p.minX());
                double y = p.minY() + random.nextDouble() * (p.maxY() - p.minY());
                if (p.locate(x, y) == PolygonIndex.INTERIOR || tries > 10_000) {
                    lon[k] = x;
                    lat[k] = y;
                    break;
                }
            }
        }
        return new Points("users", lon, lat);
    }

    /** Uniform over the bounding box of the ward layer (islands included): mostly sea. */
    static Points uniform(int n, long seed) {
        BoundarySet.LocateLevel wards = vn2025().locateLevels().get(0);
        double minX = Double.POSITIVE_INFINITY;
        double maxX = Double.NEGATIVE_INFINITY;
        double minY = Double.POSITIVE_INFINITY;
        double maxY = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < wards.grid().polygonCount(); i++) {
            PolygonIndex p = wards.grid().polygon(i);
            minX = Math.min(minX, p.minX());
            maxX = Math.max(maxX, p.maxX());
            minY = Math.min(minY, p.minY());
            maxY = Math.max(maxY, p.maxY());
        }
        Random random = new Random(seed);
        double[] lon = new double[n];
        double[] lat = new double[n];
        for (int k = 0; k < n; k++) {
            lon[k] = minX + random.nextDouble() * (maxX - minX);
            lat[k] = minY + random.nextDouble() * (maxY - minY);
        }
        return new Points("uniform", lon, lat);
    }
}

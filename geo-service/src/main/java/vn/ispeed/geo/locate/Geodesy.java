package vn.ispeed.geo.locate;

/**
 * Distances in metres for lat/lon points a few hundred metres apart: a local equirectangular
 * projection at the point's latitude on the mean Earth sphere (R = 6,371,008.8 m). The error
 * against the ellipsoid is under 0.5 % at these distances, far below GPS accuracy.
 */
public final class Geodesy {
    public static final double EARTH_RADIUS_M = 6_371_008.8;
    public static final double METRES_PER_DEGREE = EARTH_RADIUS_M * Math.PI / 180.0;

    private Geodesy() {
    }

    public static double metresPerDegreeLon(double lat) {
        return METRES_PER_DEGREE * Math.cos(Math.toRadians(lat));
    }

    /** Distance from the origin to segment a-b (coordinates already in metres around the origin). */
    static double originToSegment(double ax, double ay, double bx, double by) {
        double dx = bx - ax;
        double dy = by - ay;
        double len2 = dx * dx + dy * dy;
        double t = len2 == 0 ? 0 : -(ax * dx + ay * dy) / len2;
        if (t < 0) {
            t = 0;
        } else if (t > 1) {
            t = 1;
        }
        double cx = ax + t * dx;
        double cy = ay + t * dy;
        return Math.sqrt(cx * cx + cy * cy);
    }

    /** Great-circle distance in metres (haversine). */
    public static double distanceM(double lat1, double lon1, double lat2, double lon2) {
        double p1 = Math.toRadians(lat1);
        double p2 = Math.toRadians(lat2);
        double dp = p2 - p1;
        double dl = Math.toRadians(lon2 - lon1);
        double h = Math.sin(dp / 2) * Math.sin(dp / 2) + Math.cos(p1) * Math.cos(p2) * Math.sin(dl / 2) * Math.sin(dl / 2);
        return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)));
    }
}

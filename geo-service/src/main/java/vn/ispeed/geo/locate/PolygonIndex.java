package vn.ispeed.geo.locate;

import org.locationtech.jts.algorithm.CGAlgorithmsDD;
import vn.ispeed.geo.boundary.RingSet;

/**
 * Point-in-polygon for one unit's (multi)polygon in ~4 bytes per segment: the segments are
 * bucketed by y, so a test reads only the few segments whose y-range holds the point. The
 * crossing rule and the robust orientation test are those of JTS {@code RayCrossingCounter}
 * (an exact answer for points on the boundary); JTS's own {@code IndexedPointInAreaLocator}
 * costs ~100 bytes per segment, too much for the 7 M segments of the ward layer.
 */
public final class PolygonIndex {
    public static final int EXTERIOR = 0;
    public static final int BOUNDARY = 1;
    public static final int INTERIOR = 2;

    private static final int SEGMENTS_PER_BUCKET = 4;

    private final double[] xy;
    private final double minX;
    private final double maxX;
    private final double minY;
    private final double maxY;
    private final double bucketScale;
    private final int buckets;
    private final int[] bucketStart;
    private final int[] segments; // index of each segment's first point

    public PolygonIndex(RingSet rings) {
        this.xy = rings.xy();
        double x0 = Double.POSITIVE_INFINITY;
        double x1 = Double.NEGATIVE_INFINITY;
        double y0 = Double.POSITIVE_INFINITY;
        double y1 = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < xy.length; i += 2) {
            x0 = Math.min(x0, xy[i]);
            x1 = Math.max(x1, xy[i]);
            y0 = Math.min(y0, xy[i + 1]);
            y1 = Math.max(y1, xy[i + 1]);
        }
        minX = x0;
        maxX = x1;
        minY = y0;
        maxY = y1;
        int[] ringStart = rings.ringStart();
        int segmentCount = rings.points() - rings.rings();
        buckets = Math.max(1, segmentCount / SEGMENTS_PER_BUCKET);
        double height = maxY - minY;
        bucketScale = height > 0 ? buckets / height : 0;
        int[] counts = new int[buckets + 1];
        for (int r = 0; r < rings.rings(); r++) {
            for (int s = ringStart[r]; s < ringStart[r + 1] - 1; s++) {
                int b0 = bucket(Math.min(xy[2 * s + 1], xy[2 * s + 3]));
                int b1 = bucket(Math.max(xy[2 * s + 1], xy[2 * s + 3]));
                for (int b = b0; b <= b1; b++) {
                    counts[b + 1]++;
                }
            }
        }
        for (int b = 0; b < buckets; b++) {
            counts[b + 1] += counts[b];
        }
        bucketStart = counts.clone();
        segments = new int[counts[buckets]];
        int[] fill = counts;
        for (int r = 0; r < rings.rings(); r++) {
            for (int s = ringStart[r]; s < ringStart[r + 1] - 1; s++) {
                int b0 = bucket(Math.min(xy[2 * s + 1], xy[2 * s + 3]));
                int b1 = bucket(Math.max(xy[2 * s + 1], xy[2 * s + 3]));
                for (int b = b0; b <= b1; b++) {
                    segments[fill[b]++] = s;
                }
            }
        }
    }

    private int bucket(double y) {
        int b = (int) ((y - minY) * bucketScale);
        return b < 0 ? 0 : (b >= buckets ? buckets - 1 : b);
    }

    public double minX() {
        return minX;
    }

    public double maxX() {
        return maxX;
    }

    public double minY() {
        return minY;
    }

    public double maxY() {
        return maxY;
    }

    /** {@link #INTERIOR}, {@link #BOUNDARY} or {@link #EXTERIOR}. */
    public int locate(double px, double py) {
        if (px < minX || px > maxX || py < minY || py > maxY) {
            return EXTERIOR;
        }
        int b = bucket(py);
        int crossings = 0;
        for (int k = bucketStart[b], end = bucketStart[b + 1]; k < end; k++) {
            int i = segments[k] << 1;
            double x1 = xy[i];
            double y1 = xy[i + 1];
            double x2 = xy[i + 2];
            double y2 = xy[i + 3];
            if (x1 < px && x2 < px) {
                continue; // wholly to the left: cannot cross the ray to the right
            }
            if (px == x2 && py == y2) {
                return BOUNDARY;
            }
            if (y1 == py && y2 == py) {
                double lo = Math.min(x1, x2);
                double hi = Math.max(x1, x2);
                if (px >= lo && px <= hi) {
                    return BOUNDARY;
                }
                continue;
            }
            if ((y1 > py && y2 <= py) || (y2 > py && y1 <= py)) {
                int orient = CGAlgorithmsDD.orientationIndex(x1, y1, x2, y2, px, py);
                if (orient == 0) {
                    return BOUNDARY;
                }
                if (y2 < y1) {
                    orient = -orient;
                }
                if (orient > 0) {
                    crossings++;
                }
            }
        }
        return (crossings & 1) == 1 ? INTERIOR : EXTERIOR;
    }

    /**
     * Smallest distance in metres from the point to this polygon's boundary, considering only
     * segments within {@code radiusM}; {@code Double.POSITIVE_INFINITY} when none is that close.
     */
    public double distanceWithinM(double px, double py, double radiusM) {
        double dLat = radiusM / Geodesy.METRES_PER_DEGREE;
        if (py + dLat < minY || py - dLat > maxY) {
            return Double.POSITIVE_INFINITY;
        }
        double kx = Geodesy.metresPerDegreeLon(py);
        double ky = Geodesy.METRES_PER_DEGREE;
        int b0 = bucket(py - dLat);
        int b1 = bucket(py + dLat);
        double best = Double.POSITIVE_INFINITY;
        for (int b = b0; b <= b1; b++) {
            for (int k = bucketStart[b], end = bucketStart[b + 1]; k < end; k++) {
                int i = segments[k] << 1;
                double ax = (xy[i] - px) * kx;
                double ay = (xy[i + 1] - py) * ky;
                double bx = (xy[i + 2] - px) * kx;
                double by = (xy[i + 3] - py) * ky;
                double d = Geodesy.originToSegment(ax, ay, bx, by);
                if (d < best) {
                    best = d;
                }
            }
        }
        return best <= radiusM ? best : Double.POSITIVE_INFINITY;
    }
}

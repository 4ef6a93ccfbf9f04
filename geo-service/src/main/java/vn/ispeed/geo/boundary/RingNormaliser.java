package vn.ispeed.geo.boundary;

import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.util.PolygonExtracter;
import org.locationtech.jts.geom.util.GeometryFixer;
import org.locationtech.jts.operation.valid.IsValidOp;
import org.locationtech.jts.operation.valid.TopologyValidationError;

import java.util.List;

/**
 * The loader's one geometry normalisation step, applied to every polygon as it is read: a polygon
 * JTS finds invalid is repaired with {@link GeometryFixer} (the caller counts and logs it), and
 * every exterior ring is made counterclockwise and every hole clockwise (RFC 7946 §3.1.6).
 * Locating counts ray crossings, so the orientation changes no lookup.
 */
public final class RingNormaliser {
    private static final GeometryFactory FACTORY = new GeometryFactory();

    /**
     * @param rings  the polygon, valid and oriented
     * @param repair what JTS found wrong before the repair, or null when the polygon was valid
     */
    public record Result(RingSet rings, String repair) {
        public boolean repaired() {
            return repair != null;
        }
    }

    private RingNormaliser() {
    }

    public static Result normalise(RingSet rings) {
        MultiPolygon geometry = rings.toGeometry(FACTORY);
        TopologyValidationError error = new IsValidOp(geometry).getValidationError();
        if (error == null) {
            return new Result(oriented(rings), null);
        }
        Geometry fixed = GeometryFixer.fix(geometry);
        RingSet repaired = fromPolygons(PolygonExtracter.getPolygons(fixed));
        return new Result(oriented(repaired), error.getMessage() + " at " + error.getCoordinate());
    }

    /** A copy whose shells are counterclockwise and holes clockwise (the input when it already is). */
    static RingSet oriented(RingSet rings) {
        double[] xy = null;
        for (int r = 0; r < rings.rings(); r++) {
            int from = rings.ringStart()[r];
            int to = rings.ringStart()[r + 1];
            boolean ccw = signedArea(rings.xy(), from, to) > 0;
            if (ccw != rings.shellRings()[r]) {
                if (xy == null) {
                    xy = rings.xy().clone();
                }
                reverse(xy, from, to);
            }
        }
        return xy == null ? rings : new RingSet(xy, rings.ringStart(), rings.shellRings());
    }

    /** Twice the signed area of a closed ring (shoelace, relative to its first point): positive when counterclockwise. */
    static double signedArea(double[] xy, int from, int to) {
        double x0 = xy[from * 2];
        double y0 = xy[from * 2 + 1];
        double sum = 0;
        for (int i = from + 1; i < to - 1; i++) {
            double ax = xy[i * 2] - x0;
            double ay = xy[i * 2 + 1] - y0;
            double bx = xy[i * 2 + 2] - x0;
            double by = xy[i * 2 + 3] - y0;
            sum += ax * by - bx * ay;
        }
        return sum;
    }

    private static void reverse(double[] xy, int from, int to) {
        for (int i = from, j = to - 1; i < j; i++, j--) {
            double x = xy[i * 2];
            double y = xy[i * 2 + 1];
            xy[i * 2] = xy[j * 2];
            xy[i * 2 + 1] = xy[j * 2 + 1];
            xy[j * 2] = x;
            xy[j * 2 + 1] = y;
        }
    }

    private static RingSet fromPolygons(List<?> polygons) {
        RingSet.Builder builder = new RingSet.Builder();
        for (Object o : polygons) {
            Polygon polygon = (Polygon) o;
            if (polygon.isEmpty()) {
                continue;
            }
            addRing(builder, polygon.getExteriorRing(), true);
            for (int h = 0; h < polygon.getNumInteriorRing(); h++) {
                addRing(builder, polygon.getInteriorRingN(h), false);
            }
        }
        return builder.build();
    }

    private static void addRing(RingSet.Builder builder, LinearRing ring, boolean shell) {
        builder.beginRing(shell);
        var seq = ring.getCoordinateSequence();
        for (int i = 0; i < seq.size(); i++) {
            builder.add(seq.getX(i), seq.getY(i));
        }
        builder.endRing();
    }
}

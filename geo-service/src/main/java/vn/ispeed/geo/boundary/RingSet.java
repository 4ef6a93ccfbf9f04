package vn.ispeed.geo.boundary;

import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.impl.PackedCoordinateSequence;

import java.util.Arrays;

/**
 * A (multi)polygon in a compact form: all ring vertices in one array of x,y pairs (lon, lat).
 * 7 M vertices cost 16 bytes each here instead of ~100 as JTS coordinates plus a JTS segment
 * index; a JTS geometry is built on demand ({@link #toGeometry}) for simplification and tests.
 *
 * @param xy         x0,y0,x1,y1,... of every ring, each ring closed (first point repeated last)
 * @param ringStart  index (in points) of the first point of each ring, plus the total as the last entry
 * @param shellRings which rings start a new polygon (the shell; the rings up to the next shell are its holes)
 */
public record RingSet(double[] xy, int[] ringStart, boolean[] shellRings) {

    public int rings() {
        return ringStart.length - 1;
    }

    public int points() {
        return ringStart[ringStart.length - 1];
    }

    public Envelope envelope() {
        Envelope env = new Envelope();
        for (int i = 0; i < xy.length; i += 2) {
            env.expandToInclude(xy[i], xy[i + 1]);
        }
        return env;
    }

    public MultiPolygon toGeometry(GeometryFactory factory) {
        java.util.List<Polygon> polygons = new java.util.ArrayList<>();
        LinearRing shell = null;
        java.util.List<LinearRing> holes = new java.util.ArrayList<>();
        for (int r = 0; r < rings(); r++) {
            double[] part = Arrays.copyOfRange(xy, ringStart[r] * 2, ringStart[r + 1] * 2);
            LinearRing ring = factory.createLinearRing(new PackedCoordinateSequence.Double(part, 2, 0));
            if (shellRings[r]) {
                if (shell != null) {
                    polygons.add(factory.createPolygon(shell, holes.toArray(new LinearRing[0])));
                }
                shell = ring;
                holes.clear();
            } else {
                holes.add(ring);
            }
        }
        if (shell != null) {
            polygons.add(factory.createPolygon(shell, holes.toArray(new LinearRing[0])));
        }
        return factory.createMultiPolygon(polygons.toArray(new Polygon[0]));
    }

    /** Builds a RingSet ring by ring. */
    public static final class Builder {
        private double[] xy = new double[1024];
        private int size; // doubles used
        private int[] starts = new int[8];
        private boolean[] shells = new boolean[8];
        private int rings;
        private int ringBegin = -1;

        /** Starts a ring; {@code shell} marks the first ring of a polygon. */
        public void beginRing(boolean shell) {
            if (rings + 1 >= starts.length) {
                starts = Arrays.copyOf(starts, starts.length * 2);
                shells = Arrays.copyOf(shells, shells.length * 2);
            }
            starts[rings] = size / 2;
            shells[rings] = shell;
            ringBegin = size;
        }

        public void add(double x, double y) {
            if (size + 2 > xy.length) {
                xy = Arrays.copyOf(xy, xy.length * 2);
            }
            xy[size++] = x;
            xy[size++] = y;
        }

        /** Closes the ring (repeating the first point if needed); drops a ring with fewer than 3 distinct points, and the holes of a dropped shell. */
        public void endRing() {
            int n = (size - ringBegin) / 2;
            if (n > 0 && (xy[ringBegin] != xy[size - 2] || xy[ringBegin + 1] != xy[size - 1])) {
                add(xy[ringBegin], xy[ringBegin + 1]);
                n++;
            }
            boolean shell = shells[rings];
            if (shell) {
                dropHoles = n < 4;
            }
            if (n < 4 || (!shell && dropHoles)) {
                size = ringBegin;
                return;
            }
            rings++;
        }

        private boolean dropHoles;

        public boolean isEmpty() {
            return rings == 0;
        }

        public RingSet build() {
            int[] ringStart = Arrays.copyOf(starts, rings + 1);
            ringStart[rings] = size / 2;
            boolean[] shellRings = Arrays.copyOf(shells, rings);
            if (rings > 0) {
                shellRings[0] = true;
            }
            return new RingSet(Arrays.copyOf(xy, size), ringStart, shellRings);
        }
    }
}

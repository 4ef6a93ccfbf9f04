package vn.ispeed.geo.locate;

import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.index.strtree.STRtree;
import vn.ispeed.geo.boundary.RingSet;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.List;

/**
 * Point location over the polygons of one level (e.g. the 3,321 wards).
 *
 * <p>Rule on shared borders and overlaps: among the polygons that cover the point (interior
 * or boundary), the one with the smallest index wins; callers order polygons by unit code,
 * so it is the smallest code. The same rule decides every grid cell, so the fast and the
 * exact path always agree.
 *
 * <p>Speed: a uniform grid of coarse cells (default 0.01°) is classified at load. A cell that
 * no polygon edge crosses lies wholly inside the same polygons as its centre, and a connected
 * region of such cells shares one answer, so one point-in-polygon test per region classifies
 * them all. Cells crossed by an edge are split into fine cells (8 x 8) classified the same way
 * within the cell. Only fine cells crossed by an edge (or outside but near land) fall back to
 * the exact test: an STRtree over polygon envelopes, then {@link PolygonIndex#locate}.
 */
public final class LevelGrid {
    /** Answer of {@link #locate}: no polygon covers the point. */
    public static final int NONE = -1;

    private static final int FAR = -1;        // coarse: outside, no edge within a cell
    private static final int NEAR = -2;       // coarse or fine: outside but an edge may be close
    private static final int BORDER = -3;     // fine: crossed by an edge, exact test needed
    private static final int BLOCK_BASE = -3; // coarse v <= BLOCK_BASE: fine block (BLOCK_BASE - v)
    private static final double EPS = 1e-9;

    private final PolygonIndex[] polygons;
    private final STRtree tree = new STRtree();
    private final double minX;
    private final double minY;
    private final double fineSize;
    private final double fineScale;
    private final int sub;
    private final int subShift;
    private final int nx;
    private final int ny;
    private final int[] coarse;
    private short[] fine;
    private int blocks;
    private final double maxSnapM;

    public LevelGrid(List<RingSet> ringSets, double cellDeg, int subdivisions, double maxSnapM) {
        if (Integer.bitCount(subdivisions) != 1 || subdivisions > 8) {
            throw new IllegalArgumentException("grid subdivisions must be a power of two up to 8: " + subdivisions);
        }
        if (ringSets.size() > Short.MAX_VALUE) {
            throw new IllegalArgumentException("too many polygons for one level: " + ringSets.size());
        }
        this.maxSnapM = maxSnapM;
        polygons = new PolygonIndex[ringSets.size()];
        Envelope all = new Envelope();
        for (int i = 0; i < polygons.length; i++) {
            PolygonIndex p = new PolygonIndex(ringSets.get(i));
            polygons[i] = p;
            Envelope env = new Envelope(p.minX(), p.maxX(), p.minY(), p.maxY());
            tree.insert(env, i);
            all.expandToInclude(env);
        }
        tree.build();
        double maxLat = Math.max(Math.abs(all.getMinY()), Math.abs(all.getMaxY()));
        if (Geodesy.metresPerDegreeLon(Math.min(maxLat + 1, 89)) * cellDeg < maxSnapM) {
            throw new IllegalArgumentException("grid cell " + cellDeg + "° is narrower than the snap radius " + maxSnapM + " m");
        }
        sub = subdivisions;
        subShift = Integer.numberOfTrailingZeros(subdivisions);
        fineSize = cellDeg / subdivisions;
        fineScale = 1.0 / fineSize;
        minX = all.getMinX() - 2 * cellDeg;
        minY = all.getMinY() - 2 * cellDeg;
        nx = (int) Math.ceil((all.getMaxX() + 2 * cellDeg - minX) / cellDeg);
        ny = (int) Math.ceil((all.getMaxY() + 2 * cellDeg - minY) / cellDeg);
        coarse = new int[nx * ny];
        build(ringSets);
    }

    public int polygonCount() {
        return polygons.length;
    }

    public PolygonIndex polygon(int i) {
        return polygons[i];
    }

    /** The covering polygon by the border rule, or {@link #NONE}. */
    public int locate(double x, double y) {
        long fx = (long) Math.floor((x - minX) * fineScale);
        long fy = (long) Math.floor((y - minY) * fineScale);
        int cx = (int) (fx >> subShift);
        int cy = (int) (fy >> subShift);
        if (fx < 0 || fy < 0 || cx >= nx || cy >= ny) {
            return NONE;
        }
        int v = coarse[cy * nx + cx];
        if (v >= 0) {
            return v;
        }
        if (v == FAR || v == NEAR) {
            return NONE;
        }
        int f = fine[((BLOCK_BASE - v) << (2 * subShift)) + (((int) fy & (sub - 1)) << subShift) + ((int) fx & (sub - 1))];
        if (f >= 0) {
            return f;
        }
        return f == BORDER ? exact(x, y) : NONE;
    }

    /**
     * False when no polygon edge can lie within r metres: the point's cell is far from land, or it is
     * a cell no edge crosses and the point is farther than r from the cell's sides (any edge lies
     * beyond them). Distances use the same local scaling as {@link PolygonIndex#distanceWithinM}.
     */
    private boolean edgeMayBeWithin(double x, double y, double r) {
        long fx = (long) Math.floor((x - minX) * fineScale);
        long fy = (long) Math.floor((y - minY) * fineScale);
        int cx = (int) (fx >> subShift);
        int cy = (int) (fy >> subShift);
        if (fx < 0 || fy < 0 || cx >= nx || cy >= ny) {
            return false;
        }
        int v = coarse[cy * nx + cx];
        if (v == FAR) {
            return false;
        }
        double x0;
        double y0;
        double size;
        if (v <= BLOCK_BASE) {
            int f = fine[((BLOCK_BASE - v) << (2 * subShift)) + (((int) fy & (sub - 1)) << subShift) + ((int) fx & (sub - 1))];
            if (f == BORDER) {
                return true;
            }
            x0 = minX + fx * fineSize;
            y0 = minY + fy * fineSize;
            size = fineSize;
        } else {
            size = fineSize * sub;
            x0 = minX + cx * size;
            y0 = minY + cy * size;
        }
        double kx = Geodesy.metresPerDegreeLon(y);
        double marginX = Math.min(x - x0, x0 + size - x) * kx;
        double marginY = Math.min(y - y0, y0 + size - y) * Geodesy.METRES_PER_DEGREE;
        return Math.min(marginX, marginY) <= r;
    }

    /** The exact test, without the grid: every candidate polygon, smallest index among those covering the point. */
    public int exact(double x, double y) {
        int[] best = {Integer.MAX_VALUE};
        tree.query(new Envelope(x, x, y, y), item -> {
            int i = (Integer) item;
            if (i < best[0] && polygons[i].locate(x, y) != PolygonIndex.EXTERIOR) {
                best[0] = i;
            }
        });
        return best[0] == Integer.MAX_VALUE ? NONE : best[0];
    }

    /** Nearest polygon within radiusM (capped at the snap bound) as {index, distance}; null if none. */
    public Nearest nearest(double x, double y, double radiusM) {
        double r = Math.min(radiusM, maxSnapM);
        if (!(r > 0) || !edgeMayBeWithin(x, y, r)) {
            return null;
        }
        double dLat = r / Geodesy.METRES_PER_DEGREE;
        double dLon = r / Geodesy.metresPerDegreeLon(y);
        int[] bestIndex = {-1};
        double[] bestDist = {Double.POSITIVE_INFINITY};
        tree.query(new Envelope(x - dLon, x + dLon, y - dLat, y + dLat), item -> {
            int i = (Integer) item;
            double d = polygons[i].distanceWithinM(x, y, r);
            if (d < bestDist[0] || (d == bestDist[0] && d != Double.POSITIVE_INFINITY && i < bestIndex[0])) {
                bestDist[0] = d;
                bestIndex[0] = i;
            }
        });
        return bestIndex[0] < 0 ? null : new Nearest(bestIndex[0], bestDist[0]);
    }

    public record Nearest(int index, double distanceM) {
    }

    /** Approximate bytes held by the grid itself. */
    public long gridBytes() {
        return coarse.length * 4L + (fine == null ? 0 : fine.length * 2L);
    }

    public double borderCellShare() {
        long border = 0;
        long land = 0;
        for (int v : coarse) {
            if (v != FAR && v != NEAR) {
                land++;
                if (v <= BLOCK_BASE) {
                    border++;
                }
            }
        }
        return land == 0 ? 0 : (double) border / land;
    }

    // ---- construction ----------------------------------------------------------------

    private void build(List<RingSet> ringSets) {
        // 1. coarse cells crossed by an edge
        boolean[] coarseBorder = new boolean[nx * ny];
        forEachEdgeCell(ringSets, (fx, fy) -> coarseBorder[(fy >> subShift) * nx + (fx >> subShift)] = true);
        int[] blockOf = new int[nx * ny];
        Arrays.fill(blockOf, -1);
        for (int c = 0; c < coarseBorder.length; c++) {
            if (coarseBorder[c]) {
                blockOf[c] = blocks++;
            }
        }
        // 2. fine cells crossed by an edge
        int perBlock = sub * sub;
        fine = new short[blocks * perBlock];
        forEachEdgeCell(ringSets, (fx, fy) -> {
            int block = blockOf[(fy >> subShift) * nx + (fx >> subShift)];
            fine[block * perBlock + ((fy & (sub - 1)) << subShift) + (fx & (sub - 1))] = BORDER;
        });
        // 3. coarse regions free of edges: one test per connected region
        classifyCoarse(coarseBorder, blockOf);
        // 4. fine regions inside each border cell
        classifyFine(blockOf);
    }

    @FunctionalInterface
    private interface CellSink {
        void cell(int fx, int fy);
    }

    /** Every fine cell that an edge may touch (conservative: pieces' bounding boxes widened by EPS). */
    private void forEachEdgeCell(List<RingSet> ringSets, CellSink sink) {
        for (RingSet rs : ringSets) {
            double[] xy = rs.xy();
            int[] starts = rs.ringStart();
            for (int r = 0; r < rs.rings(); r++) {
                for (int s = starts[r]; s < starts[r + 1] - 1; s++) {
                    double x1 = xy[2 * s];
                    double y1 = xy[2 * s + 1];
                    double x2 = xy[2 * s + 2];
                    double y2 = xy[2 * s + 3];
                    int pieces = (int) Math.ceil(Math.max(Math.abs(x2 - x1), Math.abs(y2 - y1)) * fineScale);
                    if (pieces <= 1) {
                        markBox(x1, y1, x2, y2, sink);
                    } else {
                        double px = x1;
                        double py = y1;
                        for (int k = 1; k <= pieces; k++) {
                            double qx = k == pieces ? x2 : x1 + (x2 - x1) * k / pieces;
                            double qy = k == pieces ? y2 : y1 + (y2 - y1) * k / pieces;
                            markBox(px, py, qx, qy, sink);
                            px = qx;
                            py = qy;
                        }
                    }
                }
            }
        }
    }

    private void markBox(double x1, double y1, double x2, double y2, CellSink sink) {
        int fx0 = (int) Math.floor((Math.min(x1, x2) - EPS - minX) * fineScale);
        int fx1 = (int) Math.floor((Math.max(x1, x2) + EPS - minX) * fineScale);
        int fy0 = (int) Math.floor((Math.min(y1, y2) - EPS - minY) * fineScale);
        int fy1 = (int) Math.floor((Math.max(y1, y2) + EPS - minY) * fineScale);
        for (int fy = fy0; fy <= fy1; fy++) {
            for (int fx = fx0; fx <= fx1; fx++) {
                sink.cell(fx, fy);
            }
        }
    }

    private void classifyCoarse(boolean[] coarseBorder, int[] blockOf) {
        final int unset = Integer.MIN_VALUE;
        Arrays.fill(coarse, unset);
        double cellDeg = fineSize * sub;
        int[] queue = new int[nx * ny];
        for (int start = 0; start < coarse.length; start++) {
            if (coarseBorder[start]) {
                coarse[start] = BLOCK_BASE - blockOf[start];
                continue;
            }
            if (coarse[start] != unset) {
                continue;
            }
            int sx = start % nx;
            int sy = start / nx;
            int answer = exact(minX + (sx + 0.5) * cellDeg, minY + (sy + 0.5) * cellDeg);
            int value = answer >= 0 ? answer : FAR;
            int head = 0;
            int tail = 0;
            queue[tail++] = start;
            coarse[start] = value;
            while (head < tail) {
                int c = queue[head++];
                int cx = c % nx;
                int cy = c / nx;
                if (cx > 0) {
                    tail = visit(c - 1, coarseBorder, value, queue, tail, unset);
                }
                if (cx < nx - 1) {
                    tail = visit(c + 1, coarseBorder, value, queue, tail, unset);
                }
                if (cy > 0) {
                    tail = visit(c - nx, coarseBorder, value, queue, tail, unset);
                }
                if (cy < ny - 1) {
                    tail = visit(c + nx, coarseBorder, value, queue, tail, unset);
                }
            }
        }
        // outside cells next to a border cell may be within the snap radius of an edge
        for (int c = 0; c < coarse.length; c++) {
            if (coarse[c] != FAR) {
                continue;
            }
            int cx = c % nx;
            int cy = c / nx;
            outer:
            for (int dy = -1; dy <= 1; dy++) {
                for (int dx = -1; dx <= 1; dx++) {
                    int x = cx + dx;
                    int y = cy + dy;
                    if (x >= 0 && y >= 0 && x < nx && y < ny && coarseBorder[y * nx + x]) {
                        coarse[c] = NEAR;
                        break outer;
                    }
                }
            }
        }
    }

    private int visit(int c, boolean[] coarseBorder, int value, int[] queue, int tail, int unset) {
        if (!coarseBorder[c] && coarse[c] == unset) {
            coarse[c] = value;
            queue[tail++] = c;
        }
        return tail;
    }

    private void classifyFine(int[] blockOf) {
        int perBlock = sub * sub;
        int[] cellOfBlock = new int[blocks];
        for (int c = 0; c < blockOf.length; c++) {
            if (blockOf[c] >= 0) {
                cellOfBlock[blockOf[c]] = c;
            }
        }
        final short unset = Short.MIN_VALUE;
        ArrayDeque<Integer> queue = new ArrayDeque<>();
        for (int b = 0; b < blocks; b++) {
            int base = b * perBlock;
            for (int i = 0; i < perBlock; i++) {
                if (fine[base + i] != BORDER) {
                    fine[base + i] = unset;
                }
            }
            int c = cellOfBlock[b];
            int cx = c % nx;
            int cy = c / nx;
            for (int i = 0; i < perBlock; i++) {
                if (fine[base + i] != unset) {
                    continue;
                }
                int fx = (cx << subShift) + (i & (sub - 1));
                int fy = (cy << subShift) + (i >> subShift);
                int answer = exact(minX + (fx + 0.5) * fineSize, minY + (fy + 0.5) * fineSize);
                short value = (short) (answer >= 0 ? answer : NEAR);
                fine[base + i] = value;
                queue.add(i);
                while (!queue.isEmpty()) {
                    int j = queue.poll();
                    int jx = j & (sub - 1);
                    int jy = j >> subShift;
                    if (jx > 0 && fine[base + j - 1] == unset) {
                        fine[base + j - 1] = value;
                        queue.add(j - 1);
                    }
                    if (jx < sub - 1 && fine[base + j + 1] == unset) {
                        fine[base + j + 1] = value;
                        queue.add(j + 1);
                    }
                    if (jy > 0 && fine[base + j - sub] == unset) {
                        fine[base + j - sub] = value;
                        queue.add(j - sub);
                    }
                    if (jy < sub - 1 && fine[base + j + sub] == unset) {
                        fine[base + j + sub] = value;
                        queue.add(j + sub);
                    }
                }
            }
        }
    }
}

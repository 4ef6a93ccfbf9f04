package vn.ispeed.geo.catalogue;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import org.jboss.logging.Logger;
import org.locationtech.jts.coverage.CoverageSimplifier;
import org.locationtech.jts.geom.CoordinateSequence;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.PrecisionModel;
import org.locationtech.jts.geom.util.GeometryFixer;
import org.locationtech.jts.precision.GeometryPrecisionReducer;
import vn.ispeed.geo.boundary.BoundarySet;
import vn.ispeed.geo.boundary.RingSet;
import vn.ispeed.geo.boundary.Unit;
import vn.ispeed.geo.locate.Geodesy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * Boundary GeoJSON for maps, as RFC 7946 says. The units are simplified together with JTS's
 * {@link CoverageSimplifier}: shared edges are simplified once, so neighbours keep a common border
 * without gaps or overlaps (simplifying each polygon alone would open slivers). Coordinates are
 * rounded to the grid the tolerance needs ({@link #decimals}); rounding can collapse a ring or make
 * one cross itself, so a geometry that is not valid on that grid is snap-rounded instead
 * ({@link GeometryPrecisionReducer#reduce}, which drops collapsed parts and keeps the result valid).
 * Every exterior ring is written counterclockwise and every hole clockwise, each with at least four
 * positions, and each collection carries its {@code bbox}.
 */
public final class BoundaryGeoJson {
    private static final Logger LOG = Logger.getLogger(BoundaryGeoJson.class);
    private static final JsonFactory JSON = new JsonFactory();
    private static final GeometryFactory FACTORY = new GeometryFactory();
    static final int MAX_DECIMALS = 6;

    /** A rendered body with its entity tag. */
    public record Rendered(byte[] body, String etag, int features) {
    }

    /**
     * One unit's feature as written: its JSON, and its bounds on the written grid (units of 10^-decimals
     * degrees; {@code minX > maxX} when the geometry is null).
     */
    public record Feature(String code, byte[] json, long minX, long minY, long maxX, long maxY) {
        boolean hasGeometry() {
            return minX <= maxX;
        }
    }

    private BoundaryGeoJson() {
    }

    /**
     * Decimals of the written coordinates: the coarsest grid whose step is at most a tenth of the tolerance
     * (75 m: 5 decimals, ~1.1 m; 150–1,000 m: 4, ~11 m), 6 (~0.11 m) at most, so without simplification.
     */
    public static int decimals(double toleranceM) {
        for (int d = 0; d < MAX_DECIMALS; d++) {
            if (Geodesy.METRES_PER_DEGREE / Math.pow(10, d) <= toleranceM / 10) {
                return d;
            }
        }
        return MAX_DECIMALS;
    }

    public static Rendered render(BoundarySet set, List<Unit> units, int levelIndex, double toleranceM) {
        return collection(set, levelIndex, toleranceM, features(set, units, levelIndex, toleranceM));
    }

    /** The features of the units that have a polygon at this level, simplified together, in the order given. */
    public static List<Feature> features(BoundarySet set, List<Unit> units, int levelIndex, double toleranceM) {
        Map<String, RingSet> polygons = set.polygons(levelIndex);
        List<Unit> drawn = new ArrayList<>();
        List<Geometry> geometries = new ArrayList<>();
        for (Unit u : units) {
            RingSet rings = polygons.get(u.code());
            if (rings != null) {
                drawn.add(u);
                geometries.add(rings.toGeometry(FACTORY));
            }
        }
        Geometry[] simplified = geometries.toArray(new Geometry[0]);
        if (toleranceM > 0 && simplified.length > 0) {
            simplified = CoverageSimplifier.simplify(simplified, toleranceM / Geodesy.METRES_PER_DEGREE);
        }
        int decimals = decimals(toleranceM);
        PrecisionModel grid = new PrecisionModel(Math.pow(10, decimals));
        List<Feature> out = new ArrayList<>(drawn.size());
        int snapRounded = 0;
        for (int i = 0; i < drawn.size(); i++) {
            Geometry rounded = GeometryPrecisionReducer.reducePointwise(simplified[i], grid);
            if (!rounded.isValid()) {
                rounded = snapRound(simplified[i], grid);
                snapRounded++;
            }
            out.add(feature(drawn.get(i), rounded, decimals));
        }
        if (snapRounded > 0) {
            LOG.debugf("%s %s at %.0f m: %d of %d geometries snap-rounded to stay valid at %d decimals", set.name(),
                    set.levels().get(levelIndex), toleranceM, snapRounded, drawn.size(), decimals);
        }
        return out;
    }

    private static Geometry snapRound(Geometry geometry, PrecisionModel grid) {
        try {
            return GeometryPrecisionReducer.reduce(geometry, grid);
        } catch (RuntimeException e) {
            // the overlay rejects an invalid input: repair it first
            return GeometryPrecisionReducer.reduce(GeometryFixer.fix(geometry), grid);
        }
    }

    /** A FeatureCollection of the given features, with the bbox of their geometries. */
    public static Rendered collection(BoundarySet set, int levelIndex, double toleranceM, List<Feature> features) {
        int decimals = decimals(toleranceM);
        long minX = Long.MAX_VALUE;
        long minY = Long.MAX_VALUE;
        long maxX = Long.MIN_VALUE;
        long maxY = Long.MIN_VALUE;
        int size = 256;
        for (Feature f : features) {
            size += f.json().length + 1;
            if (f.hasGeometry()) {
                minX = Math.min(minX, f.minX());
                minY = Math.min(minY, f.minY());
                maxX = Math.max(maxX, f.maxX());
                maxY = Math.max(maxY, f.maxY());
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(size);
        try {
            ByteArrayOutputStream head = new ByteArrayOutputStream(256);
            try (JsonGenerator g = JSON.createGenerator(head, JsonEncoding.UTF8)) {
                g.writeStartObject();
                g.writeStringField("type", "FeatureCollection");
                if (minX <= maxX) {
                    g.writeArrayFieldStart("bbox");
                    writeNumber(g, minX, decimals);
                    writeNumber(g, minY, decimals);
                    writeNumber(g, maxX, decimals);
                    writeNumber(g, maxY, decimals);
                    g.writeEndArray();
                }
                g.writeObjectFieldStart("properties");
                g.writeStringField("set", set.name());
                g.writeStringField("level", set.levels().get(levelIndex));
                g.writeNumberField("toleranceM", toleranceM);
                g.writeNumberField("decimals", decimals);
                g.writeEndObject();
                g.writeEndObject();
            }
            byte[] start = head.toByteArray();
            out.write(start, 0, start.length - 1); // all but the closing brace: the features follow
            out.write(",\"features\":[".getBytes(StandardCharsets.US_ASCII));
            for (int i = 0; i < features.size(); i++) {
                if (i > 0) {
                    out.write(',');
                }
                out.write(features.get(i).json());
            }
            out.write("]}".getBytes(StandardCharsets.US_ASCII));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        byte[] body = out.toByteArray();
        return new Rendered(body, etag(body), features.size());
    }

    private static Feature feature(Unit unit, Geometry geometry, int decimals) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(4096);
        long[] bounds = {Long.MAX_VALUE, Long.MAX_VALUE, Long.MIN_VALUE, Long.MIN_VALUE};
        try (JsonGenerator g = JSON.createGenerator(out, JsonEncoding.UTF8)) {
            g.writeStartObject();
            g.writeStringField("type", "Feature");
            g.writeStringField("id", unit.code());
            g.writeObjectFieldStart("properties");
            g.writeStringField("code", unit.code());
            g.writeStringField("name", unit.name());
            if (unit.type() != null) {
                g.writeStringField("type", unit.type());
            }
            g.writeStringField("level", unit.level());
            if (unit.parentCode() != null) {
                g.writeStringField("parentCode", unit.parentCode());
            }
            g.writeEndObject();
            List<List<long[]>> polygons = polygons(geometry, Math.pow(10, decimals));
            if (polygons.isEmpty()) {
                LOG.warnf("unit %s has no area left at %d decimals: geometry null", unit.code(), decimals);
                g.writeNullField("geometry");
            } else {
                g.writeObjectFieldStart("geometry");
                g.writeStringField("type", "MultiPolygon");
                g.writeArrayFieldStart("coordinates");
                for (List<long[]> polygon : polygons) {
                    g.writeStartArray();
                    for (long[] ring : polygon) {
                        writeRing(g, ring, decimals, bounds);
                    }
                    g.writeEndArray();
                }
                g.writeEndArray();
                g.writeEndObject();
            }
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Feature(unit.code(), out.toByteArray(), bounds[0], bounds[1], bounds[2], bounds[3]);
    }

    /**
     * The polygons as rings of grid coordinates (x0, y0, x1, y1, ..., closed), repeated positions dropped, shells
     * counterclockwise and holes clockwise. A ring left with fewer than four positions is dropped (a shell with its
     * holes); a valid geometry on the grid has none.
     */
    static List<List<long[]>> polygons(Geometry geometry, double scale) {
        List<List<long[]>> out = new ArrayList<>();
        for (int p = 0; p < geometry.getNumGeometries(); p++) {
            if (!(geometry.getGeometryN(p) instanceof Polygon polygon) || polygon.isEmpty()) {
                continue;
            }
            long[] shell = ring(polygon.getExteriorRing(), scale, true);
            if (shell == null) {
                continue;
            }
            List<long[]> rings = new ArrayList<>();
            rings.add(shell);
            for (int h = 0; h < polygon.getNumInteriorRing(); h++) {
                long[] hole = ring(polygon.getInteriorRingN(h), scale, false);
                if (hole != null) {
                    rings.add(hole);
                }
            }
            out.add(rings);
        }
        return out;
    }

    private static long[] ring(LinearRing ring, double scale, boolean shell) {
        CoordinateSequence seq = ring.getCoordinateSequence();
        long[] xy = new long[seq.size() * 2];
        int n = 0;
        for (int i = 0; i < seq.size(); i++) {
            long x = Math.round(seq.getX(i) * scale);
            long y = Math.round(seq.getY(i) * scale);
            if (n > 0 && xy[n - 2] == x && xy[n - 1] == y) {
                continue; // a repeat once on the grid
            }
            xy[n++] = x;
            xy[n++] = y;
        }
        if (n < 8 || xy[0] != xy[n - 2] || xy[1] != xy[n - 1]) {
            return null;
        }
        xy = Arrays.copyOf(xy, n);
        if ((signedArea(xy) > 0) != shell) {
            reverse(xy);
        }
        return xy;
    }

    /** Twice the signed area (relative to the first position, in doubles): positive when counterclockwise. */
    static double signedArea(long[] xy) {
        double sum = 0;
        long x0 = xy[0];
        long y0 = xy[1];
        for (int i = 2; i + 3 < xy.length; i += 2) {
            double ax = xy[i] - x0;
            double ay = xy[i + 1] - y0;
            double bx = xy[i + 2] - x0;
            double by = xy[i + 3] - y0;
            sum += ax * by - bx * ay;
        }
        return sum;
    }

    private static void reverse(long[] xy) {
        for (int i = 0, j = xy.length - 2; i < j; i += 2, j -= 2) {
            long x = xy[i];
            long y = xy[i + 1];
            xy[i] = xy[j];
            xy[i + 1] = xy[j + 1];
            xy[j] = x;
            xy[j + 1] = y;
        }
    }

    private static void writeRing(JsonGenerator g, long[] xy, int decimals, long[] bounds) throws IOException {
        g.writeStartArray();
        for (int i = 0; i < xy.length; i += 2) {
            g.writeStartArray();
            writeNumber(g, xy[i], decimals);
            writeNumber(g, xy[i + 1], decimals);
            g.writeEndArray();
            bounds[0] = Math.min(bounds[0], xy[i]);
            bounds[1] = Math.min(bounds[1], xy[i + 1]);
            bounds[2] = Math.max(bounds[2], xy[i]);
            bounds[3] = Math.max(bounds[3], xy[i + 1]);
        }
        g.writeEndArray();
    }

    private static void writeNumber(JsonGenerator g, long value, int decimals) throws IOException {
        g.writeNumber(BigDecimal.valueOf(value, decimals).stripTrailingZeros().toPlainString());
    }

    private static String etag(byte[] body) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(body);
            return "\"" + HexFormat.of().formatHex(digest, 0, 16) + "\"";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

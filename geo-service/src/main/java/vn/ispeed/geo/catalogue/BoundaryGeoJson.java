package vn.ispeed.geo.catalogue;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import org.locationtech.jts.coverage.CoverageSimplifier;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.CoordinateSequence;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.Polygon;
import vn.ispeed.geo.boundary.BoundarySet;
import vn.ispeed.geo.boundary.RingSet;
import vn.ispeed.geo.boundary.Unit;
import vn.ispeed.geo.locate.Geodesy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * Boundary GeoJSON for maps. The units are simplified together with JTS's
 * {@link CoverageSimplifier}: shared edges are simplified once, so neighbours keep a common
 * border without gaps or overlaps (simplifying each polygon alone would open slivers).
 * Coordinates are written with 5 decimals (~1 m).
 */
public final class BoundaryGeoJson {
    private static final JsonFactory JSON = new JsonFactory();
    private static final GeometryFactory FACTORY = new GeometryFactory();

    /** A rendered body with its entity tag. */
    public record Rendered(byte[] body, String etag, int features) {
    }

    private BoundaryGeoJson() {
    }

    public static Rendered render(BoundarySet set, List<Unit> units, int levelIndex, double toleranceM) {
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
        ByteArrayOutputStream out = new ByteArrayOutputStream(1 << 16);
        try (JsonGenerator g = JSON.createGenerator(out, JsonEncoding.UTF8)) {
            g.writeStartObject();
            g.writeStringField("type", "FeatureCollection");
            g.writeObjectFieldStart("properties");
            g.writeStringField("set", set.name());
            g.writeStringField("level", set.levels().get(levelIndex));
            g.writeNumberField("toleranceM", toleranceM);
            g.writeEndObject();
            g.writeArrayFieldStart("features");
            for (int i = 0; i < drawn.size(); i++) {
                writeFeature(g, drawn.get(i), simplified[i]);
            }
            g.writeEndArray();
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        byte[] body = out.toByteArray();
        return new Rendered(body, etag(body), drawn.size());
    }

    private static void writeFeature(JsonGenerator g, Unit unit, Geometry geometry) throws IOException {
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
        g.writeObjectFieldStart("geometry");
        g.writeStringField("type", "MultiPolygon");
        g.writeArrayFieldStart("coordinates");
        for (int p = 0; p < geometry.getNumGeometries(); p++) {
            Geometry part = geometry.getGeometryN(p);
            if (!(part instanceof Polygon polygon) || polygon.isEmpty()) {
                continue;
            }
            g.writeStartArray();
            writeRing(g, polygon.getExteriorRing());
            for (int h = 0; h < polygon.getNumInteriorRing(); h++) {
                writeRing(g, polygon.getInteriorRingN(h));
            }
            g.writeEndArray();
        }
        g.writeEndArray();
        g.writeEndObject();
        g.writeEndObject();
    }

    private static void writeRing(JsonGenerator g, LinearRing ring) throws IOException {
        CoordinateSequence seq = ring.getCoordinateSequence();
        g.writeStartArray();
        long lastX = Long.MIN_VALUE;
        long lastY = Long.MIN_VALUE;
        Coordinate c = new Coordinate();
        for (int i = 0; i < seq.size(); i++) {
            seq.getCoordinate(i, c);
            long x = Math.round(c.x * 1e5);
            long y = Math.round(c.y * 1e5);
            if (x == lastX && y == lastY) {
                continue; // rounding made it a repeat
            }
            g.writeStartArray();
            g.writeNumber(BigDecimal.valueOf(x, 5).stripTrailingZeros().toPlainString());
            g.writeNumber(BigDecimal.valueOf(y, 5).stripTrailingZeros().toPlainString());
            g.writeEndArray();
            lastX = x;
            lastY = y;
        }
        g.writeEndArray();
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

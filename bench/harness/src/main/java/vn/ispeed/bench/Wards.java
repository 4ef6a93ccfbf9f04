package vn.ispeed.bench;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.locationtech.jts.algorithm.locate.IndexedPointInAreaLocator;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.Location;
import org.locationtech.jts.geom.Polygon;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.zip.GZIPInputStream;

/**
 * The real vn-2025 ward polygons, read once from ../shared/geo (never copied), for placing
 * simulated devices inside communes. Kept apart from geo-service on purpose: the bench must
 * not trust the code it measures to tell it where the points are.
 */
public final class Wards {
    public record Ward(String code, String name, String type, String provinceCode, Geometry geometry,
                       IndexedPointInAreaLocator locator) {
        /** A uniformly random point strictly inside the ward. */
        public Coordinate randomPoint(Random random) {
            Envelope e = geometry.getEnvelopeInternal();
            for (int attempt = 0; attempt < 10_000; attempt++) {
                Coordinate c = new Coordinate(e.getMinX() + random.nextDouble() * e.getWidth(),
                        e.getMinY() + random.nextDouble() * e.getHeight());
                if (locator.locate(c) == Location.INTERIOR) {
                    return c;
                }
            }
            return geometry.getInteriorPoint().getCoordinate();
        }
    }

    private final List<Ward> wards;

    private Wards(List<Ward> wards) {
        this.wards = wards;
    }

    public List<Ward> all() {
        return wards;
    }

    public static Wards load(Path geoRoot) throws IOException {
        Path file = geoRoot.resolve("vn2025/vn2025_wards.geojson.gz");
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException("no ward polygons at " + file + " (set --geo-root or ISPEED_GEO_ROOT)");
        }
        ObjectMapper mapper = new ObjectMapper();
        GeometryFactory gf = new GeometryFactory();
        List<Ward> out = new ArrayList<>(3400);
        try (InputStream in = new GZIPInputStream(Files.newInputStream(file), 1 << 16);
             JsonParser p = mapper.getFactory().createParser(in)) {
            while (p.nextToken() != null) {
                if (p.currentToken() == JsonToken.FIELD_NAME && "features".equals(p.currentName())) {
                    p.nextToken();
                    while (p.nextToken() == JsonToken.START_OBJECT) {
                        JsonNode f = mapper.readTree(p);
                        JsonNode props = f.get("properties");
                        Geometry g = geometry(gf, f.get("geometry"));
                        out.add(new Ward(props.get("code").asText(), props.get("name").asText(), props.get("type").asText(),
                                props.get("province_code").asText(), g, new IndexedPointInAreaLocator(g)));
                    }
                    break;
                }
            }
        }
        return new Wards(List.copyOf(out));
    }

    private static Geometry geometry(GeometryFactory gf, JsonNode g) {
        String type = g.get("type").asText();
        JsonNode coords = g.get("coordinates");
        List<Polygon> polygons = new ArrayList<>();
        if ("Polygon".equals(type)) {
            polygons.add(polygon(gf, coords));
        } else {
            for (JsonNode poly : coords) {
                polygons.add(polygon(gf, poly));
            }
        }
        return polygons.size() == 1 ? polygons.get(0) : gf.createMultiPolygon(polygons.toArray(Polygon[]::new));
    }

    private static Polygon polygon(GeometryFactory gf, JsonNode rings) {
        LinearRing shell = ring(gf, rings.get(0));
        LinearRing[] holes = new LinearRing[rings.size() - 1];
        for (int i = 1; i < rings.size(); i++) {
            holes[i - 1] = ring(gf, rings.get(i));
        }
        return gf.createPolygon(shell, holes);
    }

    private static LinearRing ring(GeometryFactory gf, JsonNode ring) {
        Coordinate[] cs = new Coordinate[ring.size()];
        for (int i = 0; i < cs.length; i++) {
            cs[i] = new Coordinate(ring.get(i).get(0).asDouble(), ring.get(i).get(1).asDouble());
        }
        return gf.createLinearRing(cs);
    }
}

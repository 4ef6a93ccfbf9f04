package vn.ispeed.portal.view;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Boundary GeoJSON (from geo-service) as SVG paths on a plain background: an equirectangular projection
 * scaled by the cosine of the middle latitude, 1,000 units wide, integer coordinates written relative to
 * the previous point (small text that compresses well). No tile server, no map library.
 */
public final class MapSvg {
    public static final int WIDTH = 1000;

    /** One unit's outline: its code, name and the SVG path data. */
    public record Shape(String code, String name, String d) {
    }

    /** The shapes of a layer and the height of its view box (the width is {@link #WIDTH}). */
    public record Layer(List<Shape> shapes, int height, double[] bbox) {
        public Map<String, Shape> byCode() {
            Map<String, Shape> m = new LinkedHashMap<>();
            shapes.forEach(s -> m.put(s.code(), s));
            return m;
        }
    }

    private MapSvg() {
    }

    /** The lon/lat box of a FeatureCollection: minLon, minLat, maxLon, maxLat. */
    public static double[] bbox(JsonNode collection) {
        double[] b = {Double.MAX_VALUE, Double.MAX_VALUE, -Double.MAX_VALUE, -Double.MAX_VALUE};
        for (JsonNode f : collection.path("features")) {
            forEachPoint(f.path("geometry"), (x, y) -> {
                b[0] = Math.min(b[0], x);
                b[1] = Math.min(b[1], y);
                b[2] = Math.max(b[2], x);
                b[3] = Math.max(b[3], y);
            });
        }
        return b;
    }

    /** Per feature code, its own lon/lat box. */
    public static Map<String, double[]> boxes(JsonNode collection) {
        Map<String, double[]> out = new LinkedHashMap<>();
        for (JsonNode f : collection.path("features")) {
            double[] b = {Double.MAX_VALUE, Double.MAX_VALUE, -Double.MAX_VALUE, -Double.MAX_VALUE};
            forEachPoint(f.path("geometry"), (x, y) -> {
                b[0] = Math.min(b[0], x);
                b[1] = Math.min(b[1], y);
                b[2] = Math.max(b[2], x);
                b[3] = Math.max(b[3], y);
            });
            out.put(f.path("properties").path("code").asText(), b);
        }
        return out;
    }

    public static Layer layer(JsonNode collection) {
        double[] b = bbox(collection);
        if (b[0] > b[2]) {
            return new Layer(List.of(), 1, b);
        }
        double k = Math.cos(Math.toRadians((b[1] + b[3]) / 2));
        double w = Math.max((b[2] - b[0]) * k, 1e-9);
        double scale = (WIDTH - 4) / w;
        int height = (int) Math.ceil((b[3] - b[1]) * scale) + 4;
        List<Shape> shapes = new ArrayList<>();
        for (JsonNode f : collection.path("features")) {
            StringBuilder d = new StringBuilder();
            JsonNode g = f.path("geometry");
            if ("Polygon".equals(g.path("type").asText())) {
                ring(d, g.path("coordinates"), b, k, scale);
            } else {
                for (JsonNode poly : g.path("coordinates")) {
                    ring(d, poly, b, k, scale);
                }
            }
            JsonNode p = f.path("properties");
            shapes.add(new Shape(p.path("code").asText(), p.path("name").asText(), d.toString()));
        }
        return new Layer(shapes, height, b);
    }

    private static void ring(StringBuilder d, JsonNode polygon, double[] b, double k, double scale) {
        for (JsonNode ring : polygon) {
            long px = 0;
            long py = 0;
            boolean first = true;
            int written = 0;
            for (JsonNode c : ring) {
                long x = Math.round((c.get(0).asDouble() - b[0]) * k * scale) + 2;
                long y = Math.round((b[3] - c.get(1).asDouble()) * scale) + 2;
                if (first) {
                    d.append('M').append(x).append(' ').append(y);
                    first = false;
                } else if (x != px || y != py) {
                    d.append(written == 0 ? "l" : " ").append(x - px).append(' ').append(y - py);
                    written++;
                } else {
                    continue;
                }
                px = x;
                py = y;
            }
            if (!first) {
                d.append('z');
            }
        }
    }

    private interface PointSink {
        void accept(double x, double y);
    }

    private static void forEachPoint(JsonNode geometry, PointSink sink) {
        walk(geometry.path("coordinates"), sink);
    }

    private static void walk(JsonNode node, PointSink sink) {
        if (node.isArray() && node.size() >= 2 && node.get(0).isNumber()) {
            sink.accept(node.get(0).asDouble(), node.get(1).asDouble());
            return;
        }
        for (JsonNode child : node) {
            walk(child, sink);
        }
    }
}

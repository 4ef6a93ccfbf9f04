package vn.ispeed.geo.boundary;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * Streams a GeoJSON FeatureCollection (plain or gzipped) feature by feature, parsing polygon
 * coordinates straight into a {@link RingSet}: the 163 MB ward file never becomes a tree.
 */
public final class GeoJsonFeatureReader {
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER)
            .build();
    private static final ObjectMapper TREE = new ObjectMapper(FACTORY);

    /** Receives each feature with an areal geometry. */
    @FunctionalInterface
    public interface Sink {
        void feature(String id, Map<String, String> properties, RingSet polygons);
    }

    private GeoJsonFeatureReader() {
    }

    public static InputStream open(Path file) throws IOException {
        InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
        return file.getFileName().toString().endsWith(".gz") ? new GZIPInputStream(in, 1 << 16) : in;
    }

    /** Reads every feature; returns how many had no areal geometry and were skipped. */
    public static int read(Path file, Sink sink) {
        try (InputStream in = open(file); JsonParser p = FACTORY.createParser(in)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new IOException(file + ": not a GeoJSON object");
            }
            int skipped = 0;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken value = p.nextToken();
                if ("features".equals(field) && value == JsonToken.START_ARRAY) {
                    while (p.nextToken() == JsonToken.START_OBJECT) {
                        if (!readFeature(p, sink)) {
                            skipped++;
                        }
                    }
                } else {
                    p.skipChildren();
                }
            }
            return skipped;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static boolean readFeature(JsonParser p, Sink sink) throws IOException {
        String id = null;
        Map<String, String> props = new HashMap<>();
        RingSet rings = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken value = p.nextToken();
            switch (field) {
                case "id" -> id = value == JsonToken.VALUE_NULL ? null : p.getText();
                case "properties" -> {
                    if (value == JsonToken.START_OBJECT) {
                        while (p.nextToken() == JsonToken.FIELD_NAME) {
                            String key = p.currentName();
                            JsonToken v = p.nextToken();
                            if (v.isScalarValue() && v != JsonToken.VALUE_NULL) {
                                props.put(key, p.getText());
                            } else {
                                p.skipChildren();
                            }
                        }
                    }
                }
                case "geometry" -> rings = value == JsonToken.START_OBJECT ? readGeometry(p) : null;
                default -> p.skipChildren();
            }
        }
        if (rings == null || rings.rings() == 0) {
            return false;
        }
        sink.feature(id, props, rings);
        return true;
    }

    private static RingSet readGeometry(JsonParser p) throws IOException {
        String type = null;
        RingSet rings = null;
        JsonNode deferred = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken value = p.nextToken();
            if ("type".equals(field)) {
                type = p.getText();
            } else if ("coordinates".equals(field) && value == JsonToken.START_ARRAY) {
                if (type == null) {
                    deferred = TREE.readTree(p); // "type" after "coordinates": rare, read as a tree
                } else {
                    rings = readCoordinates(p, ringDepth(type));
                }
            } else {
                p.skipChildren();
            }
        }
        if (deferred != null && type != null && ringDepth(type) > 0) {
            try (JsonParser sub = TREE.treeAsTokens(deferred)) {
                sub.nextToken();
                rings = readCoordinates(sub, ringDepth(type));
            }
        }
        return rings;
    }

    private static int ringDepth(String type) {
        return switch (type) {
            case "Polygon" -> 2;
            case "MultiPolygon" -> 3;
            default -> -1;
        };
    }

    /** The parser is on the START_ARRAY of "coordinates"; reads to its END_ARRAY. */
    private static RingSet readCoordinates(JsonParser p, int ringDepth) throws IOException {
        if (ringDepth < 0) {
            p.skipChildren();
            return null;
        }
        RingSet.Builder builder = new RingSet.Builder();
        int depth = 1;
        int ringInPolygon = 0;
        int coord = 0;
        double x = 0;
        double y = 0;
        if (ringDepth == 2) {
            ringInPolygon = 0;
        }
        while (depth > 0) {
            JsonToken t = p.nextToken();
            if (t == JsonToken.START_ARRAY) {
                depth++;
                if (depth == ringDepth - 1) {
                    ringInPolygon = 0;
                } else if (depth == ringDepth) {
                    builder.beginRing(ringInPolygon == 0);
                } else if (depth == ringDepth + 1) {
                    coord = 0;
                }
            } else if (t == JsonToken.END_ARRAY) {
                if (depth == ringDepth + 1) {
                    if (coord >= 2) {
                        builder.add(x, y);
                    }
                } else if (depth == ringDepth) {
                    builder.endRing();
                    ringInPolygon++;
                }
                depth--;
            } else if (t == JsonToken.VALUE_NUMBER_FLOAT || t == JsonToken.VALUE_NUMBER_INT) {
                if (coord == 0) {
                    x = p.getDoubleValue();
                } else if (coord == 1) {
                    y = p.getDoubleValue();
                }
                coord++;
            } else if (t == null) {
                throw new IOException("unexpected end of coordinates");
            }
        }
        return builder.isEmpty() ? null : builder.build();
    }
}

package vn.ispeed.stats.export;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.csv.CsvGenerator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;
import vn.ispeed.events.NetworkType;
import vn.ispeed.stats.api.ApiProblem;
import vn.ispeed.stats.api.RequestParams;
import vn.ispeed.stats.catalogue.Unit;
import vn.ispeed.stats.catalogue.UnitCatalogue;
import vn.ispeed.stats.cell.CellReader;
import vn.ispeed.stats.cell.Figures;
import vn.ispeed.stats.cell.Stat;
import vn.ispeed.stats.config.StatsConfig;
import vn.ispeed.stats.period.Period;
import vn.ispeed.stats.publication.PublicationRule;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Exports of PUBLISHED cells only (anyone may download them): CSV, and GeoJSON joined with geo-service's boundaries.
 * geo-service prepares those boundaries at start-up, so the join is one fetch of bytes, read feature by feature.
 */
@ApplicationScoped
public class ExportService {
    private static final Logger LOG = Logger.getLogger(ExportService.class);

    /** The CSV columns, in order; the stats README documents each one's type. */
    static final List<String> HEADER = List.of("boundary_set", "unit_code", "unit_name", "unit_type", "unit_full_name",
            "level", "parent_code", "province_code", "network", "period", "tests", "devices",
            "download_median_kbps", "download_mean_kbps", "download_p10_kbps", "download_p90_kbps",
            "upload_median_kbps", "upload_mean_kbps", "upload_p10_kbps", "upload_p90_kbps",
            "latency_median_ms", "latency_mean_ms", "latency_p10_ms", "latency_p90_ms", "jitter_median_ms", "loss_median_pct");
    /** The UTF-8 byte order mark: spreadsheet programs then read the names' diacritics as UTF-8. */
    static final String BOM = "\uFEFF";
    /** Seconds a client is asked to wait when geo-service is unreachable (it prepares its layers after a restart). */
    static final int GEO_RETRY_AFTER_SECONDS = 30;

    /** Quotes a field only where CSV needs it (a comma, a quote, a line break, a leading or trailing space). */
    private static final CsvMapper CSV = CsvMapper.builder().enable(CsvGenerator.Feature.STRICT_CHECK_FOR_QUOTING).build();
    private static final CsvSchema CSV_SCHEMA;

    static {
        CsvSchema.Builder schema = CsvSchema.builder().setUseHeader(true).setLineSeparator("\r\n");
        HEADER.forEach(schema::addColumn);
        CSV_SCHEMA = schema.build();
    }

    /** Reads geo's coordinates as decimals, so they are written back exactly as geo wrote them. */
    private static final ObjectMapper EXACT = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    private static final JsonFactory JSON = JsonFactory.builder().enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN).build();

    private final UnitCatalogue catalogue;
    private final CellReader reader;
    private final PublicationRule rule;
    private final GeoClient geo;
    private final ZoneId zone;

    public ExportService(UnitCatalogue catalogue, CellReader reader, PublicationRule rule, @RestClient GeoClient geo,
            StatsConfig config) {
        this.catalogue = catalogue;
        this.reader = reader;
        this.rule = rule;
        this.geo = geo;
        this.zone = ZoneId.of(config.zone());
    }

    public record Published(Unit unit, Figures figures) {
    }

    public record Request(UnitCatalogue.BoundarySet set, String level, NetworkType network, Period period, String parent) {
    }

    /** geo-service cannot give the boundaries now (unreachable, timed out or 5xx): a 503 with Retry-After. */
    public static final class GeoUnavailable extends RuntimeException {
        private final int retryAfterSeconds;

        GeoUnavailable(String detail, int retryAfterSeconds) {
            super(detail, null, false, false);
            this.retryAfterSeconds = retryAfterSeconds;
        }

        public int retryAfterSeconds() {
            return retryAfterSeconds;
        }
    }

    public Request request(String set, String level, String network, String period, String parent) {
        UnitCatalogue.BoundarySet s = RequestParams.set(catalogue, set);
        String l = RequestParams.level(s, level);
        NetworkType n = RequestParams.network(network);
        Period p = RequestParams.period(period, zone);
        if (parent != null && !parent.isBlank() && s.unit(parent).isEmpty()) {
            throw ApiProblem.validation("parent", "unknown parent unit '" + parent + "'");
        }
        return new Request(s, l, n, p, parent == null || parent.isBlank() ? null : parent);
    }

    public Uni<List<Published>> published(Request r) {
        return reader.figures(r.set().name(), r.network(), null, r.period(), CellReader.Selection.level(r.level()))
                .map(found -> {
                    List<Published> out = new ArrayList<>();
                    for (Unit u : r.set().atLevel(r.level())) {
                        if (r.parent() != null && !r.parent().equals(u.parentCode()) && !r.parent().equals(u.provinceCode())) {
                            continue;
                        }
                        Figures f = found.get(u.code());
                        if (f != null && rule.evaluate(u.level(), r.network(), f).published()) {
                            out.add(new Published(u, f));
                        }
                    }
                    return out;
                });
    }

    /** UTF-8 with a byte order mark, a header row, CRLF line ends, fields quoted where needed (Jackson's CSV writer). */
    public Uni<byte[]> csv(Request r) {
        return published(r).map(rows -> {
            ByteArrayOutputStream out = new ByteArrayOutputStream(256 + rows.size() * 200);
            try (Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8)) {
                w.write(BOM);
                try (var values = CSV.writer(CSV_SCHEMA).writeValues(w)) {
                    for (Published p : rows) {
                        values.write(csvRow(r, p));
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return out.toByteArray();
        });
    }

    private static List<Object> csvRow(Request r, Published p) {
        Unit u = p.unit();
        Figures f = p.figures();
        List<Object> v = new ArrayList<>(HEADER.size());
        v.add(r.set().name());
        v.add(u.code());
        v.add(u.shortName());
        v.add(u.type());
        v.add(u.fullName());
        v.add(u.level());
        v.add(u.parentCode());
        v.add(u.provinceCode());
        v.add(r.network().name());
        v.add(r.period().label());
        v.add(f.tests());
        v.add(f.devices());
        addStat(v, f.download());
        addStat(v, f.upload());
        addStat(v, f.latency());
        v.add(f.jitterMedian());
        v.add(f.lossMedian());
        return v;
    }

    /**
     * The published units' boundaries from geo-service with their figures, as a FeatureCollection with its bbox.
     * Fails with a 404 problem when the set has no polygons for the level, and with {@link GeoUnavailable} when
     * geo-service cannot answer.
     */
    public Uni<byte[]> geojson(Request r) {
        return published(r).flatMap(rows -> geo.boundaries(r.set().name(), r.level(), r.parent())
                .onFailure().transform(e -> geoFailure(r, e))
                .map(boundaries -> join(r, rows, boundaries)));
    }

    private static RuntimeException geoFailure(Request r, Throwable e) {
        if (e instanceof GeoClient.Refused refused) {
            if (refused.status() == 404) {
                JsonNode problem = problem(refused.body());
                boolean noPolygons = problem.path("type").asText("").endsWith("/no-boundaries");
                return new ApiProblem(404, ApiProblem.BASE + (noPolygons ? "no-boundaries" : "not-found"), "Not found",
                        problem.path("detail").asText(r.set().name() + " has no polygons for level " + r.level()), null);
            }
            if (refused.status() >= 500) {
                LOG.warnf("geo-service answered %d for the boundaries of %s %s", refused.status(), r.set().name(), r.level());
                return new GeoUnavailable("geo-service cannot give the boundaries now (it answered " + refused.status() + ")",
                        retryAfter(refused.retryAfter()));
            }
            LOG.errorf("geo-service refused the boundary request of %s %s: %d %s", r.set().name(), r.level(),
                    refused.status(), refused.body());
            return new ApiProblem(502, ApiProblem.BASE + "bad-gateway", "Bad gateway",
                    "geo-service refused the boundary request (" + refused.status() + ")", null);
        }
        LOG.warnf("geo-service unreachable for the boundaries of %s %s: %s", r.set().name(), r.level(), e.toString());
        return new GeoUnavailable("geo-service is unreachable", GEO_RETRY_AFTER_SECONDS);
    }

    private static JsonNode problem(String body) {
        try {
            return body == null || body.isBlank() ? EXACT.createObjectNode() : EXACT.readTree(body);
        } catch (IOException e) {
            return EXACT.createObjectNode();
        }
    }

    /** geo's Retry-After in seconds, or ours when it sent none (or a date). */
    private static int retryAfter(String header) {
        try {
            return header == null ? GEO_RETRY_AFTER_SECONDS : Math.max(1, Integer.parseInt(header.trim()));
        } catch (NumberFormatException e) {
            return GEO_RETRY_AFTER_SECONDS;
        }
    }

    /** Reads geo's FeatureCollection one feature at a time and writes the published ones with their figures. */
    static byte[] join(Request r, List<Published> rows, byte[] boundaries) {
        Map<String, Published> byCode = new HashMap<>();
        rows.forEach(p -> byCode.put(p.unit().code(), p));
        BigDecimal[] bbox = new BigDecimal[4];
        ByteArrayOutputStream features = new ByteArrayOutputStream(Math.max(1024, boundaries.length / 2));
        int written = 0;
        try (JsonParser p = EXACT.getFactory().createParser(boundaries);
             JsonGenerator g = JSON.createGenerator(features, JsonEncoding.UTF8)) {
            g.setCodec(EXACT);
            g.setRootValueSeparator(null);
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new IOException("geo-service's boundaries are not a JSON object");
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken value = p.nextToken();
                if (!"features".equals(field) || value != JsonToken.START_ARRAY) {
                    p.skipChildren();
                    continue;
                }
                while (p.nextToken() == JsonToken.START_OBJECT) {
                    JsonNode feature = EXACT.readTree(p);
                    String code = feature.hasNonNull("id") ? feature.get("id").asText()
                            : feature.path("properties").path("code").asText(null);
                    Published published = code == null ? null : byCode.get(code);
                    if (published == null) {
                        continue;
                    }
                    if (written++ > 0) {
                        g.writeRaw(',');
                    }
                    writeFeature(g, r, published, feature.get("geometry"));
                    expand(bbox, feature.path("geometry").path("coordinates"));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(features.size() + 256);
        try (JsonGenerator g = JSON.createGenerator(out, JsonEncoding.UTF8)) {
            g.writeStartObject();
            g.writeStringField("type", "FeatureCollection");
            if (bbox[0] != null) {
                g.writeArrayFieldStart("bbox");
                for (BigDecimal b : bbox) {
                    g.writeNumber(b);
                }
                g.writeEndArray();
            }
            g.writeFieldName("features");
            g.writeStartArray();
            g.flush();
            features.writeTo(out); // written outside the generator, which still sees an empty array
            g.writeEndArray();
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static void writeFeature(JsonGenerator g, Request r, Published p, JsonNode geometry) throws IOException {
        Unit u = p.unit();
        Figures f = p.figures();
        g.writeStartObject();
        g.writeStringField("type", "Feature");
        g.writeStringField("id", u.code());
        g.writeFieldName("geometry");
        if (geometry == null) {
            g.writeNull();
        } else {
            g.writeTree(geometry);
        }
        g.writeObjectFieldStart("properties");
        g.writeStringField("code", u.code());
        g.writeStringField("name", u.shortName());
        g.writeStringField("unitType", u.type());
        g.writeStringField("fullName", u.fullName());
        g.writeStringField("level", u.level());
        g.writeStringField("network", r.network().name());
        g.writeStringField("period", r.period().label());
        g.writeStringField("status", "PUBLISHED");
        g.writeNumberField("tests", f.tests());
        g.writeNumberField("devices", f.devices());
        g.writeObjectField("downloadKbps", f.download());
        g.writeObjectField("uploadKbps", f.upload());
        g.writeObjectField("latencyMs", f.latency());
        if (f.jitterMedian() != null) {
            g.writeNumberField("jitterMedianMs", f.jitterMedian());
        }
        if (f.lossMedian() != null) {
            g.writeNumberField("lossMedianPct", f.lossMedian());
        }
        g.writeEndObject();
        g.writeEndObject();
    }

    /** Widens [minX, minY, maxX, maxY] by every position of a (multi)polygon's coordinates. */
    private static void expand(BigDecimal[] bbox, JsonNode coordinates) {
        if (!coordinates.isArray() || coordinates.isEmpty()) {
            return;
        }
        if (coordinates.get(0).isNumber()) {
            BigDecimal x = coordinates.get(0).decimalValue();
            BigDecimal y = coordinates.get(1).decimalValue();
            bbox[0] = bbox[0] == null || x.compareTo(bbox[0]) < 0 ? x : bbox[0];
            bbox[1] = bbox[1] == null || y.compareTo(bbox[1]) < 0 ? y : bbox[1];
            bbox[2] = bbox[2] == null || x.compareTo(bbox[2]) > 0 ? x : bbox[2];
            bbox[3] = bbox[3] == null || y.compareTo(bbox[3]) > 0 ? y : bbox[3];
            return;
        }
        for (JsonNode child : coordinates) {
            expand(bbox, child);
        }
    }

    private static void addStat(List<Object> v, Stat s) {
        if (s == null) {
            v.add(null);
            v.add(null);
            v.add(null);
            v.add(null);
        } else {
            // a figure rounded here would not be the API's, nor percentile_cont's over the same tests
            v.addAll(List.of(s.median(), s.mean(), s.p10(), s.p90()));
        }
    }
}

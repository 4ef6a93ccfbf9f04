package vn.ispeed.stats.export;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.rest.client.inject.RestClient;
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

import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Exports of PUBLISHED cells only (anyone may download them): CSV, and GeoJSON joined with geo-service boundaries. */
@ApplicationScoped
public class ExportService {
    static final String[] HEADER = {"boundary_set", "unit_code", "unit_name", "level", "province_code", "network", "period",
        "tests", "devices", "download_median_kbps", "download_mean_kbps", "download_p10_kbps", "download_p90_kbps",
        "upload_median_kbps", "upload_mean_kbps", "upload_p10_kbps", "upload_p90_kbps", "latency_median_ms",
        "latency_mean_ms", "latency_p10_ms", "latency_p90_ms", "jitter_median_ms", "loss_median_pct"};

    private final UnitCatalogue catalogue;
    private final CellReader reader;
    private final PublicationRule rule;
    private final GeoClient geo;
    private final ObjectMapper mapper;
    private final ZoneId zone;

    public ExportService(UnitCatalogue catalogue, CellReader reader, PublicationRule rule, @RestClient GeoClient geo,
            ObjectMapper mapper, StatsConfig config) {
        this.catalogue = catalogue;
        this.reader = reader;
        this.rule = rule;
        this.geo = geo;
        this.mapper = mapper;
        this.zone = ZoneId.of(config.zone());
    }

    public record Published(Unit unit, Figures figures) {
    }

    public record Request(UnitCatalogue.BoundarySet set, String level, NetworkType network, Period period, String parent) {
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

    public Uni<String> csv(Request r) {
        return published(r).map(rows -> {
            StringBuilder sb = new StringBuilder(String.join(",", HEADER)).append("\r\n");
            for (Published p : rows) {
                Figures f = p.figures();
                List<Object> v = new ArrayList<>(List.of(r.set().name(), p.unit().code(), p.unit().name(), p.unit().level(),
                        p.unit().provinceCode() == null ? "" : p.unit().provinceCode(), r.network().name(), r.period().label(),
                        f.tests(), f.devices()));
                addStat(v, f.download());
                addStat(v, f.upload());
                addStat(v, f.latency());
                v.add(f.jitterMedian() == null ? "" : f.jitterMedian());
                v.add(f.lossMedian() == null ? "" : f.lossMedian());
                for (int i = 0; i < v.size(); i++) {
                    sb.append(i > 0 ? "," : "").append(csvField(String.valueOf(v.get(i))));
                }
                sb.append("\r\n");
            }
            return sb.toString();
        });
    }

    public Uni<ObjectNode> geojson(Request r) {
        return published(r).flatMap(rows -> geo.boundaries(r.set().name(), r.level(), r.parent())
                .ifNoItem().after(Duration.ofSeconds(30)).fail()
                .onFailure().transform(e -> ApiProblem.unavailable("geo-service boundaries unavailable"))
                .map(boundaries -> join(r, rows, boundaries)));
    }

    private ObjectNode join(Request r, List<Published> rows, JsonNode boundaries) {
        Map<String, Published> byCode = new java.util.HashMap<>();
        rows.forEach(p -> byCode.put(p.unit().code(), p));
        ObjectNode out = mapper.createObjectNode();
        out.put("type", "FeatureCollection");
        ArrayNode features = out.putArray("features");
        for (JsonNode feature : boundaries.path("features")) {
            String code = feature.hasNonNull("id") ? feature.get("id").asText() : feature.path("properties").path("code").asText(null);
            Published p = code == null ? null : byCode.get(code);
            if (p == null) {
                continue;
            }
            ObjectNode f = features.addObject();
            f.put("type", "Feature");
            f.put("id", code);
            f.set("geometry", feature.get("geometry"));
            ObjectNode props = f.putObject("properties");
            props.put("code", code);
            props.put("name", p.unit().name());
            props.put("level", p.unit().level());
            props.put("network", r.network().name());
            props.put("period", r.period().label());
            props.put("status", "PUBLISHED");
            props.put("tests", p.figures().tests());
            props.put("devices", p.figures().devices());
            props.set("downloadKbps", mapper.valueToTree(p.figures().download()));
            props.set("uploadKbps", mapper.valueToTree(p.figures().upload()));
            props.set("latencyMs", mapper.valueToTree(p.figures().latency()));
            if (p.figures().jitterMedian() != null) {
                props.put("jitterMedianMs", p.figures().jitterMedian());
            }
            if (p.figures().lossMedian() != null) {
                props.put("lossMedianPct", p.figures().lossMedian());
            }
        }
        return out;
    }

    private static void addStat(List<Object> v, Stat s) {
        if (s == null) {
            v.addAll(List.of("", "", "", ""));
        } else {
            // the API's doubles as they are (Java writes the shortest decimal that reads back as the same double):
            // a figure rounded here would not be the API's, nor percentile_cont's over the same tests
            v.addAll(List.of(s.median(), s.mean(), s.p10(), s.p90()));
        }
    }

    static String csvField(String s) {
        if (s.contains(",") || s.contains("\"") || s.contains("\n") || s.contains("\r")) {
            return "\"" + s.replace("\"", "\"\"") + "\"";
        }
        return s;
    }
}

package vn.ispeed.portal.data;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import vn.ispeed.portal.client.GeoClient;
import vn.ispeed.portal.view.MapSvg;

import java.util.Map;
import java.util.function.Supplier;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Map layers from geo-service's boundary GeoJSON, simplified for the zoom they are drawn at: the nation's
 * provinces at {@value #NATION_TOLERANCE_M} m, a province's units at about one pixel of the map
 * (the province's width over {@value #MAP_PIXELS} pixels, between {@value #MIN_TOLERANCE_M} and
 * {@value #MAX_TOLERANCE_M} m). Boundaries change only with a new boundary set, so each layer is fetched
 * once and kept as SVG paths.
 */
@ApplicationScoped
public class Boundaries {
    static final double NATION_TOLERANCE_M = 1000;
    static final double MAP_PIXELS = 800;
    static final double MIN_TOLERANCE_M = 30;
    static final double MAX_TOLERANCE_M = 400;

    private final GeoClient geo;
    private final Map<String, Uni<MapSvg.Layer>> layers = new ConcurrentHashMap<>();
    private final Map<String, Uni<Map<String, double[]>>> provinceBoxes = new ConcurrentHashMap<>();

    public Boundaries(@RestClient GeoClient geo) {
        this.geo = geo;
    }

    /** The provinces of a set, for the national map. */
    public Uni<MapSvg.Layer> provinces(String set) {
        return cached(set + "|province", () -> geo.boundaries(set, "province", null, NATION_TOLERANCE_M).map(MapSvg::layer));
    }

    /** The units one level below a province (vn-2025: communes; vn-2024: districts). */
    public Uni<MapSvg.Layer> childrenOf(String set, String province, String level) {
        return boxes(set).flatMap(boxes -> {
            double tolerance = toleranceFor(boxes.get(province));
            return cached(set + "|" + level + "|" + province,
                    () -> geo.boundaries(set, level, province, tolerance).map(MapSvg::layer));
        });
    }

    /** One pixel of an {@value #MAP_PIXELS}-pixel map of this box, in metres. */
    static double toleranceFor(double[] box) {
        if (box == null) {
            return 75;
        }
        double k = Math.cos(Math.toRadians((box[1] + box[3]) / 2));
        double widthM = Math.max((box[2] - box[0]) * k, box[3] - box[1]) * 111_320;
        return Math.max(MIN_TOLERANCE_M, Math.min(MAX_TOLERANCE_M, Math.round(widthM / MAP_PIXELS)));
    }

    private Uni<Map<String, double[]>> boxes(String set) {
        return provinceBoxes.computeIfAbsent(set, s -> geo.boundaries(s, "province", null, NATION_TOLERANCE_M)
                .map(MapSvg::boxes)
                .onFailure().invoke(() -> provinceBoxes.remove(s))
                .memoize().indefinitely());
    }

    /** Both sets' layers number about a hundred: kept whole; a failed fetch is forgotten, so the next page tries again. */
    private Uni<MapSvg.Layer> cached(String key, Supplier<Uni<MapSvg.Layer>> load) {
        return layers.computeIfAbsent(key, k -> load.get()
                .onFailure().invoke(() -> layers.remove(k))
                .memoize().indefinitely());
    }
}

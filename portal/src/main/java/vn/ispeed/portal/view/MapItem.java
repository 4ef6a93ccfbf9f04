package vn.ispeed.portal.view;

import io.quarkus.qute.TemplateData;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** One shape of a choropleth: the unit, its outline, its fill and the text a pointer shows. */
@TemplateData
public record MapItem(String code, String name, String d, String fill, String title, String href) {

    /** Joins a layer's shapes with the API's rows by unit code; a shape without a row is drawn as "no figure". */
    public static List<MapItem> join(MapSvg.Layer layer, Map<String, Row> rows, String network, String mode, Fmt f,
            Map<String, String> t, String hrefPrefix, String hrefSuffix) {
        List<MapItem> out = new ArrayList<>();
        for (MapSvg.Shape s : layer.shapes()) {
            Row r = rows.get(s.code());
            String fill = r == null ? "url(#hatch-none)" : Legend.fill(r, network, mode);
            String title = s.name() + ": " + (r == null ? t.get("legend_nofigure")
                    : r.published() ? f.mbps(r.downMedian()) + " Mbit/s" : t.get("status_INSUFFICIENT"));
            out.add(new MapItem(s.code(), s.name(), s.d(), fill, title, hrefPrefix + s.code() + hrefSuffix));
        }
        return out;
    }
}

package vn.ispeed.portal.view;

import io.quarkus.qute.TemplateData;

import java.util.ArrayList;
import java.util.List;

/**
 * The map's colour classes of median download, in Mbit/s, per network: a 5-class sequential palette
 * (ColorBrewer YlGnBu, readable with every common colour-vision deficiency), and a grey hatch for a unit
 * without a published figure, so "no figure" is told by pattern, not by colour alone.
 */
@TemplateData
public record Legend(List<Item> items) {
    @TemplateData
    public record Item(String fill, String label, String cls) {
    }

    static final String[] COLOURS = {"#ffffcc", "#a1dab4", "#41b6c4", "#2c7fb8", "#253494"};
    static final double[] FIXED = {50, 100, 200, 400};
    static final double[] MOBILE = {20, 50, 100, 200};
    public static final String PUBLISHED = "#2c7fb8";
    public static final String INSUFFICIENT = "#f4a259";

    public static double[] bounds(String network) {
        return "mobile".equals(network) ? MOBILE : FIXED;
    }

    /** The class (0..4) of a median in kbit/s; -1 without a figure. */
    public static int classOf(Double kbps, String network) {
        if (kbps == null) {
            return -1;
        }
        double mbps = kbps / 1000;
        double[] b = bounds(network);
        int i = 0;
        while (i < b.length && mbps >= b[i]) {
            i++;
        }
        return i;
    }

    public static String fill(Row r, String network, String mode) {
        if ("status".equals(mode)) {
            return r.published() ? PUBLISHED : "url(#hatch-insufficient)";
        }
        int c = classOf(r.downMedian(), network);
        return c < 0 ? "url(#hatch-none)" : COLOURS[c];
    }

    public static Legend of(String network, String mode, Fmt f, java.util.Map<String, String> t) {
        List<Item> items = new ArrayList<>();
        if ("status".equals(mode)) {
            items.add(new Item(PUBLISHED, t.get("status_PUBLISHED"), "sw"));
            items.add(new Item("url(#hatch-insufficient)", t.get("status_INSUFFICIENT"), "sw"));
            return new Legend(items);
        }
        double[] b = bounds(network);
        for (int i = 0; i <= b.length; i++) {
            String label = i == 0 ? "< " + f.num(b[0]) : i == b.length ? "≥ " + f.num(b[b.length - 1]) : f.num(b[i - 1]) + "–" + f.num(b[i]);
            items.add(new Item(COLOURS[i], label + " Mbit/s", "sw"));
        }
        items.add(new Item("url(#hatch-none)", t.get("legend_nofigure"), "sw"));
        return new Legend(items);
    }
}

package vn.ispeed.portal.view;

import java.util.List;
import java.util.Locale;

/**
 * Small server-drawn SVG charts (no chart library): grouped bars for counts per month and lines for a median
 * trend. Two colour-blind-safe colours (blue and orange) that also differ by pattern (solid / dashed line,
 * round / square marker), so no figure is told by colour alone; every chart has a data table beside it.
 */
public final class ChartSvg {
    public static final String BLUE = "#1f5f99";
    public static final String ORANGE = "#b35806";
    private static final int W = 640;
    private static final int H = 220;
    private static final int LEFT = 56;
    private static final int BOTTOM = 28;
    private static final int TOP = 12;

    public record Series(String name, List<? extends Number> values) {
    }

    private ChartSvg() {
    }

    /** Grouped bars, one group per label; null values draw nothing. */
    public static String bars(String title, List<String> labels, Series a, Series b, Fmt fmt) {
        double max = Math.max(max(a.values()), max(b.values()));
        double top = niceCeil(max);
        StringBuilder s = open(title);
        axes(s, top, fmt);
        int n = labels.size();
        double slot = (W - LEFT - 8) / (double) Math.max(n, 1);
        double bw = slot * 0.36;
        for (int i = 0; i < n; i++) {
            double x0 = LEFT + i * slot + slot * 0.12;
            bar(s, x0, a.values().get(i), top, bw, BLUE, a.name() + " " + labels.get(i), fmt, false);
            bar(s, x0 + bw, b.values().get(i), top, bw, ORANGE, b.name() + " " + labels.get(i), fmt, true);
            label(s, LEFT + i * slot + slot / 2, labels.get(i));
        }
        legend(s, a.name(), b.name(), false);
        return s.append("</svg>").toString();
    }

    /** Lines over the labels; a null value breaks the line (a month without a published figure). */
    public static String lines(String title, List<String> labels, Series a, Series b, Fmt fmt, double divisor) {
        double max = Math.max(max(a.values()), max(b.values())) / divisor;
        double top = niceCeil(max);
        StringBuilder s = open(title);
        axes(s, top, fmt);
        int n = labels.size();
        double slot = (W - LEFT - 8) / (double) Math.max(n, 1);
        line(s, a.values(), top, slot, BLUE, false, divisor);
        line(s, b.values(), top, slot, ORANGE, true, divisor);
        for (int i = 0; i < n; i++) {
            label(s, LEFT + i * slot + slot / 2, labels.get(i));
        }
        legend(s, a.name(), b.name(), true);
        return s.append("</svg>").toString();
    }

    private static StringBuilder open(String title) {
        StringBuilder s = new StringBuilder(4096);
        s.append("<svg class=\"chart\" viewBox=\"0 0 ").append(W).append(' ').append(H + 24)
                .append("\" role=\"img\" aria-label=\"").append(esc(title)).append("\" focusable=\"false\">");
        return s;
    }

    private static void axes(StringBuilder s, double top, Fmt fmt) {
        for (int i = 0; i <= 4; i++) {
            double v = top * i / 4;
            double y = y(v, top);
            s.append("<line x1=\"").append(LEFT).append("\" x2=\"").append(W - 8).append("\" y1=\"").append(f(y)).append("\" y2=\"")
                    .append(f(y)).append("\" class=\"grid\"/>");
            s.append("<text x=\"").append(LEFT - 6).append("\" y=\"").append(f(y + 4)).append("\" class=\"tick\" text-anchor=\"end\">")
                    .append(esc(top >= 10 ? fmt.num(v) : fmt.dec(v, 1))).append("</text>");
        }
    }

    private static void bar(StringBuilder s, double x, Number v, double top, double w, String colour, String name, Fmt fmt,
            boolean hatched) {
        if (v == null) {
            return;
        }
        double y = y(v.doubleValue(), top);
        s.append("<rect x=\"").append(f(x)).append("\" y=\"").append(f(y)).append("\" width=\"").append(f(w - 1))
                .append("\" height=\"").append(f(H - BOTTOM - y)).append("\" fill=\"").append(hatched ? "url(#hatch-orange)" : colour)
                .append("\" stroke=\"").append(colour).append("\"><title>").append(esc(name + ": " + fmt.num(v))).append("</title></rect>");
    }

    private static void line(StringBuilder s, List<? extends Number> values, double top, double slot, String colour, boolean dashed,
            double divisor) {
        StringBuilder d = new StringBuilder();
        boolean pen = false;
        for (int i = 0; i < values.size(); i++) {
            Number v = values.get(i);
            if (v == null) {
                pen = false;
                continue;
            }
            double x = LEFT + i * slot + slot / 2;
            double y = y(v.doubleValue() / divisor, top);
            d.append(pen ? 'L' : 'M').append(f(x)).append(' ').append(f(y));
            pen = true;
            if (dashed) {
                s.append("<rect x=\"").append(f(x - 4)).append("\" y=\"").append(f(y - 4)).append("\" width=\"8\" height=\"8\" fill=\"")
                        .append(colour).append("\"/>");
            } else {
                s.append("<circle cx=\"").append(f(x)).append("\" cy=\"").append(f(y)).append("\" r=\"4\" fill=\"").append(colour).append("\"/>");
            }
        }
        s.append("<path d=\"").append(d).append("\" fill=\"none\" stroke=\"").append(colour).append("\" stroke-width=\"2.5\"")
                .append(dashed ? " stroke-dasharray=\"7 4\"" : "").append("/>");
    }

    private static void label(StringBuilder s, double x, String text) {
        s.append("<text x=\"").append(f(x)).append("\" y=\"").append(H - BOTTOM + 16).append("\" class=\"tick\" text-anchor=\"middle\">")
                .append(esc(text)).append("</text>");
    }

    private static void legend(StringBuilder s, String a, String b, boolean lines) {
        int y = H + 12;
        if (lines) {
            s.append("<path d=\"M").append(LEFT).append(' ').append(y).append("h28\" stroke=\"").append(BLUE).append("\" stroke-width=\"2.5\"/>");
            s.append("<path d=\"M").append(LEFT + 200).append(' ').append(y).append("h28\" stroke=\"").append(ORANGE)
                    .append("\" stroke-width=\"2.5\" stroke-dasharray=\"7 4\"/>");
        } else {
            s.append("<rect x=\"").append(LEFT).append("\" y=\"").append(y - 6).append("\" width=\"28\" height=\"12\" fill=\"").append(BLUE).append("\"/>");
            s.append("<rect x=\"").append(LEFT + 200).append("\" y=\"").append(y - 6).append("\" width=\"28\" height=\"12\" fill=\"url(#hatch-orange)\" stroke=\"")
                    .append(ORANGE).append("\"/>");
        }
        s.append("<text x=\"").append(LEFT + 34).append("\" y=\"").append(y + 4).append("\" class=\"tick\">").append(esc(a)).append("</text>");
        s.append("<text x=\"").append(LEFT + 234).append("\" y=\"").append(y + 4).append("\" class=\"tick\">").append(esc(b)).append("</text>");
    }

    private static double y(double v, double top) {
        return TOP + (H - BOTTOM - TOP) * (1 - (top == 0 ? 0 : v / top));
    }

    private static double max(List<? extends Number> values) {
        double m = 0;
        for (Number v : values) {
            if (v != null) {
                m = Math.max(m, v.doubleValue());
            }
        }
        return m;
    }

    /** 1, 2, 2.5 or 5 times a power of ten, at least the value (an axis that ends on a round number). */
    static double niceCeil(double v) {
        if (v <= 0) {
            return 1;
        }
        double p = Math.pow(10, Math.floor(Math.log10(v)));
        for (double m : new double[] {1, 2, 2.5, 5, 10}) {
            if (m * p >= v) {
                return m * p;
            }
        }
        return 10 * p;
    }

    private static String f(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }

    static String esc(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}

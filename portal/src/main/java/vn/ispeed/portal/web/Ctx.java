package vn.ispeed.portal.web;

import io.quarkus.qute.TemplateData;
import jakarta.ws.rs.core.UriInfo;
import vn.ispeed.portal.security.Caller;
import vn.ispeed.portal.view.Fmt;
import vn.ispeed.portal.view.I18n;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What every page needs: the reader's language and formats, who they are, and the switches (boundary set,
 * network, period, map mode) read from the query string, each checked against the values it may take.
 */
@TemplateData
public record Ctx(String lang, Map<String, String> t, Fmt f, Caller caller, String set, String network, String period,
        String mode, String path, String query, List<Option> periods) {

    @TemplateData
    public record Option(String value, String label, boolean selected) {
    }

    public static final ZoneId ZONE = ZoneId.of("Asia/Ho_Chi_Minh");
    static final Set<String> SETS = Set.of("vn-2025", "vn-2024");

    public static Ctx of(UriInfo uri, String langCookie, Caller caller) {
        var q = uri.getQueryParameters();
        String lang = I18n.lang(q.getFirst("lang") != null ? q.getFirst("lang") : langCookie);
        String requestedSet = q.getFirst("set");
        String set = requestedSet != null && SETS.contains(requestedSet) ? requestedSet : "vn-2025";
        String network = "mobile".equals(q.getFirst("network")) ? "mobile" : "fixed";
        String mode = "status".equals(q.getFirst("mode")) ? "status" : "median";
        YearMonth now = YearMonth.now(ZONE);
        String month = now.toString();
        String previous = now.minusMonths(1).toString();
        String quarter = now.getYear() + "-Q" + ((now.getMonthValue() - 1) / 3 + 1);
        List<String> allowed = List.of("last12m", month, previous, quarter);
        String period = q.getFirst("period");
        if (period == null || !(allowed.contains(period) || period.matches("\\d{4}-(0[1-9]|1[0-2])|\\d{4}-Q[1-4]"))) {
            period = "last12m";
        }
        Fmt f = new Fmt(lang);
        Map<String, String> t = I18n.words(lang);
        List<Option> periods = new ArrayList<>();
        periods.add(new Option("last12m", t.get("period_last12m"), period.equals("last12m")));
        periods.add(new Option(month, t.get("period_month") + " " + f.period(month), period.equals(month)));
        periods.add(new Option(previous, t.get("period_previous") + " " + f.period(previous), period.equals(previous)));
        periods.add(new Option(quarter, t.get("period_quarter") + " " + f.period(quarter), period.equals(quarter)));
        if (!allowed.contains(period)) {
            periods.add(new Option(period, f.period(period), true));
        }
        String raw = uri.getRequestUri().getRawQuery();
        return new Ctx(lang, t, f, caller, set, network, period, mode, uri.getPath(), raw == null ? "" : raw, periods);
    }

    /** The query string of this page with one switch changed (links of the switches). */
    public String with(String key, String value) {
        StringBuilder s = new StringBuilder("?");
        Map<String, String> v = new java.util.LinkedHashMap<>();
        v.put("set", set);
        v.put("network", network);
        v.put("period", period);
        v.put("mode", mode);
        v.put(key, value);
        v.forEach((k, val) -> {
            if (s.length() > 1) {
                s.append("&");
            }
            s.append(k).append('=').append(URLEncoder.encode(val, StandardCharsets.UTF_8));
        });
        return s.toString();
    }

    /** The switches as a query string, for links to other pages that keep them. */
    public String keep() {
        return "?set=" + set + "&network=" + network + "&period=" + URLEncoder.encode(period, StandardCharsets.UTF_8);
    }

    public String otherLang() {
        return I18n.EN.equals(lang) ? I18n.VI : I18n.EN;
    }

    /** Where the language switch returns to. */
    public String here() {
        return URLEncoder.encode(path + (query.isEmpty() ? "" : "?" + query), StandardCharsets.UTF_8);
    }

    /** The vn-2025 communes, or the vn-2024 districts: the level under a province. */
    public String childLevel() {
        return "vn-2024".equals(set) ? "district" : "commune";
    }

    /** The twelve months that end with the selected period's last month (or this month). */
    public String seriesTo() {
        if (period.matches("\\d{4}-\\d{2}")) {
            return period;
        }
        if (period.matches("\\d{4}-Q[1-4]")) {
            int q = period.charAt(6) - '0';
            return YearMonth.of(Integer.parseInt(period.substring(0, 4)), q * 3).toString();
        }
        return YearMonth.now(ZONE).toString();
    }

    public String seriesFrom() {
        return YearMonth.parse(seriesTo()).minusMonths(11).toString();
    }
}

package vn.ispeed.portal.web;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.qute.TemplateData;
import io.smallrye.mutiny.Uni;
import vn.ispeed.portal.data.Figures;
import vn.ispeed.portal.security.Caller;
import vn.ispeed.portal.view.ChartSvg;
import vn.ispeed.portal.view.Fmt;
import vn.ispeed.portal.view.Row;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A unit (province, district or commune) with both networks for the selected period and its twelve months:
 * tests and users per month, and the median download trend of fixed against mobile broadband. Every figure
 * is stats-service's (the {@code unit} and {@code series} endpoints); months without a published figure stay
 * empty in the trend and, for a reader without full detail, in the counts.
 */
@TemplateData
public record UnitView(Row fixed, Row mobile, List<Month> months, String countsFixedSvg, String countsMobileSvg, String trendSvg,
        List<Row> children) {

    /** Both networks' cells, fixed first (the rows of the unit's table). */
    public List<Row> cells() {
        return List.of(fixed, mobile);
    }

    @TemplateData
    public record Month(String label, Row fixed, Row mobile) {
    }

    static Uni<UnitView> load(Figures figures, Ctx ctx, Caller c, String province, String unit) {
        Uni<JsonNode> fixed = figures.unit(c, ctx.set(), unit, "fixed", ctx.period());
        Uni<JsonNode> mobile = figures.unit(c, ctx.set(), unit, "mobile", ctx.period());
        Uni<JsonNode> sf = figures.series(c, ctx.set(), unit, "fixed", ctx.seriesFrom(), ctx.seriesTo());
        Uni<JsonNode> sm = figures.series(c, ctx.set(), unit, "mobile", ctx.seriesFrom(), ctx.seriesTo());
        Uni<JsonNode> children = "vn-2024".equals(ctx.set()) && unit.length() == 3
                ? figures.children(c, ctx.set(), unit, ctx.network(), ctx.period())
                : Uni.createFrom().nullItem();
        return Uni.combine().all().unis(fixed, mobile, sf, sm, children).with(list -> {
            JsonNode f = (JsonNode) list.get(0);
            if (!province.equals(f.path("provinceCode").asText())) {
                throw PortalProblem.notFound("unit " + unit + " in province " + province);
            }
            List<Row> kids = list.get(4) == null ? List.of() : PageSupport.rows((JsonNode) list.get(4));
            return of(Row.of(f), Row.of((JsonNode) list.get(1)), (JsonNode) list.get(2), (JsonNode) list.get(3), ctx.f(), ctx.t(), kids);
        });
    }

    static UnitView of(Row fixed, Row mobile, JsonNode seriesFixed, JsonNode seriesMobile, Fmt f, Map<String, String> t, List<Row> children) {
        List<Month> months = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        List<Long> testsF = new ArrayList<>();
        List<Long> devicesF = new ArrayList<>();
        List<Long> testsM = new ArrayList<>();
        List<Long> devicesM = new ArrayList<>();
        List<Double> downF = new ArrayList<>();
        List<Double> downM = new ArrayList<>();
        for (int i = 0; i < seriesFixed.size(); i++) {
            Row rf = Row.of(seriesFixed.get(i));
            Row rm = i < seriesMobile.size() ? Row.of(seriesMobile.get(i)) : null;
            String label = seriesFixed.get(i).path("period").asText();
            months.add(new Month(label, rf, rm));
            labels.add(f.monthShort(label));
            testsF.add(rf.tests());
            devicesF.add(rf.devices());
            testsM.add(rm == null ? null : rm.tests());
            devicesM.add(rm == null ? null : rm.devices());
            downF.add(rf.downMedian());
            downM.add(rm == null ? null : rm.downMedian());
        }
        String countsFixed = ChartSvg.bars(t.get("chart_counts") + " — " + t.get("network_fixed"), labels,
                new ChartSvg.Series(t.get("col_tests"), testsF), new ChartSvg.Series(t.get("col_devices"), devicesF), f);
        String countsMobile = ChartSvg.bars(t.get("chart_counts") + " — " + t.get("network_mobile"), labels,
                new ChartSvg.Series(t.get("col_tests"), testsM), new ChartSvg.Series(t.get("col_devices"), devicesM), f);
        String trend = ChartSvg.lines(t.get("chart_trend"), labels, new ChartSvg.Series(t.get("network_fixed"), downF),
                new ChartSvg.Series(t.get("network_mobile"), downM), f, 1000.0);
        return new UnitView(fixed, mobile, months, countsFixed, countsMobile, trend, children);
    }
}

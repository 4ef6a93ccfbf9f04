package vn.ispeed.portal.web;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import vn.ispeed.portal.data.Boundaries;
import vn.ispeed.portal.data.Figures;
import vn.ispeed.portal.view.Legend;
import vn.ispeed.portal.view.MapItem;
import vn.ispeed.portal.view.Row;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A province in full detail, for its department and the ministry (login required): the map by status or
 * median, every unit with its counts and what each insufficient one still needs, the twelve months, the
 * campaign list and its CSV. Another province's department gets the 403 page before any API is asked.
 */
@Path("/provinces/{code}/detail")
public class DepartmentPages {
    static final int CAMPAIGN_SHOWN = 25;

    private final Template detail;
    private final Template unit;
    private final Figures figures;
    private final Boundaries boundaries;
    private final PageSupport support;
    private final SecurityIdentity identity;

    @Context
    UriInfo uri;
    @Context
    HttpHeaders headers;

    public DepartmentPages(@Location("detail.html") Template detail, @Location("unit.html") Template unit, Figures figures,
            Boundaries boundaries, PageSupport support, SecurityIdentity identity) {
        this.detail = detail;
        this.unit = unit;
        this.figures = figures;
        this.boundaries = boundaries;
        this.support = support;
        this.identity = identity;
    }

    /** The context of a detail page, after the province check: a department of another province stops here. */
    Ctx allowed(String code) {
        Ctx ctx = support.ctx(uri, headers, identity);
        if (!ctx.caller().mayOpen(code)) {
            throw PortalProblem.forbidden(code);
        }
        return ctx;
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    public Uni<TemplateInstance> province(@PathParam("code") String rawCode) {
        String code = PageSupport.code(rawCode);
        Ctx ctx = allowed(code);
        var c = ctx.caller();
        Uni<JsonNode> children = figures.children(c, ctx.set(), code, ctx.network(), ctx.period());
        Uni<JsonNode> coverage = figures.coverage(c, ctx.set(), ctx.network(), ctx.period(), code);
        Uni<JsonNode> sf = figures.series(c, ctx.set(), code, "fixed", ctx.seriesFrom(), ctx.seriesTo());
        Uni<JsonNode> sm = figures.series(c, ctx.set(), code, "mobile", ctx.seriesFrom(), ctx.seriesTo());
        return Uni.combine().all().unis(children, coverage, sf, sm, boundaries.childrenOf(ctx.set(), code, ctx.childLevel())).asTuple()
                .map(x -> {
                    JsonNode parent = x.getItem1().path("parent");
                    if (!"province".equals(parent.path("level").asText())) {
                        throw PortalProblem.notFound("province " + code);
                    }
                    List<Row> rows = PageSupport.rows(x.getItem1());
                    Row own = Row.of(parent);
                    UnitView trend = UnitView.of(own, own, x.getItem3(), x.getItem4(), ctx.f(), ctx.t(), List.of());
                    List<Row> campaign = campaign(rows);
                    long published = rows.stream().filter(Row::published).count();
                    return detail.data("ctx", ctx).data("t", ctx.t()).data("f", ctx.f())
                            .data("province", own).data("code", code)
                            .data("rows", rows).data("published", published)
                            .data("map", MapItem.join(x.getItem5(), PageSupport.byCode(rows), ctx.network(), ctx.mode(), ctx.f(), ctx.t(),
                                    "/provinces/" + code + "/detail/units/", ctx.keep()))
                            .data("mapHeight", x.getItem5().height())
                            .data("legend", Legend.of(ctx.network(), ctx.mode(), ctx.f(), ctx.t()))
                            .data("sentence", Sentence.of(x.getItem2(), false, ctx.t(), ctx.f()))
                            .data("trend", trend)
                            .data("campaign", campaign.subList(0, Math.min(CAMPAIGN_SHOWN, campaign.size())))
                            .data("campaignTotal", campaign.size());
                });
    }

    @GET
    @Path("/units/{unit}")
    @Produces(MediaType.TEXT_HTML)
    public Uni<TemplateInstance> unit(@PathParam("code") String rawCode, @PathParam("unit") String rawUnit) {
        String code = PageSupport.code(rawCode);
        String unitCode = PageSupport.code(rawUnit);
        Ctx ctx = allowed(code);
        return UnitView.load(figures, ctx, ctx.caller(), code, unitCode)
                .map(v -> unit.data("ctx", ctx).data("t", ctx.t()).data("f", ctx.f()).data("v", v).data("code", code)
                        .data("detail", true).data("mayOpen", true));
    }

    /** The unit chooser's form without script: on to the chosen unit's page. */
    @GET
    @Path("/units")
    public Response chosen(@PathParam("code") String rawCode, @jakarta.ws.rs.QueryParam("unit") String rawUnit) {
        String code = PageSupport.code(rawCode);
        Ctx ctx = allowed(code);
        return Response.seeOther(java.net.URI.create("/provinces/" + code + "/detail/units/" + PageSupport.code(rawUnit) + ctx.keep())).build();
    }

    /** The campaign list as CSV: UTF-8 with a byte-order mark, so Excel shows the diacritics. */
    @GET
    @Path("/campaign.csv")
    @Produces("text/csv; charset=UTF-8")
    public Uni<Response> campaignCsv(@PathParam("code") String rawCode) {
        String code = PageSupport.code(rawCode);
        Ctx ctx = allowed(code);
        return figures.children(ctx.caller(), ctx.set(), code, ctx.network(), ctx.period()).map(children -> {
            var t = ctx.t();
            StringBuilder csv = new StringBuilder("\uFEFF");
            csv.append(String.join(",", t.get("csv_code"), t.get("csv_name"), t.get("col_tests"), t.get("col_devices"),
                    t.get("col_needTests"), t.get("col_needDevices"))).append("\r\n");
            for (Row r : campaign(PageSupport.rows(children))) {
                csv.append(r.code()).append(',').append(quote(r.name())).append(',').append(n(r.tests())).append(',')
                        .append(n(r.devices())).append(',').append(n(r.needTests())).append(',').append(n(r.needDevices())).append("\r\n");
            }
            String file = "campaign-" + ctx.set() + "-" + code + "-" + ctx.network() + "-" + ctx.period() + ".csv";
            return Response.ok(csv.toString().getBytes(StandardCharsets.UTF_8), "text/csv; charset=UTF-8")
                    .header("Content-Disposition", "attachment; filename=\"" + file + "\"").build();
        });
    }

    /** Insufficient units with their needs, the smallest gap first (fewest tests still needed, then devices). */
    static List<Row> campaign(List<Row> rows) {
        List<Row> out = new ArrayList<>();
        for (Row r : rows) {
            if (!r.published() && r.needTests() != null) {
                out.add(r);
            }
        }
        out.sort(Comparator.comparing(Row::needTests).thenComparing(Row::needDevices).thenComparing(Row::name));
        return out;
    }

    private static String n(Long v) {
        return v == null ? "" : v.toString();
    }

    private static String quote(String s) {
        return "\"" + s.replace("\"", "\"\"") + "\"";
    }
}

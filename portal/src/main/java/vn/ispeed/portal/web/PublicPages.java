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
import jakarta.ws.rs.core.UriInfo;
import vn.ispeed.portal.data.Boundaries;
import vn.ispeed.portal.data.Figures;
import vn.ispeed.portal.security.Caller;
import vn.ispeed.portal.view.Legend;
import vn.ispeed.portal.view.MapItem;
import vn.ispeed.portal.view.Row;

import java.util.ArrayList;
import java.util.List;

/**
 * The pages anyone may open without a login: the national map and table, a province's units, one unit.
 * Whatever the reader's role, these pages ask stats-service with the reader's token and show what it
 * answers; a reader who may open the province's detail gets a link to it.
 */
@Path("/")
@Produces(MediaType.TEXT_HTML)
public class PublicPages {
    private final Template nation;
    private final Template province;
    private final Template unit;
    private final Figures figures;
    private final Boundaries boundaries;
    private final PageSupport support;
    private final SecurityIdentity identity;

    @Context
    UriInfo uri;
    @Context
    HttpHeaders headers;

    public PublicPages(@Location("nation.html") Template nation, @Location("province.html") Template province,
            @Location("unit.html") Template unit, Figures figures, Boundaries boundaries, PageSupport support,
            SecurityIdentity identity) {
        this.nation = nation;
        this.province = province;
        this.unit = unit;
        this.figures = figures;
        this.boundaries = boundaries;
        this.support = support;
        this.identity = identity;
    }

    @GET
    public Uni<TemplateInstance> home() {
        Ctx ctx = support.ctx(uri, headers, identity);
        Caller c = ctx.caller();
        Uni<JsonNode> children = figures.children(c, ctx.set(), "VN", ctx.network(), ctx.period());
        Uni<JsonNode> fixed = figures.coverage(Caller.ANONYMOUS, ctx.set(), "fixed", ctx.period(), null);
        Uni<JsonNode> mobile = figures.coverage(Caller.ANONYMOUS, ctx.set(), "mobile", ctx.period(), null);
        Uni<JsonNode> operators = figures.operators(c, ctx.set(), "VN", ctx.network(), ctx.period());
        return Uni.combine().all().unis(children, fixed, mobile, operators, boundaries.provinces(ctx.set())).asTuple()
                .map(x -> {
                    List<Row> rows = PageSupport.rows(x.getItem1());
                    rows.sort(java.util.Comparator.comparing(Row::name));
                    List<MapItem> map = MapItem.join(x.getItem5(), PageSupport.byCode(rows), ctx.network(), "median", ctx.f(), ctx.t(),
                            "/provinces/", ctx.keep());
                    return nation.data("ctx", ctx)
                            .data("t", ctx.t()).data("f", ctx.f())
                            .data("rows", rows)
                            .data("nationRow", Row.of(x.getItem1().path("parent")))
                            .data("map", map).data("mapHeight", x.getItem5().height())
                            .data("legend", Legend.of(ctx.network(), "median", ctx.f(), ctx.t()))
                            .data("sentences", List.of(Sentence.of(x.getItem2(), true, ctx.t(), ctx.f()),
                                    Sentence.of(x.getItem3(), true, ctx.t(), ctx.f())))
                            .data("operators", operatorRows(x.getItem4()));
                });
    }

    @GET
    @Path("provinces/{code}")
    public Uni<TemplateInstance> province(@PathParam("code") String rawCode) {
        String code = PageSupport.code(rawCode);
        Ctx ctx = support.ctx(uri, headers, identity);
        Caller c = ctx.caller();
        Uni<JsonNode> children = figures.children(c, ctx.set(), code, ctx.network(), ctx.period());
        Uni<JsonNode> coverage = figures.coverage(Caller.ANONYMOUS, ctx.set(), ctx.network(), ctx.period(), code);
        Uni<JsonNode> operators = figures.operators(c, ctx.set(), code, ctx.network(), ctx.period());
        return Uni.combine().all().unis(children, coverage, operators, boundaries.childrenOf(ctx.set(), code, ctx.childLevel())).asTuple()
                .map(x -> {
                    JsonNode parent = x.getItem1().path("parent");
                    if (!"province".equals(parent.path("level").asText())) {
                        throw PortalProblem.notFound("province " + code);
                    }
                    List<Row> rows = PageSupport.rows(x.getItem1());
                    List<MapItem> map = MapItem.join(x.getItem4(), PageSupport.byCode(rows), ctx.network(), "median", ctx.f(), ctx.t(),
                            "/provinces/" + code + "/units/", ctx.keep());
                    return province.data("ctx", ctx).data("t", ctx.t()).data("f", ctx.f())
                            .data("province", Row.of(parent))
                            .data("code", code)
                            .data("rows", rows)
                            .data("map", map).data("mapHeight", x.getItem4().height())
                            .data("legend", Legend.of(ctx.network(), "median", ctx.f(), ctx.t()))
                            .data("sentence", Sentence.of(x.getItem2(), false, ctx.t(), ctx.f()))
                            .data("operators", operatorRows(x.getItem3()))
                            .data("mayOpen", c.mayOpen(code));
                });
    }

    @GET
    @Path("provinces/{code}/units/{unit}")
    public Uni<TemplateInstance> unit(@PathParam("code") String rawCode, @PathParam("unit") String rawUnit) {
        String code = PageSupport.code(rawCode);
        String unitCode = PageSupport.code(rawUnit);
        Ctx ctx = support.ctx(uri, headers, identity);
        return UnitView.load(figures, ctx, ctx.caller(), code, unitCode)
                .map(v -> unit.data("ctx", ctx).data("t", ctx.t()).data("f", ctx.f()).data("v", v).data("code", code)
                        .data("detail", false).data("mayOpen", ctx.caller().mayOpen(code)));
    }

    static List<Row> operatorRows(JsonNode ranks) {
        List<Row> out = new ArrayList<>();
        for (JsonNode r : ranks) {
            JsonNode cell = r.path("cell");
            out.add(new Row(r.path("operator").asText(), r.path("operator").asText(), "operator", cell.path("status").asText(),
                    cell.path("detail").asText(), cell.path("tests").isMissingNode() ? null : cell.path("tests").asLong(),
                    cell.path("devices").isMissingNode() ? null : cell.path("devices").asLong(),
                    cell.path("downloadKbps").path("median").isMissingNode() ? null : cell.path("downloadKbps").path("median").asDouble(),
                    cell.path("uploadKbps").path("median").isMissingNode() ? null : cell.path("uploadKbps").path("median").asDouble(),
                    cell.path("latencyMs").path("median").isMissingNode() ? null : cell.path("latencyMs").path("median").asDouble(),
                    null, null));
        }
        return out;
    }
}

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
import vn.ispeed.portal.data.Figures;

/**
 * What the department pages' scripts fetch: a chosen unit's twelve months, as JSON (stats-service's series,
 * both networks) or as the chart fragment the page inserts. The same province check as the pages: another
 * province is a 403 problem, nothing of it is fetched.
 */
@Path("/api/provinces/{code}/units/{unit}")
public class PortalApi {
    private final Figures figures;
    private final PageSupport support;
    private final SecurityIdentity identity;
    private final Template charts;

    @Context
    UriInfo uri;
    @Context
    HttpHeaders headers;

    public PortalApi(Figures figures, PageSupport support, SecurityIdentity identity, @Location("charts.html") Template charts) {
        this.figures = figures;
        this.support = support;
        this.identity = identity;
        this.charts = charts;
    }

    private Ctx allowed(String code) {
        Ctx ctx = support.ctx(uri, headers, identity);
        if (!ctx.caller().mayOpen(code)) {
            throw PortalProblem.forbidden(code);
        }
        return ctx;
    }

    @GET
    @Path("/series")
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<JsonNode> series(@PathParam("code") String rawCode, @PathParam("unit") String rawUnit) {
        String code = PageSupport.code(rawCode);
        String unit = PageSupport.code(rawUnit);
        Ctx ctx = allowed(code);
        var c = ctx.caller();
        return Uni.combine().all().unis(figures.unit(c, ctx.set(), unit, "fixed", ctx.period()),
                        figures.series(c, ctx.set(), unit, "fixed", ctx.seriesFrom(), ctx.seriesTo()),
                        figures.series(c, ctx.set(), unit, "mobile", ctx.seriesFrom(), ctx.seriesTo())).asTuple()
                .map(x -> {
                    if (!code.equals(x.getItem1().path("provinceCode").asText())) {
                        throw PortalProblem.notFound("unit " + unit);
                    }
                    var out = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
                    out.put("province", code).put("unit", unit).put("boundarySet", ctx.set());
                    out.set("fixed", x.getItem2());
                    out.set("mobile", x.getItem3());
                    return (JsonNode) out;
                });
    }

    @GET
    @Path("/charts")
    @Produces(MediaType.TEXT_HTML)
    public Uni<TemplateInstance> charts(@PathParam("code") String rawCode, @PathParam("unit") String rawUnit) {
        String code = PageSupport.code(rawCode);
        String unit = PageSupport.code(rawUnit);
        Ctx ctx = allowed(code);
        return UnitView.load(figures, ctx, ctx.caller(), code, unit)
                .map(v -> charts.data("ctx", ctx).data("t", ctx.t()).data("f", ctx.f()).data("trend", v).data("name", v.fixed().name()));
    }
}

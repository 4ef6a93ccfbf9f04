package vn.ispeed.portal.web;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateData;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import vn.ispeed.portal.data.Figures;
import vn.ispeed.portal.view.Row;

import java.util.ArrayList;
import java.util.List;

/**
 * The ministry's national table: every province with its coverage per level and network, each count from
 * stats-service's coverage report limited to that province (one report per province and network, asked
 * side by side; stats caches the figures behind them per projection version).
 */
@Path("/nation")
public class NationPage {
    private final Template table;
    private final Figures figures;
    private final PageSupport support;
    private final SecurityIdentity identity;

    @Context
    UriInfo uri;
    @Context
    HttpHeaders headers;

    public NationPage(@Location("national-table.html") Template table, Figures figures, PageSupport support, SecurityIdentity identity) {
        this.table = table;
        this.figures = figures;
        this.support = support;
        this.identity = identity;
    }

    @TemplateData
    public record Line(Row province, List<Level> fixed, List<Level> mobile) {
    }

    @TemplateData
    public record Level(String level, long insufficient, long units) {
        /** The word key of the level's plural, e.g. {@code plural_commune}. */
        public String key() {
            return "plural_" + level;
        }
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    public Uni<TemplateInstance> table() {
        Ctx ctx = support.ctx(uri, headers, identity);
        if (!ctx.caller().ministry()) {
            throw PortalProblem.forbidden("nation");
        }
        var c = ctx.caller();
        return figures.children(c, ctx.set(), "VN", ctx.network(), ctx.period()).flatMap(nation -> {
            List<Row> provinces = PageSupport.rows(nation);
            List<Uni<Line>> lines = new ArrayList<>();
            for (Row p : provinces) {
                lines.add(Uni.combine().all().unis(figures.coverage(c, ctx.set(), "fixed", ctx.period(), p.code()),
                        figures.coverage(c, ctx.set(), "mobile", ctx.period(), p.code())).asTuple()
                        .map(x -> new Line(p, levels(x.getItem1()), levels(x.getItem2()))));
            }
            Uni<JsonNode> fixed = figures.coverage(c, ctx.set(), "fixed", ctx.period(), null);
            Uni<JsonNode> mobile = figures.coverage(c, ctx.set(), "mobile", ctx.period(), null);
            return Uni.combine().all().unis(Uni.join().all(lines).andFailFast(), fixed, mobile).asTuple()
                    .map(x -> table.data("ctx", ctx).data("t", ctx.t()).data("f", ctx.f())
                            .data("lines", x.getItem1())
                            .data("levels", x.getItem1().isEmpty() ? List.of() : x.getItem1().get(0).fixed())
                            .data("sentences", List.of(Sentence.of(x.getItem2(), true, ctx.t(), ctx.f()),
                                    Sentence.of(x.getItem3(), true, ctx.t(), ctx.f()))));
        });
    }

    static List<Level> levels(JsonNode report) {
        List<Level> out = new ArrayList<>();
        for (JsonNode l : report.path("levels")) {
            if (!"province".equals(l.path("level").asText())) {
                out.add(new Level(l.path("level").asText(), l.path("insufficient").asLong(), l.path("units").asLong()));
            }
        }
        return out;
    }
}

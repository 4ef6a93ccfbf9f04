package vn.ispeed.portal.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateData;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import vn.ispeed.portal.client.NotifyClient;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A province's notification subscriptions, read and written through notify-service with the caller's token
 * (notify checks the province again). Forms post back here; the session cookie is SameSite=Lax, so a
 * cross-site form never carries it, and a post whose Origin is another site is refused as well.
 */
@Path("/provinces/{code}/detail/subscriptions")
public class SubscriptionPages {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private final Template page;
    private final NotifyClient notify;
    private final PageSupport support;
    private final SecurityIdentity identity;

    @Context
    UriInfo uri;
    @Context
    HttpHeaders headers;

    public SubscriptionPages(@Location("subscriptions.html") Template page, @RestClient NotifyClient notify, PageSupport support,
            SecurityIdentity identity) {
        this.page = page;
        this.notify = notify;
        this.support = support;
        this.identity = identity;
    }

    @TemplateData
    public record Sub(String id, String channel, String target, List<String> kinds, String language, List<String> networks, String set,
            String emails) {
        public boolean has(String kind) {
            return kinds.contains(kind) || networks.contains(kind);
        }
    }

    private Ctx allowed(String code) {
        Ctx ctx = support.ctx(uri, headers, identity);
        if (!ctx.caller().mayOpen(code)) {
            throw PortalProblem.forbidden(code);
        }
        return ctx;
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    public Uni<TemplateInstance> list(@PathParam("code") String rawCode) {
        String code = PageSupport.code(rawCode);
        Ctx ctx = allowed(code);
        return view(ctx, code, null, uri.getQueryParameters().getFirst("saved") != null);
    }

    private Uni<TemplateInstance> view(Ctx ctx, String code, List<String> errors, boolean saved) {
        return guard(notify.list(ctx.caller().bearer())).map(all -> {
            List<Sub> subs = new ArrayList<>();
            for (JsonNode s : all) {
                if (code.equals(s.path("province").asText())) {
                    subs.add(sub(s));
                }
            }
            return page.data("ctx", ctx).data("t", ctx.t()).data("f", ctx.f()).data("code", code).data("subs", subs)
                    .data("errors", errors == null ? List.of() : errors).data("saved", saved);
        });
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    public Uni<Response> create(@PathParam("code") String rawCode, MultivaluedMap<String, String> form) {
        String code = PageSupport.code(rawCode);
        Ctx ctx = allowed(code);
        sameOrigin();
        return write(ctx, code, notify.create(ctx.caller().bearer(), body(code, form)));
    }

    @POST
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    public Uni<Response> update(@PathParam("code") String rawCode, @PathParam("id") String id, MultivaluedMap<String, String> form) {
        String code = PageSupport.code(rawCode);
        Ctx ctx = allowed(code);
        sameOrigin();
        if (!id.matches("[0-9a-fA-F-]{36}")) {
            throw PortalProblem.notFound("subscription");
        }
        String bearer = ctx.caller().bearer();
        Uni<Response> call = "delete".equals(form.getFirst("action")) ? notify.delete(bearer, id) : notify.update(bearer, id, body(code, form));
        return write(ctx, code, call);
    }

    private Uni<Response> write(Ctx ctx, String code, Uni<Response> call) {
        URI back = URI.create("/provinces/" + code + "/detail/subscriptions?saved=1");
        return call.ifNoItem().after(TIMEOUT).fail()
                .map(r -> Response.seeOther(back).build())
                .onFailure(t -> t instanceof WebApplicationException w && w.getResponse().getStatus() == 400)
                .recoverWithUni(t -> {
                    List<String> errors = new ArrayList<>();
                    try {
                        JsonNode problem = ((WebApplicationException) t).getResponse().readEntity(JsonNode.class);
                        for (JsonNode e : problem.path("errors")) {
                            errors.add(e.path("field").asText() + ": " + e.path("message").asText());
                        }
                        if (errors.isEmpty()) {
                            errors.add(problem.path("detail").asText(problem.path("title").asText()));
                        }
                    } catch (RuntimeException e) {
                        errors.add(ctx.t().get("subs.invalid"));
                    }
                    return view(ctx, code, errors, false).map(p -> Response.status(400).entity(p).type(MediaType.TEXT_HTML).build());
                })
                .onFailure().transform(t -> PortalProblem.of("notify-service", t));
    }

    private void sameOrigin() {
        String origin = headers.getHeaderString("Origin");
        String host = headers.getHeaderString("Host");
        if (origin != null && host != null && !origin.equals("null") && !origin.endsWith("://" + host)) {
            throw PortalProblem.forbidden("cross-site form");
        }
    }

    static ObjectNode body(String province, MultivaluedMap<String, String> form) {
        ObjectNode b = JsonNodeFactory.instance.objectNode();
        b.put("province", province);
        b.put("channel", "email");
        ArrayNode emails = b.putArray("emails");
        for (String e : form.getFirst("emails") == null ? new String[0] : form.getFirst("emails").split("[,;\\s]+")) {
            if (!e.isBlank()) {
                emails.add(e.trim());
            }
        }
        ArrayNode kinds = b.putArray("kinds");
        for (String k : List.of("coverage-changes", "weekly-digest")) {
            if (form.containsKey(k)) {
                kinds.add(k);
            }
        }
        ArrayNode networks = b.putArray("networks");
        for (String n : List.of("FIXED", "MOBILE")) {
            if (form.containsKey(n)) {
                networks.add(n);
            }
        }
        b.put("language", "en".equals(form.getFirst("language")) ? "en" : "vi");
        b.put("boundarySet", "vn-2024".equals(form.getFirst("boundarySet")) ? "vn-2024" : "vn-2025");
        return b;
    }

    static Sub sub(JsonNode s) {
        List<String> kinds = new ArrayList<>();
        s.path("kinds").forEach(k -> kinds.add(k.asText()));
        List<String> networks = new ArrayList<>();
        s.path("networks").forEach(k -> networks.add(k.asText()));
        List<String> emails = new ArrayList<>();
        s.path("emails").forEach(k -> emails.add(k.asText()));
        String target = "webhook".equals(s.path("channel").asText()) ? s.path("webhookUrl").asText() : String.join(", ", emails);
        return new Sub(s.path("id").asText(), s.path("channel").asText(), target, kinds, s.path("language").asText("vi"), networks,
                s.path("boundarySet").asText("vn-2025"), String.join(", ", emails));
    }

    private static Uni<JsonNode> guard(Uni<JsonNode> call) {
        return call.ifNoItem().after(TIMEOUT).fail().onFailure().transform(t -> PortalProblem.of("notify-service", t));
    }
}

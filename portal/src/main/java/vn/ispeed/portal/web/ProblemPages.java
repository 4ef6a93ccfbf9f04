package vn.ispeed.portal.web;

import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import vn.ispeed.portal.security.Caller;

import java.util.Map;

/**
 * Every failure as a page a person understands (or, under {@code /api/}, as application/problem+json):
 * 403 for another province, 404, "log in again" for a refused session, and a banner when an API is down.
 * Never a stack trace or a class name.
 */
public class ProblemPages {
    private static final Logger LOG = Logger.getLogger(ProblemPages.class);
    private final Template error;
    private final SecurityIdentity identity;

    public ProblemPages(@Location("error.html") Template error, SecurityIdentity identity) {
        this.error = error;
        this.identity = identity;
    }

    @ServerExceptionMapper
    public Response problem(PortalProblem p, UriInfo uri, HttpHeaders headers) {
        if (p.kind() == PortalProblem.Kind.API_DOWN) {
            LOG.warnf("%s on %s", p.getMessage(), uri.getPath());
        }
        return render(p.kind(), p.service(), uri, headers);
    }

    @ServerExceptionMapper
    public Response notFound(NotFoundException e, UriInfo uri, HttpHeaders headers) {
        return render(PortalProblem.Kind.NOT_FOUND, "portal", uri, headers);
    }

    /** Anything else: logged with its stack here, shown as a plain "something went wrong" page. */
    @ServerExceptionMapper
    public Response unexpected(RuntimeException e, UriInfo uri, HttpHeaders headers) {
        if (e instanceof jakarta.ws.rs.WebApplicationException w && w.getResponse() != null && w.getResponse().getStatus() < 500
                && w.getResponse().getStatus() != 404) {
            return w.getResponse();
        }
        LOG.errorf(e, "unexpected failure on %s", uri.getPath());
        return render(PortalProblem.Kind.INTERNAL, "portal", uri, headers);
    }

    private Response render(PortalProblem.Kind kind, String service, UriInfo uri, HttpHeaders headers) {
        String key = kind.name().toLowerCase().replace("_", "");
        if (uri.getPath().startsWith("/api/")) {
            String type = kind.name().toLowerCase().replace('_', '-');
            Map<String, Object> body = Map.of("type", "https://ispeed.vn/problems/" + type, "title", type, "status", kind.status);
            return Response.status(kind.status).type("application/problem+json").entity(body).build();
        }
        Caller caller;
        try {
            caller = Caller.of(identity);
        } catch (RuntimeException e) {
            caller = Caller.ANONYMOUS;
        }
        var cookie = headers.getCookies().get(PageSupport.LANG_COOKIE);
        Ctx ctx = Ctx.of(uri, cookie == null ? null : cookie.getValue(), caller);
        String page = error.data("ctx", ctx).data("t", ctx.t()).data("f", ctx.f()).data("kind", key).data("service", service)
                .data("titleKey", "error_" + key + "_title").data("textKey", "error_" + key + "_text")
                .data("status", kind.status).render();
        return Response.status(kind.status).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8")).entity(page).build();
    }
}

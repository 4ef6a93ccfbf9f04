package vn.ispeed.stats.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.List;

/** Maps every failure to {@code application/problem+json}; never a stack trace or a class name. */
public class ProblemMapper {
    private static final Logger LOG = Logger.getLogger(ProblemMapper.class);
    public static final String PROBLEM_JSON = "application/problem+json";

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Problem(String type, String title, int status, String detail, List<ApiProblem.FieldError> errors) {
    }

    @ServerExceptionMapper
    public Response api(ApiProblem p) {
        return Response.status(p.status()).type(PROBLEM_JSON)
                .entity(new Problem(p.type(), p.title(), p.status(), p.getMessage(), p.errors())).build();
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        if (status == 401 || status == 403) {
            return Response.status(status).type(PROBLEM_JSON).entity(new Problem(ApiProblem.BASE + (status == 401 ? "unauthorized" : "forbidden"),
                    status == 401 ? "Unauthorized" : "Forbidden", status, null, null)).build();
        }
        String type = switch (status) {
            case 404 -> "not-found";
            case 405 -> "method-not-allowed";
            case 406, 415 -> "unsupported-media-type";
            default -> status >= 500 ? "internal" : "bad-request";
        };
        return Response.status(status).type(PROBLEM_JSON).entity(new Problem(ApiProblem.BASE + type,
                Response.Status.fromStatusCode(status) == null ? "Error" : Response.Status.fromStatusCode(status).getReasonPhrase(),
                status, status >= 500 ? null : "the request cannot be served as sent", null)).build();
    }

    @ServerExceptionMapper
    public Response any(Exception e) {
        if (e instanceof io.quarkus.security.AuthenticationFailedException || e instanceof io.quarkus.security.UnauthorizedException) {
            return Response.status(401).type(PROBLEM_JSON).entity(new Problem(ApiProblem.BASE + "unauthorized", "Unauthorized", 401, null, null)).build();
        }
        if (e instanceof io.quarkus.security.ForbiddenException) {
            return Response.status(403).type(PROBLEM_JSON).entity(new Problem(ApiProblem.BASE + "forbidden", "Forbidden", 403, null, null)).build();
        }
        LOG.error("unexpected failure", e);
        return Response.status(500).type(PROBLEM_JSON).entity(new Problem(ApiProblem.BASE + "internal", "Internal error", 500,
                "the request failed; it has been logged", null)).build();
    }
}

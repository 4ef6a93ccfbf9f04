package vn.ispeed.ingest.problem;

import jakarta.ws.rs.NotAcceptableException;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import vn.ispeed.ingest.submit.IngestMetrics;

/**
 * Turns every exception into a problem document. Details are written here, never taken from
 * an exception's message, so no class name or stack trace can reach a client.
 */
public class ProblemMappers {
    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    private final IngestMetrics metrics;

    public ProblemMappers(IngestMetrics metrics) {
        this.metrics = metrics;
    }

    @ServerExceptionMapper
    public Response problem(ProblemException e) {
        metrics.rejected(e.type());
        return ProblemResponses.response(e.problem(), e.retryAfterSeconds().isPresent() ? e.retryAfterSeconds().getAsInt() : null);
    }

    @ServerExceptionMapper
    public Response unsupported(NotSupportedException e) {
        metrics.rejected(ProblemType.UNSUPPORTED_MEDIA_TYPE);
        return ProblemResponses.response(ProblemType.UNSUPPORTED_MEDIA_TYPE, "send the body as application/json");
    }

    @ServerExceptionMapper
    public Response notFound(NotFoundException e) {
        return ProblemResponses.response(ProblemType.NOT_FOUND, "no such resource");
    }

    @ServerExceptionMapper
    public Response notAllowed(NotAllowedException e) {
        Response response = ProblemResponses.response(ProblemType.METHOD_NOT_ALLOWED, "this method is not allowed here");
        String allow = e.getResponse().getHeaderString(HttpHeaders.ALLOW);
        return allow == null ? response : Response.fromResponse(response).header(HttpHeaders.ALLOW, allow).build();
    }

    @ServerExceptionMapper
    public Response notAcceptable(NotAcceptableException e) {
        return ProblemResponses.response(ProblemType.NOT_ACCEPTABLE, "this resource answers application/json");
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        if (status == 413) {
            metrics.rejected(ProblemType.PAYLOAD_TOO_LARGE);
            return ProblemResponses.response(ProblemType.PAYLOAD_TOO_LARGE, "the body is larger than accepted here");
        }
        if (status >= 400 && status < 500) {
            metrics.rejected(ProblemType.BAD_REQUEST);
            return ProblemResponses.response(new Problem(ProblemType.BAD_REQUEST.uri(), ProblemType.BAD_REQUEST.title(),
                    status, "the request cannot be processed", null), null);
        }
        return internal(e);
    }

    @ServerExceptionMapper(priority = jakarta.ws.rs.Priorities.USER + 100)
    public Response internal(Throwable e) {
        LOG.errorf(e, "event=internal-error");
        return ProblemResponses.response(ProblemType.INTERNAL, "the request failed; it was not recorded");
    }
}

package vn.ispeed.ingest.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import vn.ispeed.events.EventCodec;

/** Writes problems as application/problem+json, for JAX-RS responses and plain Vert.x routes alike. */
public final class ProblemResponses {
    private static final ObjectMapper MAPPER = EventCodec.newMapper();

    private ProblemResponses() {
    }

    public static byte[] json(Problem problem) {
        try {
            return MAPPER.writeValueAsBytes(problem);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a problem document", e);
        }
    }

    public static Response response(Problem problem, Integer retryAfterSeconds) {
        Response.ResponseBuilder builder = Response.status(problem.status())
                .type(ProblemType.MEDIA_TYPE)
                .entity(json(problem));
        if (retryAfterSeconds != null) {
            builder.header(HttpHeaders.RETRY_AFTER, retryAfterSeconds);
        }
        return builder.build();
    }

    public static Response response(ProblemType type, String detail) {
        return response(Problem.of(type, detail), null);
    }
}

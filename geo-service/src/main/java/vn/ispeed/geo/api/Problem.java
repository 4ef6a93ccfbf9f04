package vn.ispeed.geo.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.ws.rs.core.Response;

import java.util.List;
import java.util.Map;

/**
 * RFC 7807 problem details. {@code reason}/{@code reasons} carry the unlocated reason(s) of
 * the locate endpoints.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, List<FieldError> errors,
                      String reason, Map<String, String> reasons) {
    public static final String MEDIA_TYPE = "application/problem+json";
    public static final String BASE = "https://ispeed.vn/problems/";

    public record FieldError(String field, String message) {
    }

    public static Problem validation(List<FieldError> errors) {
        String detail = errors.size() == 1 ? errors.get(0).field() + ": " + errors.get(0).message()
                : errors.size() + " invalid fields";
        return new Problem(BASE + "validation", "Invalid request", 400, detail, List.copyOf(errors), null, null);
    }

    public static Problem notFound(String what, String detail) {
        return new Problem(BASE + what, "Not found", 404, detail, null, null, null);
    }

    public Response toResponse() {
        return Response.status(status).type(MEDIA_TYPE).entity(this).build();
    }
}

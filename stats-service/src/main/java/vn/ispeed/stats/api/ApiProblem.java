package vn.ispeed.stats.api;

import java.util.List;

/** An RFC 7807 problem raised by the API for a client error; mapped by {@link ProblemMapper}. */
public class ApiProblem extends RuntimeException {
    public static final String BASE = "https://ispeed.vn/problems/";

    public record FieldError(String field, String message) {
    }

    private final int status;
    private final String type;
    private final String title;
    private final List<FieldError> errors;

    public ApiProblem(int status, String type, String title, String detail, List<FieldError> errors) {
        super(detail, null, false, false);
        this.status = status;
        this.type = type;
        this.title = title;
        this.errors = errors;
    }

    public static ApiProblem validation(String field, String message) {
        return new ApiProblem(400, BASE + "validation", "Invalid request", message, List.of(new FieldError(field, message)));
    }

    public static ApiProblem notFound(String what) {
        return new ApiProblem(404, BASE + "not-found", "Not found", what, null);
    }

    public static ApiProblem unavailable(String what) {
        return new ApiProblem(503, BASE + "unavailable", "Dependency unavailable", what, null);
    }

    public int status() {
        return status;
    }

    public String type() {
        return type;
    }

    public String title() {
        return title;
    }

    public List<FieldError> errors() {
        return errors;
    }
}

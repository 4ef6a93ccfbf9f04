package vn.ispeed.ingest.problem;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

/** An RFC 7807 problem document; {@code errors} lists the fields that were wrong. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@Schema(name = "Problem", description = "RFC 7807 problem details (application/problem+json)")
public record Problem(
        @Schema(example = "https://ispeed.vn/problems/validation") String type,
        @Schema(example = "Invalid measurement") String title,
        @Schema(example = "400") int status,
        @Schema(example = "2 fields are invalid") String detail,
        List<FieldError> errors) {

    public Problem {
        errors = errors == null ? List.of() : List.copyOf(errors);
    }

    public static Problem of(ProblemType type, String detail) {
        return new Problem(type.uri(), type.title(), type.status(), detail, List.of());
    }

    public static Problem of(ProblemType type, String detail, List<FieldError> errors) {
        return new Problem(type.uri(), type.title(), type.status(), detail, errors);
    }
}

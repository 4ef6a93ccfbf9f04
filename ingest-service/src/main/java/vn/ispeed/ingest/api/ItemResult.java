package vn.ispeed.ingest.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import vn.ispeed.ingest.problem.Problem;

import java.time.Instant;

/** The answer to one test of a batch; {@code problem} says why a REJECTED one was not recorded. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "BatchItemResult")
public record ItemResult(
        @Schema(description = "position of the test in the request, from 0") int index,
        @Schema(description = "the test's id, when it had a well-formed one") String testId,
        Status status,
        Instant acceptedAt,
        @Schema(description = "why the test was rejected; status 429 and 503 mean: send it again later") Problem problem) {

    public enum Status {
        ACCEPTED, REJECTED
    }
}

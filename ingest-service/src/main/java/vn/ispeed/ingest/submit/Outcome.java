package vn.ispeed.ingest.submit;

import vn.ispeed.ingest.problem.Problem;
import vn.ispeed.ingest.problem.ProblemType;

import java.time.Instant;
import java.util.UUID;

/** What became of one submitted test. */
public sealed interface Outcome {

    /** Appended and acknowledged by the broker. */
    record Accepted(UUID testId, Instant acceptedAt) implements Outcome {
    }

    /** Not appended; {@code retryAfterSeconds} is set when trying again later can succeed (429, 503). */
    record Rejected(String testId, ProblemType type, Problem problem, Integer retryAfterSeconds) implements Outcome {
    }
}

package vn.ispeed.ingest.problem;

import java.util.OptionalInt;

/** Ends a request with a problem response; {@code retryAfterSeconds} becomes a Retry-After header. */
public class ProblemException extends RuntimeException {
    private final transient Problem problem;
    private final ProblemType type;
    private final Integer retryAfterSeconds;

    public ProblemException(ProblemType type, Problem problem, Integer retryAfterSeconds) {
        super(problem.detail(), null, false, false);
        this.type = type;
        this.problem = problem;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public ProblemException(ProblemType type, String detail) {
        this(type, Problem.of(type, detail), null);
    }

    public Problem problem() {
        return problem;
    }

    public ProblemType type() {
        return type;
    }

    public OptionalInt retryAfterSeconds() {
        return retryAfterSeconds == null ? OptionalInt.empty() : OptionalInt.of(retryAfterSeconds);
    }
}

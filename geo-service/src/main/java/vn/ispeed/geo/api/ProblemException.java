package vn.ispeed.geo.api;

import java.util.List;

/** Thrown by services and resources; mapped to its problem response. */
public class ProblemException extends RuntimeException {
    private final transient Problem problem;

    public ProblemException(Problem problem) {
        super(problem.detail(), null, false, false);
        this.problem = problem;
    }

    public static ProblemException invalid(String field, String message) {
        return new ProblemException(Problem.validation(List.of(new Problem.FieldError(field, message))));
    }

    public static ProblemException notFound(String what, String detail) {
        return new ProblemException(Problem.notFound(what, detail));
    }

    public Problem problem() {
        return problem;
    }
}

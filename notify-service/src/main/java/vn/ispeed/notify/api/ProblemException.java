package vn.ispeed.notify.api;

import java.util.List;

/** A failure the API answers with a problem document; never carries internals. */
public class ProblemException extends RuntimeException {
    private final Problem problem;

    public ProblemException(Problem problem) {
        super(problem.detail(), null, false, false);
        this.problem = problem;
    }

    public Problem problem() {
        return problem;
    }

    public static ProblemException validation(List<FieldError> errors) {
        return new ProblemException(new Problem(Problem.BASE + "validation", "Invalid request", 400,
                errors.size() == 1 ? errors.get(0).field() + ": " + errors.get(0).message()
                        : errors.size() + " fields are invalid", errors));
    }

    public static ProblemException validation(String field, String message) {
        return validation(List.of(new FieldError(field, message)));
    }

    public static ProblemException forbidden(String detail) {
        return new ProblemException(new Problem(Problem.BASE + "forbidden", "Forbidden", 403, detail, null));
    }

    public static ProblemException notFound(String detail) {
        return new ProblemException(new Problem(Problem.BASE + "not-found", "Not found", 404, detail, null));
    }
}

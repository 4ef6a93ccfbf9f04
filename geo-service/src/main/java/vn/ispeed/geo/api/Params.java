package vn.ispeed.geo.api;

import java.util.ArrayList;
import java.util.List;

/** Parses query values by hand so that "abc" is a 400 with the field named, not JAX-RS's 404. */
final class Params {
    private final List<Problem.FieldError> errors = new ArrayList<>();

    void error(String field, String message) {
        errors.add(new Problem.FieldError(field, message));
    }

    Double number(String field, String raw, boolean required) {
        if (raw == null || raw.isBlank()) {
            if (required) {
                error(field, "required");
            }
            return null;
        }
        try {
            double v = Double.parseDouble(raw.trim());
            if (!Double.isFinite(v)) {
                error(field, "must be a finite number");
                return null;
            }
            return v;
        } catch (NumberFormatException e) {
            error(field, "must be a number");
            return null;
        }
    }

    double latitude(String field, String raw) {
        return latitude(field, number(field, raw, true));
    }

    double latitude(String field, Double v) {
        return range(field, v, -90, 90, true);
    }

    double longitude(String field, String raw) {
        return longitude(field, number(field, raw, true));
    }

    double longitude(String field, Double v) {
        return range(field, v, -180, 180, true);
    }

    double accuracy(String field, String raw) {
        return accuracy(field, number(field, raw, false));
    }

    double accuracy(String field, Double v) {
        if (v == null) {
            return 0;
        }
        return range(field, v, 0, 1_000_000, false);
    }

    double range(String field, Double v, double min, double max, boolean required) {
        if (v == null) {
            if (required && errors.stream().noneMatch(e -> e.field().equals(field))) {
                error(field, "required");
            }
            return Double.NaN;
        }
        if (!Double.isFinite(v) || v < min || v > max) {
            error(field, "must be between " + fmt(min) + " and " + fmt(max));
            return Double.NaN;
        }
        return v;
    }

    private static String fmt(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }

    void check() {
        if (!errors.isEmpty()) {
            throw new ProblemException(Problem.validation(errors));
        }
    }
}

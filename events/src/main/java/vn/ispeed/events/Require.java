package vn.ispeed.events;

/** Checks used by the records' constructors, so a payload missing a field names it. */
public final class Require {
    private Require() {
    }

    public static <T> T field(T value, String name) {
        if (value == null) {
            throw new MissingFieldException(name);
        }
        return value;
    }

    public static String text(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new MissingFieldException(name);
        }
        return value;
    }

    /** Thrown when a required field of an event is absent or null. */
    public static final class MissingFieldException extends IllegalArgumentException {
        private final String field;

        public MissingFieldException(String field) {
            super("field '" + field + "' is required");
            this.field = field;
        }

        public String field() {
            return field;
        }
    }
}

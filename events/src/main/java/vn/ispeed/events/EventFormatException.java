package vn.ispeed.events;

/**
 * A payload that cannot be read as an event: unknown type, malformed JSON, a missing or
 * wrongly typed field. The message names the type and the field; consumers send the record
 * to the dead-letter topic with it.
 */
public class EventFormatException extends RuntimeException {
    private final String type;
    private final String field;

    public EventFormatException(String type, String field, String message, Throwable cause) {
        super(describe(type, field, message), cause);
        this.type = type;
        this.field = field;
    }

    private static String describe(String type, String field, String message) {
        StringBuilder sb = new StringBuilder("cannot read event");
        sb.append(" of type '").append(type == null ? "?" : type).append('\'');
        if (field != null) {
            sb.append(", field '").append(field).append('\'');
        }
        return sb.append(": ").append(message).toString();
    }

    /** The type name from the payload, or null when it had none. */
    public String type() {
        return type;
    }

    /** The offending field path, or null when the payload as a whole is malformed. */
    public String field() {
        return field;
    }
}

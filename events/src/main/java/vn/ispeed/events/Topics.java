package vn.ispeed.events;

/** Topic names of DESIGN.md; channel configuration refers to these, never to literals. */
public final class Topics {
    public static final String MEASUREMENTS = "measurements";
    public static final String MEASUREMENTS_LOCATED = "measurements-located";
    public static final String COVERAGE = "coverage";
    public static final String NOTIFICATIONS = "notifications";
    public static final String DLQ_SUFFIX = "-dlq";

    private Topics() {
    }

    public static String deadLetter(String topic) {
        return topic + DLQ_SUFFIX;
    }
}

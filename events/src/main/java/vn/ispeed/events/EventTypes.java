package vn.ispeed.events;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The registry of stable wire names. A name is never derived from a class name: renaming a
 * record must not change what is in the log.
 */
public final class EventTypes {
    public static final String MEASUREMENT_SUBMITTED_V1 = "measurement.submitted.v1";
    public static final String MEASUREMENT_LOCATED_V1 = "measurement.located.v1";
    public static final String MEASUREMENT_UNLOCATED_V1 = "measurement.unlocated.v1";
    public static final String COVERAGE_CHANGED_V1 = "coverage.changed.v1";
    public static final String NOTIFICATION_SENT_V1 = "notification.sent.v1";
    public static final String NOTIFICATION_FAILED_V1 = "notification.failed.v1";

    private static final Map<String, Class<? extends IspeedEvent>> BY_NAME = new LinkedHashMap<>();
    private static final Map<Class<? extends IspeedEvent>, String> BY_CLASS = new LinkedHashMap<>();

    static {
        register(MEASUREMENT_SUBMITTED_V1, MeasurementSubmitted.class);
        register(MEASUREMENT_LOCATED_V1, MeasurementLocated.class);
        register(MEASUREMENT_UNLOCATED_V1, MeasurementUnlocated.class);
        register(COVERAGE_CHANGED_V1, CoverageChanged.class);
        register(NOTIFICATION_SENT_V1, NotificationSent.class);
        register(NOTIFICATION_FAILED_V1, NotificationFailed.class);
    }

    private EventTypes() {
    }

    private static void register(String name, Class<? extends IspeedEvent> type) {
        BY_NAME.put(name, type);
        BY_CLASS.put(type, name);
    }

    public static Optional<Class<? extends IspeedEvent>> classOf(String name) {
        return Optional.ofNullable(BY_NAME.get(name));
    }

    public static String nameOf(Class<? extends IspeedEvent> type) {
        String name = BY_CLASS.get(type);
        if (name == null) {
            throw new IllegalArgumentException("no registered event type name for " + type.getSimpleName());
        }
        return name;
    }

    public static Map<String, Class<? extends IspeedEvent>> all() {
        return Map.copyOf(BY_NAME);
    }
}

package vn.ispeed.ingest.validation;

import com.fasterxml.jackson.databind.JsonNode;
import vn.ispeed.events.App;
import vn.ispeed.events.Location;
import vn.ispeed.events.LocationSource;
import vn.ispeed.events.Metrics;
import vn.ispeed.events.NetworkType;
import vn.ispeed.events.Platform;
import vn.ispeed.events.Technology;
import vn.ispeed.ingest.problem.FieldError;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static vn.ispeed.ingest.validation.ValidationRules.*;

/**
 * Checks one test, given as a JSON tree, and reports every wrong field at once. Hand-written
 * rather than bean validation so types, enums, NaN and ranges get one message format and the
 * error paths match the JSON the app sent. Unknown fields are ignored (a newer app may send
 * more); they never reach the log because the event is built from the checked fields only.
 */
public final class MeasurementValidator {
    private static final Pattern UUID_TEXT =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private final ValidationRules rules;
    private final Clock clock;

    public MeasurementValidator(ValidationRules rules, Clock clock) {
        this.rules = rules;
        this.clock = clock;
    }

    /** The outcome: either a measurement or the list of what was wrong. */
    public record Result(ValidatedMeasurement measurement, List<FieldError> errors) {
        public boolean valid() {
            return measurement != null;
        }
    }

    public Result validate(JsonNode node) {
        Errors errors = new Errors();
        if (node == null || !node.isObject()) {
            errors.add("", "must be a JSON object");
            return new Result(null, errors.list);
        }
        UUID testId = uuid(node, "testId", errors);
        String installId = text(node, "installId", INSTALL_ID_MIN, INSTALL_ID_MAX, errors);
        Instant measuredAt = instant(node, "measuredAt", errors);

        NetworkType type = null;
        Technology technology = null;
        String operator = null;
        JsonNode network = object(node, "network", true, errors);
        if (network != null) {
            type = enumValue(network, "network.type", NetworkType.class, errors);
            technology = technology(network, errors);
            operator = text(network, "network.operator", 1, OPERATOR_MAX, errors);
            if (type != null && technology != null && (type == NetworkType.MOBILE) != technology.cellular()) {
                errors.add("network.technology", type == NetworkType.MOBILE
                        ? "must be one of 2G, 3G, 4G, 5G for a MOBILE network"
                        : "must be one of WIFI, ETHERNET for a FIXED network");
            }
        }

        Double download = number(node, "downloadKbps", true, 0, MAX_SPEED_KBPS, false, errors);
        Double upload = number(node, "uploadKbps", true, 0, MAX_SPEED_KBPS, false, errors);
        Double latency = number(node, "latencyMs", true, 0, MAX_LATENCY_MS, false, errors);
        Double jitter = number(node, "jitterMs", false, 0, MAX_JITTER_MS, false, errors);
        Double loss = number(node, "packetLossPct", false, 0, MAX_LOSS_PCT, false, errors);

        Location location = null;
        JsonNode loc = object(node, "location", false, errors);
        if (loc != null) {
            Double lat = number(loc, "location.lat", true, -90, 90, false, errors);
            Double lon = number(loc, "location.lon", true, -180, 180, false, errors);
            Double accuracy = number(loc, "location.accuracyM", true, 0, MAX_ACCURACY_M, true, errors);
            LocationSource source = enumValue(loc, "location.source", LocationSource.class, errors);
            if (lat != null && lon != null && accuracy != null && source != null) {
                location = new Location(lat, lon, accuracy, source);
            }
        }

        App app = null;
        JsonNode appNode = object(node, "app", true, errors);
        if (appNode != null) {
            Platform platform = enumValue(appNode, "app.platform", Platform.class, errors);
            String version = text(appNode, "app.version", 1, VERSION_MAX, errors);
            if (platform != null && version != null) {
                app = new App(platform, version);
            }
        }

        if (!errors.list.isEmpty()) {
            return new Result(null, errors.list);
        }
        Metrics metrics = new Metrics(download, upload, latency, jitter, loss);
        return new Result(new ValidatedMeasurement(testId, installId, measuredAt, type, technology, operator,
                metrics, location, app), List.of());
    }

    /** The testId of an item, if it has a well-formed one, so a rejected batch item can still name its test. */
    public static String testIdOf(JsonNode node) {
        if (node != null && node.isObject()) {
            JsonNode id = node.get("testId");
            if (id != null && id.isTextual() && UUID_TEXT.matcher(id.textValue()).matches()) {
                return id.textValue().toLowerCase();
            }
        }
        return null;
    }

    private static JsonNode field(JsonNode parent, String path) {
        return parent.get(path.substring(path.lastIndexOf('.') + 1));
    }

    private static boolean absent(JsonNode value) {
        return value == null || value.isNull();
    }

    private JsonNode object(JsonNode parent, String path, boolean required, Errors errors) {
        JsonNode value = field(parent, path);
        if (absent(value)) {
            if (required) {
                errors.add(path, "is required");
            }
            return null;
        }
        if (!value.isObject()) {
            errors.add(path, "must be an object");
            return null;
        }
        return value;
    }

    private UUID uuid(JsonNode parent, String path, Errors errors) {
        JsonNode value = field(parent, path);
        if (absent(value)) {
            errors.add(path, "is required");
        } else if (!value.isTextual()) {
            errors.add(path, "must be a string");
        } else if (!UUID_TEXT.matcher(value.textValue()).matches()) {
            errors.add(path, "must be a UUID (8-4-4-4-12 hexadecimal digits)");
        } else {
            return UUID.fromString(value.textValue());
        }
        return null;
    }

    private String text(JsonNode parent, String path, int min, int max, Errors errors) {
        JsonNode value = field(parent, path);
        if (absent(value)) {
            errors.add(path, "is required");
            return null;
        }
        if (!value.isTextual()) {
            errors.add(path, "must be a string");
            return null;
        }
        String text = value.textValue();
        int length = text.codePointCount(0, text.length());
        if (length < min || length > max) {
            errors.add(path, min == max ? "must be " + min + " characters long"
                    : "must be " + min + " to " + max + " characters long");
            return null;
        }
        if (text.isBlank()) {
            errors.add(path, "must not be blank");
            return null;
        }
        if (!printable(text)) {
            errors.add(path, "must not contain control or format characters");
            return null;
        }
        return text;
    }

    static boolean printable(String text) {
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            int type = Character.getType(cp);
            if (type == Character.CONTROL || type == Character.FORMAT || type == Character.SURROGATE
                    || type == Character.UNASSIGNED || type == Character.PRIVATE_USE
                    || type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR) {
                return false;
            }
            i += Character.charCount(cp);
        }
        return true;
    }

    private Instant instant(JsonNode parent, String path, Errors errors) {
        JsonNode value = field(parent, path);
        if (absent(value)) {
            errors.add(path, "is required");
            return null;
        }
        if (!value.isTextual() || value.textValue().length() > 40) {
            errors.add(path, "must be an ISO-8601 instant such as 2026-11-25T08:15:30Z");
            return null;
        }
        Instant instant;
        try {
            instant = OffsetDateTime.parse(value.textValue(), DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
        } catch (DateTimeParseException e) {
            errors.add(path, "must be an ISO-8601 instant such as 2026-11-25T08:15:30Z");
            return null;
        }
        Instant now = clock.instant();
        if (instant.isAfter(now.plus(rules.maxClockSkew()))) {
            errors.add(path, "must not be more than " + rules.maxClockSkew().toMinutes() + " minutes in the future");
            return null;
        }
        if (instant.isBefore(now.minus(rules.maxAge()))) {
            errors.add(path, "must not be older than " + rules.maxAge().toDays() + " days");
            return null;
        }
        return instant;
    }

    private Double number(JsonNode parent, String path, boolean required, double min, double max,
                          boolean minExclusive, Errors errors) {
        JsonNode value = field(parent, path);
        if (absent(value)) {
            if (required) {
                errors.add(path, "is required");
            }
            return null;
        }
        if (!value.isNumber()) {
            errors.add(path, "must be a number");
            return null;
        }
        double d = value.doubleValue();
        if (!Double.isFinite(d)) {
            errors.add(path, "must be a finite number");
            return null;
        }
        if (d > max || d < min || (minExclusive && d == min)) {
            errors.add(path, minExclusive ? "must be greater than " + fmt(min) + " and at most " + fmt(max)
                    : "must be between " + fmt(min) + " and " + fmt(max));
            return null;
        }
        return d;
    }

    private static String fmt(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }

    private <E extends Enum<E>> E enumValue(JsonNode parent, String path, Class<E> type, Errors errors) {
        JsonNode value = field(parent, path);
        if (absent(value)) {
            errors.add(path, "is required");
            return null;
        }
        if (value.isTextual()) {
            for (E constant : type.getEnumConstants()) {
                if (constant.name().equals(value.textValue())) {
                    return constant;
                }
            }
        }
        errors.add(path, "must be one of "
                + Arrays.stream(type.getEnumConstants()).map(Enum::name).collect(Collectors.joining(", ")));
        return null;
    }

    private Technology technology(JsonNode network, Errors errors) {
        String path = "network.technology";
        JsonNode value = field(network, path);
        if (absent(value)) {
            errors.add(path, "is required");
            return null;
        }
        if (value.isTextual()) {
            for (Technology t : Technology.values()) {
                if (t.wireName().equals(value.textValue())) {
                    return t;
                }
            }
        }
        errors.add(path, "must be one of WIFI, ETHERNET, 2G, 3G, 4G, 5G");
        return null;
    }

    private static final class Errors {
        final List<FieldError> list = new ArrayList<>();

        void add(String field, String message) {
            list.add(new FieldError(field, message));
        }
    }
}

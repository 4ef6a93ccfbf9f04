package vn.ispeed.events.kafka;

import java.util.regex.Pattern;

/** Kafka record headers the platform sets beside an event's JSON (see events/README.md). */
public final class EventHeaders {
    /**
     * The request id of the HTTP request that produced the event (UTF-8), as the gateway gave it in
     * {@link #HTTP_REQUEST_ID}: one test can be followed from the phone's upload through the gateway's and the
     * services' logs to the log record. Absent when the request carried none or one that is not a plain token.
     */
    public static final String REQUEST_ID = "request-id";

    /** The HTTP header the gateway sets on every request it passes on (generated when the client sent none). */
    public static final String HTTP_REQUEST_ID = "X-Request-Id";

    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{7,127}");

    private EventHeaders() {
    }

    /** A request id worth carrying: a plain token of 8-128 characters (what the gateway passes on), else null. */
    public static String requestIdOrNull(String value) {
        return value != null && TOKEN.matcher(value).matches() ? value : null;
    }
}

package vn.ispeed.ingest.problem;

/** The stable problem types of this service; the URI and the metric reason never change once published. */
public enum ProblemType {
    VALIDATION("validation", "Invalid measurement", 400),
    MALFORMED_JSON("malformed-json", "Malformed JSON", 400),
    UNSUPPORTED_MEDIA_TYPE("unsupported-media-type", "Unsupported media type", 415),
    PAYLOAD_TOO_LARGE("payload-too-large", "Payload too large", 413),
    RATE_LIMITED("rate-limited", "Too many tests from this device", 429),
    UNAVAILABLE("unavailable", "Measurement log unavailable", 503),
    NOT_FOUND("not-found", "Not found", 404),
    METHOD_NOT_ALLOWED("method-not-allowed", "Method not allowed", 405),
    NOT_ACCEPTABLE("not-acceptable", "Not acceptable", 406),
    BAD_REQUEST("bad-request", "Bad request", 400),
    INTERNAL("internal", "Internal error", 500);

    public static final String BASE = "https://ispeed.vn/problems/";
    public static final String MEDIA_TYPE = "application/problem+json";

    private final String slug;
    private final String title;
    private final int status;

    ProblemType(String slug, String title, int status) {
        this.slug = slug;
        this.title = title;
        this.status = status;
    }

    public String uri() {
        return BASE + slug;
    }

    public String title() {
        return title;
    }

    public int status() {
        return status;
    }

    /** The {@code reason} tag of {@code ispeed_ingest_rejected_total}. */
    public String reason() {
        return slug.replace('-', '_');
    }
}

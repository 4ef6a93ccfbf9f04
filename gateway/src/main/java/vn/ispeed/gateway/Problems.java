package vn.ispeed.gateway;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The answers the gateway gives itself, as RFC 7807 problem documents with the same {@code type} names the services
 * use ({@code payload-too-large}, {@code rate-limited}, {@code not-found}), so a client handles them alike.
 */
public final class Problems {
    public record Problem(int status, String type, String title, String detail) {
        /** The JSON document; {@code requestId}, when not null, is appended verbatim (a literal or an nginx variable). */
        public String json(String requestId) {
            return "{\"type\":\"" + RouteTable.PROBLEM_BASE + type + "\",\"title\":\"" + title + "\",\"status\":" + status
                    + ",\"detail\":\"" + detail + "\"" + (requestId == null ? "" : ",\"requestId\":\"" + requestId + "\"") + "}";
        }
    }

    public static final String MEDIA_TYPE = "application/problem+json";

    /** By status; 429 is rendered per limit set (its Retry-After differs). */
    public static final Map<Integer, Problem> BY_STATUS;

    static {
        Map<Integer, Problem> m = new LinkedHashMap<>();
        put(m, 400, "bad-request", "Bad request", "the request is malformed (request line, headers, framing or path)");
        put(m, 403, "forbidden", "Forbidden", "this origin may not call the API from a browser");
        put(m, 404, "not-found", "Not found", "no such resource");
        put(m, 405, "method-not-allowed", "Method not allowed", "this method is not served here");
        put(m, 408, "request-timeout", "Request timeout", "the request was not received in time");
        put(m, 411, "length-required", "Length required", "send the body with Content-Length or chunked");
        put(m, 413, "payload-too-large", "Payload too large", "the body is larger than this endpoint accepts");
        put(m, 414, "uri-too-long", "URI too long", "the request target is too long");
        put(m, 431, "header-too-large", "Request header fields too large", "a header or all headers together are too large");
        put(m, 500, "internal", "Internal error", "the gateway failed; the request id identifies it in the logs");
        put(m, 502, "bad-gateway", "Service unavailable", "the service behind this path did not answer; retry later");
        put(m, 503, "unavailable", "Service unavailable", "the service is overloaded; retry later");
        put(m, 504, "gateway-timeout", "Gateway timeout", "the service did not answer in time; retry later");
        BY_STATUS = Map.copyOf(m);
    }

    public static Problem rateLimited(RouteTable.Limits limits) {
        return new Problem(429, "rate-limited", "Too many requests",
                "too many requests from this client; retry after " + limits.retryAfterSeconds() + " s");
    }

    private static void put(Map<Integer, Problem> m, int status, String type, String title, String detail) {
        m.put(status, new Problem(status, type, title, detail));
    }

    private Problems() {
    }
}

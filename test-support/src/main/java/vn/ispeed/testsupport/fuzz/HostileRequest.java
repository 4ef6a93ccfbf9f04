package vn.ispeed.testsupport.fuzz;

import java.nio.charset.StandardCharsets;

/**
 * One malformed or hostile HTTP request. {@code pathAndQuery} is sent as is (already
 * percent-encoded where the HTTP client needs it); {@code body} may be null.
 *
 * @param kind what was done to the request, for the report and for replaying a failure
 */
public record HostileRequest(long seed, int index, String endpoint, String kind, String method, String pathAndQuery,
                             String contentType, byte[] body) {

    public String describe() {
        String preview = body == null ? "" : new String(body, 0, Math.min(body.length, 160), StandardCharsets.UTF_8)
                .replaceAll("[\\p{Cntrl}]", "?");
        return "#" + index + " (seed " + seed + ") " + endpoint + " [" + kind + "] " + method + " " + abbreviate(pathAndQuery)
                + (contentType == null ? "" : " (" + contentType + ")")
                + (body == null ? "" : " body " + body.length + " B: " + preview);
    }

    private static String abbreviate(String s) {
        return s.length() <= 200 ? s : s.substring(0, 200) + "…(" + s.length() + " chars)";
    }
}

package vn.ispeed.testsupport.fuzz;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

/**
 * A seeded generator of malformed and hostile requests to every endpoint that takes no login:
 * wrong types, missing and extra fields, NaN/Infinity, huge numbers and strings, deep nesting,
 * large bodies, invalid UTF-8, control characters, injection strings, path traversal, wrong
 * methods and content types. Every request it makes is invalid by construction, so the only
 * right answer is a 4xx {@code application/problem+json} and nothing stored or appended.
 * The same seed gives the same sequence, so any failure can be replayed from its index.
 */
public final class HostileRequests {
    /** The endpoints, as the services define them. */
    public enum Endpoint {
        INGEST_SINGLE, INGEST_BATCH, LOCATE, LOCATE_BATCH, GEO_CATALOGUE, STATS_UNIT, STATS_CHILDREN, COVERAGE
    }

    static final String[] INJECTIONS = {
            "' OR '1'='1", "'; DROP TABLE cells; --", "\" OR 1=1 --", "1; SELECT pg_sleep(5)", "<script>alert(1)</script>",
            "${jndi:ldap://127.0.0.1/a}", "{{7*7}}", "#{7*7}", "%00", "\u0000", "../../../../etc/passwd",
            "..\\..\\windows\\win.ini", "%2e%2e%2f%2e%2e%2fetc%2fpasswd", "$(reboot)", "`id`", "\r\nSet-Cookie: x=1",
            "%s%s%s%n", "\uFEFF", "\uD800", "ｈａ ｎｏｉ", "null", "undefined", "NaN", "-0", "0x1F", "9".repeat(400)};

    /** Values no number field may take, required or optional (no null, no numeric strings: those may be legal). */
    static final String[] BAD_NUMBERS = {"NaN", "Infinity", "-Infinity", "1e309", "-1e309", "-1", "-0.0001",
            "99999999999999999999999999", "1e400", "0x10", "[]", "{}", "[1]", "{\"v\":1}"};

    static final String[] WRONG_TYPES = {"\"text\"", "123", "true", "null", "[]", "{}", "[1,2,3]", "{\"a\":1}", "1.5e3"};

    private final long seed;
    private final Random random;
    private int index;
    private final Instant now;
    private final int maxBodyBytes;

    /**
     * @param maxBodyBytes the largest body to generate (10 MB in the full run; smaller for the test-suite slice)
     */
    public HostileRequests(long seed, Instant now, int maxBodyBytes) {
        this.seed = seed;
        this.random = new Random(seed);
        this.now = now.truncatedTo(ChronoUnit.SECONDS);
        this.maxBodyBytes = maxBodyBytes;
    }

    public HostileRequest next() {
        Endpoint[] all = Endpoint.values();
        return next(all[random.nextInt(all.length)]);
    }

    public HostileRequest next(Endpoint endpoint) {
        int i = index++;
        return switch (endpoint) {
            case INGEST_SINGLE -> ingest(i, false);
            case INGEST_BATCH -> ingest(i, true);
            case LOCATE -> locate(i);
            case LOCATE_BATCH -> locateBatch(i);
            case GEO_CATALOGUE -> catalogue(i);
            case STATS_UNIT -> statsUnit(i, "");
            case STATS_CHILDREN -> statsUnit(i, "/children");
            case COVERAGE -> coverage(i);
        };
    }

    public List<HostileRequest> take(int n) {
        List<HostileRequest> out = new ArrayList<>(n);
        for (int k = 0; k < n; k++) {
            out.add(next());
        }
        return out;
    }

    // ---------------------------------------------------------------- ingest

    /** A valid test as the app sends it; mutated below so it is never valid again. */
    public Map<String, Object> validMeasurement() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("testId", new UUID(random.nextLong(), random.nextLong()).toString());
        m.put("installId", "fuzz-install-" + Integer.toHexString(random.nextInt()));
        m.put("measuredAt", now.minusSeconds(random.nextInt(3600)).toString());
        m.put("network", new LinkedHashMap<>(Map.of("type", "MOBILE", "technology", "4G", "operator", "452-04")));
        m.put("downloadKbps", 42000.5);
        m.put("uploadKbps", 11000.0);
        m.put("latencyMs", 28.0);
        m.put("jitterMs", 3.5);
        m.put("packetLossPct", 0.1);
        m.put("location", new LinkedHashMap<>(Map.of("lat", 21.0288, "lon", 105.8525, "accuracyM", 15.0, "source", "GPS")));
        m.put("app", new LinkedHashMap<>(Map.of("platform", "ANDROID", "version", "3.2.1")));
        return m;
    }

    private static final String[] REQUIRED = {"testId", "installId", "measuredAt", "network", "downloadKbps", "uploadKbps",
            "latencyMs", "app"};
    private static final String[] NUMBERS = {"downloadKbps", "uploadKbps", "latencyMs", "jitterMs", "packetLossPct"};

    private HostileRequest ingest(int i, boolean batch) {
        String path = batch ? "/api/v1/measurements/batch" : "/api/v1/measurements";
        String endpoint = batch ? "INGEST_BATCH" : "INGEST_SINGLE";
        int family = random.nextInt(16);
        switch (family) {
            case 0:
                return new HostileRequest(seed, i, endpoint, "wrong-method", pick("GET", "PUT", "DELETE", "PATCH"), path,
                        "application/json", json(List.of(validMeasurement())));
            case 1:
                return new HostileRequest(seed, i, endpoint, "wrong-content-type", "POST", path,
                        pick("text/plain", "application/xml", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x",
                                "application/octet-stream"), json(batch ? List.of(invalidMeasurement()) : invalidMeasurement()));
            case 2:
                return new HostileRequest(seed, i, endpoint, "malformed-json", "POST", path, "application/json",
                        bytes(pick("{", "{\"testId\":", "[", "{\"a\":1,,}", "nul", "{'single':'quotes'}", "", "   ",
                                "{\"testId\":\"x\"} trailing", "\u0000\u0001\u0002")));
            case 3:
                return new HostileRequest(seed, i, endpoint, "deep-nesting", "POST", path, "application/json",
                        deepNesting(2_000 + random.nextInt(50_000)));
            case 4:
                return new HostileRequest(seed, i, endpoint, "huge-body", "POST", path, "application/json",
                        hugeBody(batch ? 1_100_000 : 70_000));
            case 5:
                return new HostileRequest(seed, i, endpoint, "invalid-utf8", "POST", path, "application/json", invalidUtf8());
            default:
                Object payload = batch ? badBatch() : invalidMeasurement();
                return new HostileRequest(seed, i, endpoint, lastMutation, "POST", path, "application/json", json(payload));
        }
    }

    private String lastMutation = "";

    private Object badBatch() {
        int kind = random.nextInt(4);
        if (kind == 0) {
            lastMutation = "batch-too-large";
            List<Object> items = new ArrayList<>();
            for (int k = 0; k < 101 + random.nextInt(50); k++) {
                items.add(invalidMeasurement());
            }
            return items;
        }
        if (kind == 1) {
            lastMutation = "batch-not-array";
            return raw(pick("{}", "\"items\"", "42", "null", "{\"items\":[]}"));
        }
        if (kind == 2) {
            lastMutation = "batch-empty";
            return List.of();
        }
        List<Object> items = new ArrayList<>();
        int n = 1 + random.nextInt(5);
        for (int k = 0; k < n; k++) {
            items.add(random.nextInt(4) == 0 ? raw(pick(WRONG_TYPES)) : invalidMeasurement());
        }
        lastMutation = "batch-of-invalid-items:" + lastMutation;
        return items;
    }

    /** The JSON of {@link #invalidMeasurement()}, with its verbatim fragments (NaN and the like) in place. */
    public byte[] invalidMeasurementJson() {
        return json(invalidMeasurement());
    }

    /** A measurement with at least one mutation that no valid test has, plus optional noise. */
    public Map<String, Object> invalidMeasurement() {
        Map<String, Object> m = validMeasurement();
        @SuppressWarnings("unchecked") Map<String, Object> location = (Map<String, Object>) m.get("location");
        @SuppressWarnings("unchecked") Map<String, Object> network = (Map<String, Object>) m.get("network");
        int kind = random.nextInt(14);
        switch (kind) {
            case 0 -> {
                String f = pick(REQUIRED);
                m.remove(f);
                lastMutation = "missing:" + f;
            }
            case 1 -> {
                String f = pick(REQUIRED);
                m.put(f, raw(pick(f.equals("network") || f.equals("app") ? new String[] {"\"x\"", "1", "[]", "null"}
                        : f.endsWith("Kbps") || f.endsWith("Ms") ? new String[] {"[]", "{}", "null", "\"fast\""}
                        : new String[] {"[]", "{}", "null", "123", "[\"a\"]"})));
                lastMutation = "wrong-type:" + f;
            }
            case 2 -> {
                String f = pick(NUMBERS);
                m.put(f, raw(pick(BAD_NUMBERS)));
                lastMutation = "bad-number:" + f;
            }
            case 3 -> {
                String f = pick("downloadKbps", "uploadKbps");
                m.put(f, 10_000_001 + random.nextInt(1_000_000_000));
                lastMutation = "over-range:" + f;
            }
            case 4 -> {
                m.put(pick("latencyMs", "jitterMs"), 60_001 + random.nextInt(1_000_000));
                m.put("packetLossPct", 100.5 + random.nextInt(1000));
                lastMutation = "over-range:latency-or-loss";
            }
            case 5 -> {
                if (random.nextBoolean()) {
                    location.put("lat", raw(pick("90.0001", "-91", "1e10", "\"north\"", "NaN")));
                } else {
                    location.put("lon", raw(pick("180.5", "-181", "-1e10", "\"east\"", "Infinity")));
                }
                lastMutation = "location-out-of-range";
            }
            case 6 -> {
                location.put("accuracyM", raw(pick("0", "-5", "-0.0001", "NaN", "\"good\"")));
                lastMutation = "bad-accuracy";
            }
            case 7 -> {
                m.put("measuredAt", pick(now.plusSeconds(600 + random.nextInt(86_400 * 365)).toString(),
                        now.minus(31 + random.nextInt(4000), ChronoUnit.DAYS).toString(), "yesterday", "2026-13-45T99:99:99Z",
                        "", "2026-11-25", "[]"));
                lastMutation = "bad-measuredAt";
            }
            case 8 -> {
                String where = pick("type", "technology", "source", "platform");
                switch (where) {
                    case "type" -> network.put("type", pick("SATELLITE", "fixed", "", "FIXED'--", "\u0000"));
                    case "technology" -> network.put("technology", pick("6G", "LTE", "wifi", "", "<script>"));
                    case "source" -> location.put("source", pick("GUESS", "gps", ""));
                    default -> ((Map<String, Object>) m.get("app")).put("platform", pick("SYMBIAN", "android", ""));
                }
                lastMutation = "unknown-enum:" + where;
            }
            case 9 -> {
                m.put("installId", pick("short", "", "x".repeat(129), "abc\u0000defgh", "install\nid\r\n", "id\u0007\u0008bell"));
                lastMutation = "bad-installId";
            }
            case 10 -> {
                String f = pick("operator", "version");
                String bad = random.nextBoolean() ? "x".repeat(65 + random.nextInt(200_000)) : "op\u0000\u001b[31m" + pick(INJECTIONS);
                if (f.equals("operator")) {
                    network.put("operator", bad);
                } else {
                    ((Map<String, Object>) m.get("app")).put("version", bad);
                }
                lastMutation = "bad-string:" + f;
            }
            case 11 -> {
                m.put("testId", pick(INJECTIONS[random.nextInt(INJECTIONS.length)], "not-a-uuid", "", "123",
                        "0b6f3c52-9d1e-4a57-8a0f-2f4c7e1d9a1Z"));
                lastMutation = "bad-testId";
            }
            case 12 -> {
                m.put("network", raw(pick("\"MOBILE\"", "[]", "null", "{\"type\":\"MOBILE\"}")));
                lastMutation = "bad-network-object";
            }
            default -> {
                m.put("location", raw(pick("\"here\"", "[21.0,105.8]", "{\"lat\":21.0}", "{}", "true")));
                lastMutation = "bad-location-object";
            }
        }
        if (random.nextInt(3) == 0) {
            m.put(pick("extra", "__proto__", "constructor", "$where", "admin", "installID"), raw(pick(WRONG_TYPES)));
            lastMutation += "+extra-field";
        }
        return m;
    }

    // ---------------------------------------------------------------- geo

    private HostileRequest locate(int i) {
        int kind = random.nextInt(7);
        String q = switch (kind) {
            case 0 -> "lat=" + enc(pick("91", "-90.5", "abc", "NaN", "Infinity", "1e400", "", "21,0")) + "&lon=105.85";
            case 1 -> "lat=21.0&lon=" + enc(pick("181", "-200", "abc", "-Infinity", "0x1F", "", "105.85.1"));
            case 2 -> "lat=21.0&lon=105.85&accuracy=" + enc(pick("-1", "-0.5", "abc", "NaN", "-Infinity"));
            case 3 -> "lat=21.0&lon=105.85&set=" + enc(pick(INJECTIONS));
            case 4 -> pick("", "lat=21.0", "lon=105.8");
            case 5 -> "lat=" + enc(pick(INJECTIONS)) + "&lon=" + enc(pick(INJECTIONS));
            default -> "lat=" + "9".repeat(1000 + random.nextInt(4000)) + "&lon=1";
        };
        if (random.nextInt(8) == 0) {
            return new HostileRequest(seed, i, "LOCATE", "wrong-method", pick("POST", "PUT", "DELETE"), "/api/v1/locate?" + q,
                    "application/json", bytes("{}"));
        }
        return new HostileRequest(seed, i, "LOCATE", "bad-query", "GET", "/api/v1/locate?" + q, null, null);
    }

    private HostileRequest locateBatch(int i) {
        String path = "/api/v1/locate/batch";
        int kind = random.nextInt(7);
        return switch (kind) {
            case 0 -> {
                StringBuilder sb = new StringBuilder("[");
                int n = 1001 + random.nextInt(500);
                for (int k = 0; k < n; k++) {
                    sb.append(k == 0 ? "" : ",").append("{\"lat\":21.0,\"lon\":105.8}");
                }
                yield new HostileRequest(seed, i, "LOCATE_BATCH", "batch-too-large", "POST", path, "application/json",
                        bytes(sb.append(']').toString()));
            }
            case 1 -> new HostileRequest(seed, i, "LOCATE_BATCH", "malformed-json", "POST", path, "application/json",
                    bytes(pick("[", "{", "[{\"lat\":}]", "[1,2", "")));
            case 2 -> new HostileRequest(seed, i, "LOCATE_BATCH", "wrong-content-type", "POST", path,
                    pick("text/plain", "application/xml"), bytes("[{\"lat\":21.0,\"lon\":105.8}]"));
            case 3 -> new HostileRequest(seed, i, "LOCATE_BATCH", "deep-nesting", "POST", path, "application/json",
                    deepNesting(2_000 + random.nextInt(50_000)));
            case 4 -> new HostileRequest(seed, i, "LOCATE_BATCH", "huge-body", "POST", path, "application/json",
                    hugeBody(maxBodyBytes));
            case 5 -> new HostileRequest(seed, i, "LOCATE_BATCH", "invalid-utf8", "POST", path, "application/json", invalidUtf8());
            default -> new HostileRequest(seed, i, "LOCATE_BATCH", "bad-point", "POST", path, "application/json",
                    bytes("[{\"lat\":" + pick(BAD_NUMBERS) + ",\"lon\":105.8},{\"lat\":21.0,\"lon\":" + pick("181", "\"x\"", "null") + "}]"));
        };
    }

    private HostileRequest catalogue(int i) {
        String bad = pathSegment();
        String path = pick(
                "/api/v1/sets/" + bad + "/units",
                "/api/v1/sets/vn-2025/units/" + bad,
                "/api/v1/sets/vn-2024/units/" + bad + "/successors",
                "/api/v1/sets/vn-2025/boundaries?tolerance=" + enc(pick("-1", "-0.5", "abc", "NaN", "-Infinity")),
                "/api/v1/sets/vn-2025/units?level=" + enc(pick(INJECTIONS)),
                "/api/v1/sets/vn-2025/boundaries?level=" + enc(pick("planet", "' OR 1=1", "../../")));
        return new HostileRequest(seed, i, "GEO_CATALOGUE", "bad-path-or-query", "GET", path, null, null);
    }

    // ---------------------------------------------------------------- stats

    private HostileRequest statsUnit(int i, String suffix) {
        String endpoint = suffix.isEmpty() ? "STATS_UNIT" : "STATS_CHILDREN";
        int kind = random.nextInt(5);
        String path = switch (kind) {
            case 0 -> "/api/v1/stats/" + pathSegment() + "/units/01" + suffix + "?network=fixed&period=2026-11";
            case 1 -> "/api/v1/stats/vn-2025/units/" + pathSegment() + suffix + "?network=fixed&period=2026-11";
            case 2 -> "/api/v1/stats/vn-2025/units/01" + suffix + "?network=" + enc(pick("FIXED'--", "wifi", "", "<x>",
                    "satellite", "%00")) + "&period=2026-11";
            case 3 -> "/api/v1/stats/vn-2025/units/01" + suffix + "?network=fixed&period=" + enc(pick("2026-13", "2026-Q5",
                    "2026-02-30", "yesterday", "last13m", "' OR 1=1", "20260", "2026-1", "-2026-01"));
            default -> "/api/v1/stats/vn-2025/units/01/series?network=fixed&from=" + enc(pick("2026-11", "2026-13"))
                    + "&to=" + enc(pick("2026-01", "2025-11", "abc"));
        };
        return new HostileRequest(seed, i, endpoint, "bad-path-or-query", "GET", path, null, null);
    }

    private HostileRequest coverage(int i) {
        int kind = random.nextInt(4);
        String path = switch (kind) {
            case 0 -> "/api/v1/coverage/" + pathSegment() + "?network=fixed&period=2026-11";
            case 1 -> "/api/v1/coverage/vn-2025?network=" + enc(pick(INJECTIONS)) + "&period=2026-11";
            case 2 -> "/api/v1/coverage/vn-2025?network=fixed&period=" + enc(pick("2026-13", "Q4", "' OR 1=1", "9999999999"));
            default -> "/api/v1/coverage/vn-2025?network=fixed&period=2026-11&province=" + enc(pick(INJECTIONS));
        };
        return new HostileRequest(seed, i, "COVERAGE", "bad-path-or-query", "GET", path, null, null);
    }

    // ---------------------------------------------------------------- pieces

    /** A path segment that names nothing: injection, traversal (encoded, so it stays one segment) or garbage. */
    private String pathSegment() {
        String raw = pick(INJECTIONS);
        return switch (random.nextInt(3)) {
            case 0 -> enc(raw).replace("+", "%20");
            case 1 -> pick("..%2F..%2Fetc%2Fpasswd", "%2e%2e%2f%2e%2e%2f", "..%5C..%5C", "%252e%252e%252f", "%00", "%C0%AE%C0%AE%2F");
            default -> pick("vn-2099", "VN-2025", "xx", "0", "99999", "012345678901234567890123456789", "nation%3Bdrop");
        };
    }

    private byte[] deepNesting(int depth) {
        StringBuilder sb = new StringBuilder(depth * 2 + 8);
        boolean arrays = random.nextBoolean();
        for (int k = 0; k < depth; k++) {
            sb.append(arrays ? "[" : "{\"a\":");
        }
        sb.append("1");
        for (int k = 0; k < depth; k++) {
            sb.append(arrays ? "]" : "}");
        }
        return bytes(sb.toString());
    }

    private byte[] hugeBody(int atLeast) {
        int size = Math.min(maxBodyBytes, Math.max(atLeast, random.nextInt(Math.max(1, maxBodyBytes))));
        size = Math.max(size, atLeast);
        StringBuilder sb = new StringBuilder(size + 64);
        sb.append("{\"testId\":\"").append(new UUID(random.nextLong(), random.nextLong())).append("\",\"pad\":\"");
        while (sb.length() < size) {
            sb.append("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");
        }
        return bytes(sb.append("\"}").toString());
    }

    private byte[] invalidUtf8() {
        byte[] prefix = bytes("{\"testId\":\"");
        byte[] junk = {(byte) 0xC3, (byte) 0x28, (byte) 0xA0, (byte) 0xA1, (byte) 0xE2, (byte) 0x28, (byte) 0xA1, (byte) 0xF0,
                (byte) 0x90, (byte) 0x28, (byte) 0xBC, (byte) 0xFF, (byte) 0xFE, (byte) 0xC0, (byte) 0xAF};
        byte[] suffix = bytes("\",\"installId\":\"\u00ff\"}");
        byte[] out = new byte[prefix.length + junk.length + suffix.length];
        System.arraycopy(prefix, 0, out, 0, prefix.length);
        System.arraycopy(junk, 0, out, prefix.length, junk.length);
        System.arraycopy(suffix, 0, out, prefix.length + junk.length, suffix.length);
        return out;
    }

    private String pick(String... options) {
        return options[random.nextInt(options.length)];
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** A JSON fragment inserted verbatim (for NaN, wrong types and the like that a serializer would refuse). */
    record Raw(String json) {
    }

    private static Raw raw(String json) {
        return new Raw(json);
    }

    static byte[] json(Object value) {
        StringBuilder sb = new StringBuilder();
        write(sb, value);
        return bytes(sb.toString());
    }

    private static void write(StringBuilder sb, Object v) {
        if (v == null) {
            sb.append("null");
        } else if (v instanceof Raw r) {
            sb.append(r.json());
        } else if (v instanceof String s) {
            quote(sb, s);
        } else if (v instanceof Number || v instanceof Boolean) {
            sb.append(v);
        } else if (v instanceof Map<?, ?> map) {
            sb.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> e : map.entrySet()) {
                if (!first) {
                    sb.append(',');
                }
                first = false;
                quote(sb, String.valueOf(e.getKey()));
                sb.append(':');
                write(sb, e.getValue());
            }
            sb.append('}');
        } else if (v instanceof List<?> list) {
            sb.append('[');
            for (int k = 0; k < list.size(); k++) {
                if (k > 0) {
                    sb.append(',');
                }
                write(sb, list.get(k));
            }
            sb.append(']');
        } else {
            throw new IllegalArgumentException(v.getClass().getSimpleName());
        }
    }

    /** JSON string quoting that keeps control characters escaped (valid JSON, hostile content). */
    private static void quote(StringBuilder sb, String s) {
        sb.append('"');
        for (int k = 0; k < s.length(); k++) {
            char c = s.charAt(k);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append('"');
    }

    /** Replays one request by index: regenerate from the seed and skip ahead. */
    public static HostileRequest replay(long seed, Instant now, int maxBodyBytes, int index) {
        HostileRequests g = new HostileRequests(seed, now, maxBodyBytes);
        HostileRequest r = null;
        for (int k = 0; k <= index; k++) {
            r = g.next();
        }
        return r;
    }

}

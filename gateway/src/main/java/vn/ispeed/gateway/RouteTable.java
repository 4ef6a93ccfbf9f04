package vn.ispeed.gateway;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The gateway's one route table ({@code gateway/routes.yaml}): routes, per-client limits and the paths the gateway
 * answers 404 itself. Both renderers ({@link NginxConfig}, {@link GatewayApiManifests}) read only this, so the local
 * gateway and the cluster's cannot drift apart.
 */
public record RouteTable(String host, String ssoHost, List<String> corsOrigins, Map<String, Limits> limits, Map<String, Integer> services,
                         List<Route> routes, List<String> notFound) {

    /** A rate: {@code requests} per second or per minute, per client. */
    public record Rate(int requests, Per per) {
        public enum Per { SECOND, MINUTE }

        public int seconds() {
            return per == Per.SECOND ? 1 : 60;
        }

        /** Seconds until one more request is allowed once the rate is used up (the 429's Retry-After). */
        public int retryAfterSeconds() {
            return Math.max(1, (seconds() + requests - 1) / requests);
        }
    }

    /** What a client may send on a route: body size, rates per IP and per install, and the service's time to answer. */
    public record Limits(String name, int bodyBytes, int timeoutSeconds, Rate perIp, Rate perInstall) {
        public int retryAfterSeconds() {
            int s = perIp.retryAfterSeconds();
            return perInstall == null ? s : Math.max(s, perInstall.retryAfterSeconds());
        }
    }

    /**
     * A route: {@code path} matches exactly ({@code exact}) or element by element ({@code prefix}); with a
     * {@code suffix}, the path is {@code path/<one segment><suffix>} (e.g. /api/v1/stats/vn-2025/export.csv).
     */
    public record Route(String path, boolean exact, String suffix, String service, String limits) {
        /** The same regular expression for nginx and for Gateway API's RegularExpression match. */
        public String regex() {
            return "^" + path.replace(".", "\\.") + "/[^/]+" + suffix.replace(".", "\\.") + "$";
        }
    }

    public static final String HEADER_INSTALL_ID = "X-Install-Id";
    public static final String HEADER_REQUEST_ID = "X-Request-Id";
    public static final String PROBLEM_BASE = "https://ispeed.vn/problems/";

    public static RouteTable load(Path file) {
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            Object doc = new Yaml(new SafeConstructor(new LoaderOptions())).load(r);
            return parse(map(doc, "the document"));
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** {@code gateway/routes.yaml} under the project root. */
    public static RouteTable standard(Path projectRoot) {
        return load(projectRoot.resolve("gateway/routes.yaml"));
    }

    static RouteTable parse(Map<String, Object> doc) {
        only(doc, "the document", Set.of("host", "ssoHost", "corsOrigins", "limits", "services", "routes", "notFound"));
        String host = string(doc, "host", "the document");
        String ssoHost = string(doc, "ssoHost", "the document");
        List<String> origins = new ArrayList<>();
        for (Object o : list(doc.get("corsOrigins"), "corsOrigins")) {
            origins.add(String.valueOf(o));
        }
        Map<String, Limits> limits = new LinkedHashMap<>();
        map(doc.get("limits"), "limits").forEach((name, v) -> {
            String where = "limits." + name;
            Map<String, Object> m = map(v, where);
            only(m, where, Set.of("bodyBytes", "timeoutSeconds", "perIp", "perInstall"));
            limits.put(name, new Limits(name, integer(m, "bodyBytes", where), integer(m, "timeoutSeconds", where),
                    rate(m.get("perIp"), where + ".perIp"), m.containsKey("perInstall") ? rate(m.get("perInstall"), where + ".perInstall") : null));
        });
        Map<String, Integer> services = new LinkedHashMap<>();
        map(doc.get("services"), "services").forEach((name, port) -> {
            if (!(port instanceof Integer p)) {
                throw new IllegalArgumentException("services." + name + ": a port number is expected");
            }
            services.put(name, p);
        });
        List<Route> routes = new ArrayList<>();
        Set<String> seen = new java.util.HashSet<>();
        for (Object o : list(doc.get("routes"), "routes")) {
            Map<String, Object> m = map(o, "a route");
            String where = "route " + m.get("path");
            only(m, where, Set.of("path", "match", "suffix", "service", "limits"));
            String path = path(string(m, "path", where), where);
            String match = m.containsKey("match") ? string(m, "match", where) : "prefix";
            if (!match.equals("exact") && !match.equals("prefix")) {
                throw new IllegalArgumentException(where + ": match must be exact or prefix, not " + match);
            }
            String suffix = m.containsKey("suffix") ? string(m, "suffix", where) : null;
            Route route = new Route(path, match.equals("exact"), suffix, string(m, "service", where), string(m, "limits", where));
            if (!services.containsKey(route.service())) {
                throw new IllegalArgumentException(where + ": unknown service " + route.service());
            }
            if (!limits.containsKey(route.limits())) {
                throw new IllegalArgumentException(where + ": unknown limits " + route.limits());
            }
            if (!seen.add(match + " " + path + " " + suffix)) {
                throw new IllegalArgumentException(where + ": listed twice");
            }
            routes.add(route);
        }
        List<String> notFound = new ArrayList<>();
        for (Object o : list(doc.get("notFound"), "notFound")) {
            notFound.add(path(String.valueOf(o), "notFound " + o));
        }
        return new RouteTable(host, ssoHost, List.copyOf(origins), Map.copyOf(limits), Map.copyOf(services), List.copyOf(routes),
                List.copyOf(notFound));
    }

    /** Limit sets in the order the routes first use them (a stable order for both renderers). */
    public List<Limits> limitsInUse() {
        Map<String, Limits> used = new LinkedHashMap<>();
        routes.forEach(r -> used.putIfAbsent(r.limits(), limits.get(r.limits())));
        return List.copyOf(used.values());
    }

    /** Services in the order the routes first use them. */
    public List<String> servicesInUse() {
        Map<String, Boolean> used = new LinkedHashMap<>();
        routes.forEach(r -> used.putIfAbsent(r.service(), true));
        return List.copyOf(used.keySet());
    }

    private static Rate rate(Object v, String where) {
        Map<String, Object> m = map(v, where);
        only(m, where, Set.of("requests", "per"));
        String per = string(m, "per", where);
        Rate.Per p = switch (per) {
            case "second" -> Rate.Per.SECOND;
            case "minute" -> Rate.Per.MINUTE;
            default -> throw new IllegalArgumentException(where + ".per must be second or minute, not " + per);
        };
        int requests = integer(m, "requests", where);
        if (requests < 1) {
            throw new IllegalArgumentException(where + ".requests must be at least 1");
        }
        return new Rate(requests, p);
    }

    private static String path(String p, String where) {
        if (!p.startsWith("/") || (p.length() > 1 && p.endsWith("/")) || p.contains("//") || p.contains("..")) {
            throw new IllegalArgumentException(where + ": a path starts with / and has no trailing /, // or ..");
        }
        return p;
    }

    private static void only(Map<String, Object> m, String where, Set<String> keys) {
        for (String k : m.keySet()) {
            if (!keys.contains(k)) {
                throw new IllegalArgumentException(where + ": unknown key " + k + " (known: " + keys + ")");
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object o, String where) {
        if (!(o instanceof Map<?, ?>)) {
            throw new IllegalArgumentException(where + ": a mapping is expected");
        }
        return (Map<String, Object>) o;
    }

    private static List<?> list(Object o, String where) {
        if (!(o instanceof List<?> l)) {
            throw new IllegalArgumentException(where + ": a list is expected");
        }
        return l;
    }

    private static String string(Map<String, Object> m, String key, String where) {
        Object v = m.get(key);
        if (v == null) {
            throw new IllegalArgumentException(where + ": " + key + " is missing");
        }
        return String.valueOf(v);
    }

    private static int integer(Map<String, Object> m, String key, String where) {
        if (!(m.get(key) instanceof Integer i)) {
            throw new IllegalArgumentException(where + ": " + key + " must be a whole number");
        }
        return i;
    }
}

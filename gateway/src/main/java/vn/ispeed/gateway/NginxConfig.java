package vn.ispeed.gateway;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Renders the route table as a complete nginx configuration (nginx 1.22+, core modules only: realip is not needed,
 * limit_req, gzip, http2, ssl). The local gateway of {@code ./dev/stack} and the gateway the tests start both run it.
 */
public final class NginxConfig {

    /**
     * Where this gateway runs. {@code upstream} maps a service to {@code host:port}; {@code exemptClients} are
     * addresses (CIDR) the per-IP limits do not count (the local stack's load generator on 127.0.0.1); TLS is
     * served with HTTP/2 when {@code tlsPort} is set.
     */
    public record Settings(String listenAddress, int port, Integer tlsPort, Path tlsCertificate, Path tlsKey, Path prefix,
                           Function<String, String> upstream, List<String> exemptClients, List<String> corsOrigins,
                           String workerProcesses, String accessLog, String errorLog) {
        public Settings {
            exemptClients = List.copyOf(exemptClients);
            corsOrigins = List.copyOf(corsOrigins);
        }
    }

    /**
     * The gateway's own answers: internal locations (a client asking for them gets 404). Error pages by URI, not by
     * named location: nginx cannot redirect a request whose request line it refused to a named location.
     */
    static final String PROBLEMS = "/_gateway/problem/";

    private final RouteTable table;
    private final Settings s;
    private final StringBuilder out = new StringBuilder(16384);

    private NginxConfig(RouteTable table, Settings settings) {
        this.table = table;
        this.s = settings;
    }

    public static String render(RouteTable table, Settings settings) {
        return new NginxConfig(table, settings).render();
    }

    private String render() {
        line(0, "# Rendered from gateway/routes.yaml by vn.ispeed.gateway.NginxConfig: do not edit, change the table.");
        line(0, "worker_processes " + s.workerProcesses() + ";");
        line(0, "pid " + s.prefix().resolve("nginx.pid") + ";");
        line(0, "error_log " + s.errorLog() + " warn;");
        line(0, "events { worker_connections 4096; }");
        line(0, "http {");
        http();
        line(0, "}");
        return out.toString();
    }

    private void http() {
        Path temp = s.prefix().resolve("temp");
        line(1, "server_tokens off;");
        line(1, "default_type application/octet-stream;");
        for (String t : List.of("client_body", "proxy", "fastcgi", "uwsgi", "scgi")) {
            line(1, t + "_temp_path " + temp.resolve(t) + ";");
        }
        line(1, "# key=value lines like the services' logs: the path without its query (a query may hold a location)");
        line(1, "log_format ispeed 'time=$time_iso8601 request_id=$ispeed_request_id client=$remote_addr method=$request_method"
                + " path=\"$uri\" status=$status bytes=$body_bytes_sent request_time=$request_time"
                + " upstream=$upstream_addr upstream_time=$upstream_response_time limit=$limit_req_status';");
        line(1, "access_log " + s.accessLog() + " ispeed buffer=64k flush=1s;");
        blank();
        line(1, "# The request id: the client's when it is a plain token of 8-128 characters, else a new one.");
        line(1, "map $http_x_request_id $ispeed_request_id {");
        line(2, "\"~^[A-Za-z0-9][A-Za-z0-9._:-]{7,127}$\" $http_x_request_id;");
        line(2, "default $request_id;");
        line(1, "}");
        line(1, "# Per-IP limits count every client but the exempt addresses (an empty key is not counted).");
        line(1, "geo $ispeed_ip_exempt {");
        line(2, "default 0;");
        for (String cidr : s.exemptClients()) {
            line(2, cidr + " 1;");
        }
        line(1, "}");
        line(1, "map $ispeed_ip_exempt $ispeed_ip_key { 1 \"\"; default $binary_remote_addr; }");
        line(1, "# Per-install limits count the install id the app sends in " + RouteTable.HEADER_INSTALL_ID + " (printable, 8-128).");
        line(1, "map $http_x_install_id $ispeed_install_key { \"~^[!-~]{8,128}$\" $http_x_install_id; default \"\"; }");
        line(1, "# CORS: only the portal's origins get an Access-Control-Allow-Origin; preflights are answered here.");
        line(1, "map $http_origin $ispeed_cors_origin {");
        line(2, "default \"\";");
        for (String origin : s.corsOrigins()) {
            line(2, "\"" + origin + "\" $http_origin;");
        }
        line(1, "}");
        line(1, "map $ispeed_cors_origin $ispeed_cors_expose { \"\" \"\"; default \"X-Request-Id, Retry-After, Location\"; }");
        line(1, "map \"$request_method:$ispeed_cors_origin\" $ispeed_preflight { default 0; \"~^OPTIONS:$\" 2; \"~^OPTIONS:.\" 1; }");
        line(1, "# Requests no service must see: other methods, parent segments or encoded dots, slashes and backslashes in");
        line(1, "# the raw path (a service might decode them differently from the gateway), and both body framings at once.");
        line(1, "map $request_method $ispeed_bad_method {");
        line(2, "default 1; GET 0; HEAD 0; POST 0; PUT 0; PATCH 0; DELETE 0; OPTIONS 0;");
        line(1, "}");
        line(1, "map $request_uri $ispeed_bad_path { default 0; \"~*^[^?]*(\\.\\.|%2e|%2f|%5c|%00|\\\\\\\\)\" 1; }");
        line(1, "map \"$http_content_length:$http_transfer_encoding\" $ispeed_two_framings { default 0; \"~^.+:.+$\" 1; }");
        line(1, "# A host name or address with an optional port, nothing else (none at all only in HTTP/1.0, as nginx allows).");
        line(1, "map $http_host $ispeed_bad_host {");
        line(2, "default 1;");
        line(2, "\"\" 0;");
        line(2, "\"~^[A-Za-z0-9]([A-Za-z0-9.-]{0,252})(:[0-9]{1,5})?$\" 0;");
        line(2, "\"~^\\[[0-9A-Fa-f:.]{2,45}\\](:[0-9]{1,5})?$\" 0;");
        line(1, "}");
        blank();
        for (RouteTable.Limits l : table.limitsInUse()) {
            line(1, "limit_req_zone $ispeed_ip_key zone=" + zone("ip", l) + ":10m rate=" + rate(l.perIp()) + ";");
            if (l.perInstall() != null) {
                line(1, "limit_req_zone $ispeed_install_key zone=" + zone("install", l) + ":10m rate=" + rate(l.perInstall()) + ";");
            }
        }
        line(1, "limit_req_status 429;");
        line(1, "limit_req_log_level warn;");
        blank();
        line(1, "gzip on;");
        line(1, "gzip_vary on;");
        line(1, "gzip_proxied any;");
        line(1, "gzip_comp_level 5;");
        line(1, "gzip_min_length 1024;");
        line(1, "gzip_types application/json application/problem+json application/geo+json text/csv text/css"
                + " application/javascript image/svg+xml;");
        blank();
        line(1, "client_header_timeout 10s;");
        line(1, "client_body_timeout 10s;");
        line(1, "send_timeout 30s;");
        line(1, "keepalive_timeout 65s;");
        line(1, "keepalive_requests 10000;");
        line(1, "client_header_buffer_size 1k;");
        line(1, "large_client_header_buffers 4 8k;");
        line(1, "client_body_buffer_size 64k;");
        line(1, "ignore_invalid_headers on;");
        line(1, "underscores_in_headers off;");
        blank();
        line(1, "proxy_http_version 1.1;");
        line(1, "proxy_set_header Connection \"\";");
        line(1, "proxy_set_header Host $host;");
        line(1, "proxy_set_header " + RouteTable.HEADER_REQUEST_ID + " $ispeed_request_id;");
        line(1, "# The gateway is the first hop the services trust: a client's own forwarding headers are replaced.");
        line(1, "proxy_set_header X-Forwarded-For $remote_addr;");
        line(1, "proxy_set_header X-Real-IP $remote_addr;");
        line(1, "proxy_set_header X-Forwarded-Proto $scheme;");
        line(1, "proxy_set_header X-Forwarded-Host $host;");
        line(1, "proxy_set_header Forwarded \"\";");
        line(1, "# the install id is the limit's key only; the services read the body");
        line(1, "proxy_set_header " + RouteTable.HEADER_INSTALL_ID + " \"\";");
        line(1, "proxy_connect_timeout 2s;");
        line(1, "proxy_send_timeout 10s;");
        line(1, "proxy_max_temp_file_size 0;");
        for (String h : List.of("Access-Control-Allow-Origin", "Access-Control-Allow-Credentials", "Access-Control-Allow-Methods",
                "Access-Control-Allow-Headers", "Access-Control-Expose-Headers", "Access-Control-Max-Age")) {
            line(1, "proxy_hide_header " + h + ";");
        }
        blank();
        for (String service : table.servicesInUse()) {
            line(1, "upstream " + upstream(service) + " {");
            line(2, "server " + s.upstream().apply(service) + " max_fails=0;");
            line(2, "keepalive 64;");
            line(2, "keepalive_requests 10000;");
            line(2, "keepalive_timeout 60s;");
            line(1, "}");
        }
        blank();
        server();
    }

    private void server() {
        line(1, "server {");
        line(2, "listen " + s.listenAddress() + ":" + s.port() + " default_server;");
        if (s.tlsPort() != null) {
            line(2, "listen " + s.listenAddress() + ":" + s.tlsPort() + " ssl http2 default_server;");
            line(2, "ssl_certificate " + s.tlsCertificate() + ";");
            line(2, "ssl_certificate_key " + s.tlsKey() + ";");
            line(2, "ssl_protocols TLSv1.2 TLSv1.3;");
            line(2, "ssl_session_cache shared:ispeed_tls:10m;");
        }
        line(2, "server_name _;");
        errorPages(2, null);
        blank();
        for (String path : table.notFound()) {
            line(2, "# answered here: never a service's");
            for (String loc : prefixLocations(path, true)) {
                line(2, "location " + loc + " {");
                checks(3);
                line(3, "return 404;");
                line(2, "}");
            }
        }
        for (RouteTable.Route r : table.routes()) {
            blank();
            if (r.suffix() != null) {
                location(r, "~ \"" + r.regex() + "\"");
            } else if (r.exact()) {
                location(r, "= " + r.path());
            } else {
                for (String loc : prefixLocations(r.path(), false)) {
                    location(r, loc);
                }
            }
        }
        blank();
        for (Map.Entry<Integer, Problems.Problem> e : new TreeMap<>(Problems.BY_STATUS).entrySet()) {
            problemLocation(PROBLEMS + e.getKey(), e.getValue(), null);
        }
        for (RouteTable.Limits l : table.limitsInUse()) {
            problemLocation(PROBLEMS + "429-" + l.name(), Problems.rateLimited(l), l.retryAfterSeconds());
        }
        line(1, "}");
    }

    private void location(RouteTable.Route r, String match) {
        RouteTable.Limits l = table.limits().get(r.limits());
        line(2, "location " + match + " {");
        line(3, "client_max_body_size " + l.bodyBytes() + ";");
        line(3, "limit_req zone=" + zone("ip", l) + " burst=" + (l.perIp().requests() - 1) + " nodelay;");
        if (l.perInstall() != null) {
            line(3, "limit_req zone=" + zone("install", l) + " burst=" + (l.perInstall().requests() - 1) + " nodelay;");
        }
        errorPages(3, l);
        checks(3);
        line(3, "proxy_read_timeout " + l.timeoutSeconds() + "s;");
        line(3, "if ($ispeed_preflight = 1) {");
        line(4, "add_header Access-Control-Allow-Origin $ispeed_cors_origin always;");
        line(4, "add_header Access-Control-Allow-Methods \"GET, HEAD, POST, PUT, PATCH, DELETE\" always;");
        line(4, "add_header Access-Control-Allow-Headers \"Authorization, Content-Type, " + RouteTable.HEADER_REQUEST_ID + ", "
                + RouteTable.HEADER_INSTALL_ID + "\" always;");
        line(4, "add_header Access-Control-Max-Age 600 always;");
        line(4, "add_header Vary Origin always;");
        line(4, "add_header " + RouteTable.HEADER_REQUEST_ID + " $ispeed_request_id always;");
        line(4, "return 204;");
        line(3, "}");
        line(3, "if ($ispeed_preflight = 2) { return 403; }");
        commonHeaders(3);
        line(3, "proxy_pass http://" + upstream(r.service()) + ";");
        line(2, "}");
    }

    /**
     * Checked in every location rather than once in the server block: an error page is an internal redirect that
     * runs the server block's rewrites again, and these would then reject the error page itself.
     */
    private void checks(int depth) {
        line(depth, "if ($ispeed_bad_method) { return 405; }");
        line(depth, "if ($ispeed_bad_path) { return 400; }");
        line(depth, "if ($ispeed_two_framings) { return 400; }");
        line(depth, "if ($ispeed_bad_host) { return 400; }");
    }

    private void problemLocation(String uri, Problems.Problem p, Integer retryAfter) {
        line(2, "location = " + uri + " {");
        line(3, "internal;");
        line(3, "default_type " + Problems.MEDIA_TYPE + ";");
        commonHeaders(3);
        if (retryAfter != null) {
            line(3, "add_header Retry-After " + retryAfter + " always;");
        }
        line(3, "return " + p.status() + " '" + p.json("$ispeed_request_id") + "';");
        line(2, "}");
    }

    private void commonHeaders(int depth) {
        line(depth, "add_header " + RouteTable.HEADER_REQUEST_ID + " $ispeed_request_id always;");
        line(depth, "add_header Access-Control-Allow-Origin $ispeed_cors_origin always;");
        line(depth, "add_header Access-Control-Expose-Headers $ispeed_cors_expose always;");
    }

    /** error_page is inherited only by a level that sets none, so each location that sets its 429 repeats all. */
    private void errorPages(int depth, RouteTable.Limits limits) {
        List<String> lines = new ArrayList<>();
        for (int status : new TreeMap<>(Problems.BY_STATUS).keySet()) {
            lines.add("error_page " + status + " " + PROBLEMS + status + ";");
        }
        lines.add("error_page 494 =431 " + PROBLEMS + "431;");
        // an unknown transfer coding (501) or protocol version (505) is the client's error, not the gateway's
        lines.add("error_page 501 505 =400 " + PROBLEMS + "400;");
        lines.add("error_page 429 " + PROBLEMS + "429-" + (limits == null ? table.limitsInUse().get(0).name() : limits.name()) + ";");
        lines.forEach(l -> line(depth, l));
    }

    /** Element-wise prefix, as Gateway API's PathPrefix: /a matches /a and /a/..., not /ab. */
    private static List<String> prefixLocations(String path, boolean overrideRegex) {
        String kind = overrideRegex ? "^~ " : "";
        if (path.equals("/")) {
            return List.of(kind + "/");
        }
        return List.of("= " + path, kind + path + "/");
    }

    private static String rate(RouteTable.Rate r) {
        return r.requests() + (r.per() == RouteTable.Rate.Per.SECOND ? "r/s" : "r/m");
    }

    private static String zone(String kind, RouteTable.Limits l) {
        return kind + "_" + id(l.name());
    }

    private static String upstream(String service) {
        return "ispeed_" + id(service);
    }

    private static String id(String name) {
        return name.replace('-', '_');
    }

    private void line(int depth, String text) {
        out.append("    ".repeat(depth)).append(text).append('\n');
    }

    private void blank() {
        out.append('\n');
    }
}

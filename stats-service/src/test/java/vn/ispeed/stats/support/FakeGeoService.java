package vn.ispeed.stats.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A stand-in for geo-service's boundary API (two square communes of Hà Nội), on a random port. Like geo-service it
 * answers 404 {@code no-boundaries} for vn-2024's communes. A test switches what it does with
 * {@code POST /fake/mode?m=...} (the server is shared by the JVM's Quarkus tests): {@code normal}, {@code preparing}
 * (503 with Retry-After 7, as geo while it prepares its layers) or {@code hangup} (closes the connection unanswered).
 */
public class FakeGeoService implements QuarkusTestResourceLifecycleManager {
    private static HttpServer server;
    private static volatile String mode = "normal";
    private static final Map<String, List<String>> SQUARES = new ConcurrentHashMap<>();

    /** From now on a request for {@code level} gets a small square for every one of {@code codes}. */
    public static void serveSquares(String level, List<String> codes) {
        SQUARES.put(level, List.copyOf(codes));
    }

    private static String squares(List<String> codes) {
        StringBuilder sb = new StringBuilder("{\"type\":\"FeatureCollection\",\"features\":[");
        for (int i = 0; i < codes.size(); i++) {
            double x = 102 + 0.1 * i;
            sb.append(i > 0 ? "," : "").append("{\"type\":\"Feature\",\"id\":\"").append(codes.get(i))
                    .append("\",\"properties\":{\"code\":\"").append(codes.get(i)).append("\"},\"geometry\":{\"type\":\"Polygon\",")
                    .append("\"coordinates\":[[[").append(x).append(",10],[").append(x + 0.05).append(",10],[").append(x + 0.05)
                    .append(",10.05],[").append(x).append(",10.05],[").append(x).append(",10]]]}}");
        }
        return sb.append("]}").toString();
    }

    static final String BOUNDARIES = """
            {"type":"FeatureCollection","features":[
             {"type":"Feature","id":"00004","properties":{"code":"00004","name":"Ba Đình"},
              "geometry":{"type":"Polygon","coordinates":[[[105.80,21.03],[105.84,21.03],[105.84,21.05],[105.80,21.05],[105.80,21.03]]]}},
             {"type":"Feature","id":"00008","properties":{"code":"00008","name":"Ngọc Hà"},
              "geometry":{"type":"Polygon","coordinates":[[[105.78,21.03],[105.80,21.03],[105.80,21.05],[105.78,21.05],[105.78,21.03]]]}}
            ]}""";

    @Override
    public synchronized Map<String, String> start() {
        if (server == null) {
            try {
                server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            server.createContext("/fake/mode", exchange -> {
                String query = exchange.getRequestURI().getQuery();
                mode = query == null ? "normal" : query.replace("m=", "");
                send(exchange, 204, null, "");
            });
            server.createContext("/api/v1/sets/", FakeGeoService::boundaries);
            server.start();
        }
        return Map.of("quarkus.rest-client.geo.url", url());
    }

    public static String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private static void boundaries(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        String query = exchange.getRequestURI().getQuery() == null ? "" : exchange.getRequestURI().getQuery();
        switch (mode) {
            case "hangup" -> exchange.close();
            case "preparing" -> {
                exchange.getResponseHeaders().add("Retry-After", "7");
                send(exchange, 503, "application/problem+json", """
                        {"type":"https://ispeed.vn/problems/boundaries-preparing","title":"Service unavailable","status":503}""");
            }
            default -> {
                if (!path.endsWith("/boundaries")) {
                    send(exchange, 404, "application/problem+json", "{\"status\":404}");
                } else if (path.contains("/vn-2024/") && query.contains("level=commune")) {
                    send(exchange, 404, "application/problem+json", """
                            {"type":"https://ispeed.vn/problems/no-boundaries","title":"Not found","status":404,\
                            "detail":"vn-2024 has no polygons for level commune"}""");
                } else {
                    String level = java.util.Arrays.stream(query.split("&")).filter(q -> q.startsWith("level="))
                            .map(q -> q.substring(6)).findFirst().orElse(null);
                    List<String> codes = level == null ? null : SQUARES.get(level);
                    send(exchange, 200, "application/geo+json", codes == null ? BOUNDARIES : squares(codes));
                }
            }
        }
    }

    private static void send(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        if (type != null) {
            exchange.getResponseHeaders().add("Content-Type", type);
        }
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void stop() {
    }
}

package vn.ispeed.stats.support;

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
 * A stand-in for geo-service's boundary API, on a random port: two square communes of Hà Nội, or for a level given to
 * {@link #serveSquares} a square for each of its codes.
 */
public class FakeGeoService implements QuarkusTestResourceLifecycleManager {
    private static HttpServer server;
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
            server.createContext("/api/v1/sets/", exchange -> {
                String query = exchange.getRequestURI().getQuery();
                String level = query == null ? null : java.util.Arrays.stream(query.split("&"))
                        .filter(q -> q.startsWith("level=")).map(q -> q.substring(6)).findFirst().orElse(null);
                List<String> codes = level == null ? null : SQUARES.get(level);
                byte[] body = (codes == null ? BOUNDARIES : squares(codes)).getBytes(StandardCharsets.UTF_8);
                int status = exchange.getRequestURI().getPath().endsWith("/boundaries") ? 200 : 404;
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(status, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            });
            server.start();
        }
        return Map.of("quarkus.rest-client.geo.url", "http://127.0.0.1:" + server.getAddress().getPort());
    }

    @Override
    public void stop() {
    }
}

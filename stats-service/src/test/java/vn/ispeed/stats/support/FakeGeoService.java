package vn.ispeed.stats.support;

import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** A stand-in for geo-service's boundary API (two square communes of Hà Nội), on a random port. */
public class FakeGeoService implements QuarkusTestResourceLifecycleManager {
    private static HttpServer server;

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
                byte[] body = BOUNDARIES.getBytes(StandardCharsets.UTF_8);
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

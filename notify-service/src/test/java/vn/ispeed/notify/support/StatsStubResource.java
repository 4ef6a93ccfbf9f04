package vn.ispeed.notify.support;

import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Stands in for stats-service's {@code GET /api/v1/coverage/{set}}: answers a report (the shape
 * stats-service returns) for province {@value #PROVINCE} only and 404 for every other, so digests
 * of other provinces exercise the local fallback.
 */
public class StatsStubResource implements QuarkusTestResourceLifecycleManager {
    public static final String PROVINCE = "56";
    public static final List<String> QUERIES = new CopyOnWriteArrayList<>();
    private static HttpServer server;

    public static String sentence(String network) {
        return "FIXED".equals(network)
                ? "Mạng băng rộng cố định: 61/65 xã/phường/đặc khu không đủ mẫu để thống kê"
                : "Mạng băng rộng di động: 58/65 xã/phường/đặc khu không đủ mẫu để thống kê";
    }

    public static String sentenceEn(String network) {
        return ("FIXED".equals(network) ? "Fixed" : "Mobile") + " broadband: "
                + ("FIXED".equals(network) ? "61" : "58") + "/65 communes without enough samples";
    }

    @Override
    public synchronized Map<String, String> start() {
        if (server == null) {
            try {
                server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            server.createContext("/api/v1/coverage/", exchange -> {
                String query = exchange.getRequestURI().getQuery();
                QUERIES.add(exchange.getRequestURI().getPath() + "?" + query);
                String network = query != null && query.contains("network=mobile") ? "MOBILE" : "FIXED";
                if (query == null || !query.contains("province=" + PROVINCE)) {
                    exchange.sendResponseHeaders(404, -1);
                    exchange.close();
                    return;
                }
                byte[] body = ("{\"boundarySet\":\"vn-2025\",\"network\":\"" + network + "\",\"province\":\"" + PROVINCE
                        + "\",\"levels\":[{\"level\":\"commune\",\"units\":65}],\"sentence\":\"" + sentence(network)
                        + "\",\"sentenceEn\":\"" + sentenceEn(network) + "\"}").getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
                exchange.close();
            });
            server.start();
        }
        return Map.of("quarkus.rest-client.stats.url", "http://127.0.0.1:" + server.getAddress().getPort());
    }

    @Override
    public void stop() {
        // shared by every test class of this JVM
    }
}

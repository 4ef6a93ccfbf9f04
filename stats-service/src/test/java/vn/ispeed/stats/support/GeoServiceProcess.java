package vn.ispeed.stats.support;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import org.awaitility.Awaitility;
import vn.ispeed.testsupport.Ports;
import vn.ispeed.testsupport.Runtimes;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The real geo-service, started from its runnable jar (built by {@code ./mvnw verify} before this module) on a free
 * port with the shared boundary data and no Kafka loop, once per test JVM; ready once its boundary layers are
 * prepared. {@link #kill()} takes it away for an outage.
 */
public class GeoServiceProcess implements QuarkusTestResourceLifecycleManager {
    private static Process process;
    private static int port;

    @Override
    public Map<String, String> start() {
        return Map.of("quarkus.rest-client.geo.url", url());
    }

    /** Starts last, so its URL replaces the stand-in's. */
    @Override
    public int order() {
        return 1000;
    }

    @Override
    public void stop() {
    }

    public static synchronized String url() {
        if (process == null) {
            launch();
        }
        return "http://127.0.0.1:" + port;
    }

    private static void launch() {
        Path root = Runtimes.projectRoot();
        Path jar = root.resolve("geo-service/target/quarkus-app/quarkus-run.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("geo-service is not built (" + jar + "): ./mvnw verify builds it before "
                    + "stats-service; alone: ./mvnw -B -q -pl geo-service -am package -DskipTests");
        }
        String geoRoot = System.getProperty("ispeed.geo.root", root.resolve("../shared/geo").toString());
        port = Ports.free();
        Path log = root.resolve("stats-service/target/geo-service-for-tests.log");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx1500m", "-jar", jar.toString()));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("QUARKUS_HTTP_PORT", String.valueOf(port));
        pb.environment().put("ISPEED_GEO_ROOT", geoRoot);
        pb.environment().put("GEO_STREAM_ENABLED", "false");
        pb.environment().put("QUARKUS_OIDC_TENANT_ENABLED", "false");
        try {
            process = pb.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(GeoServiceProcess::kill));
        awaitReady(log);
    }

    private static void awaitReady(Path log) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest ready = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/q/health/ready"))
                .timeout(Duration.ofSeconds(5)).build();
        Awaitility.await("geo-service ready (see " + log + ")").atMost(Duration.ofMinutes(10))
                .pollInterval(Duration.ofSeconds(1)).until(() -> {
                    if (!process.isAlive()) {
                        throw new IllegalStateException("geo-service exited with " + process.exitValue() + "; see " + log);
                    }
                    try {
                        return http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
                    } catch (IOException e) {
                        return false; // not listening yet
                    }
                });
    }

    /** Stops geo-service (its port then refuses connections). */
    public static synchronized void kill() {
        if (process != null && process.isAlive()) {
            process.destroy();
            try {
                process.waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}

package vn.ispeed.testsupport;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import vn.ispeed.gateway.NginxConfig;
import vn.ispeed.gateway.RouteTable;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The real gateway (nginx from the machine's packages) with the configuration rendered from {@code gateway/routes.yaml},
 * on a free port, in front of the service under test: the resource chooses the service's HTTP port
 * ({@code quarkus.http.test-port}) and routes the service named by init arg {@code service} there; every other
 * service's routes point at a closed port (502 from the gateway). One gateway per test JVM; no exempt clients, so
 * the per-IP limits count the tests too. Fails with the install command when nginx is missing.
 */
public class GatewayResource implements QuarkusTestResourceLifecycleManager {
    public static final String CORS_ORIGIN = "http://portal.test";
    private static Gateway gateway;

    public record Gateway(int port, int servicePort, Path dir, Process process) {
        public String url() {
            return "http://127.0.0.1:" + port;
        }

        public Path accessLog() {
            return dir.resolve("access.log");
        }
    }

    private String service = "ingest-service";

    @Override
    public void init(Map<String, String> initArgs) {
        service = initArgs.getOrDefault("service", service);
    }

    public static synchronized Gateway gateway() {
        if (gateway == null) {
            throw new IllegalStateException("the gateway is started by @QuarkusTestResource(GatewayResource.class)");
        }
        return gateway;
    }

    @Override
    public synchronized Map<String, String> start() {
        if (gateway == null) {
            gateway = startGateway(service);
        }
        return Map.of("quarkus.http.test-port", String.valueOf(gateway.servicePort()));
    }

    @Override
    public void stop() {
        // shared by the test classes of this JVM; stopped by the shutdown hook
    }

    /** nginx as installed by Debian's nginx-light / nginx packages (or any nginx 1.22+ on the PATH). */
    public static Path nginx() {
        for (String candidate : List.of("/usr/sbin/nginx", "/usr/local/sbin/nginx", "/usr/local/nginx/sbin/nginx")) {
            if (Files.isExecutable(Path.of(candidate))) {
                return Path.of(candidate);
            }
        }
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path p = Path.of(dir, "nginx");
            if (!dir.isEmpty() && Files.isExecutable(p)) {
                return p;
            }
        }
        throw new IllegalStateException("nginx is not installed, and the gateway tests run the real gateway: install it with"
                + " 'apt-get install -y nginx-light' (Debian/Ubuntu; .ci/run and ./dev/stack up --all do this), then run the tests again");
    }

    private static Gateway startGateway(String service) {
        Path nginx = nginx();
        try {
            Path dir = Files.createTempDirectory("ispeed-gateway-");
            // nginx's workers run as nobody when the tests run as root: they must reach the temp directories in here
            Files.setPosixFilePermissions(dir, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
            Files.createDirectories(dir.resolve("temp"));
            int port = Ports.free();
            int servicePort = Ports.free();
            int closed = Ports.free();
            RouteTable table = RouteTable.standard(projectRoot());
            NginxConfig.Settings settings = new NginxConfig.Settings("127.0.0.1", port, null, null, null, dir,
                    s -> "127.0.0.1:" + (s.equals(service) ? servicePort : closed), List.of(), List.of(CORS_ORIGIN), "1",
                    dir.resolve("access.log").toString(), dir.resolve("error.log").toString());
            Path conf = dir.resolve("nginx.conf");
            Files.writeString(conf, NginxConfig.render(table, settings), StandardCharsets.UTF_8);
            Process process = new ProcessBuilder(nginx.toString(), "-p", dir.toString(), "-c", conf.toString(), "-g", "daemon off;")
                    .redirectErrorStream(true).redirectOutput(dir.resolve("nginx.out").toFile()).start();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (!listening(port)) {
                if (!process.isAlive() || System.nanoTime() > deadline) {
                    process.destroyForcibly();
                    throw new IllegalStateException("nginx did not start: " + Files.readString(dir.resolve("nginx.out")));
                }
                Thread.sleep(50);
            }
            Gateway started = new Gateway(port, servicePort, dir, process);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                process.destroy();
                try {
                    process.waitFor(10, TimeUnit.SECONDS);
                    Dirs.deleteRecursively(dir);
                } catch (Exception e) {
                    // the JVM is ending; a temp directory left behind is all that can go wrong
                }
            }, "gateway-stop"));
            return started;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static boolean listening(int port) {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** The project root: where gateway/routes.yaml is (the tests run in a module directory). */
    static Path projectRoot() {
        Path dir = Path.of("").toAbsolutePath();
        for (Path p = dir; p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("gateway/routes.yaml"))) {
                return p;
            }
        }
        throw new IllegalStateException("no gateway/routes.yaml above " + dir);
    }
}

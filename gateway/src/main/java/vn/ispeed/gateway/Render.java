package vn.ispeed.gateway;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code gateway/render k8s} rewrites {@code k8s/base/gateway/gateway-api.yaml}; {@code gateway/render nginx --out FILE
 * [options]} writes an nginx configuration (dev/stack runs this). Both read {@code gateway/routes.yaml}.
 */
public final class Render {
    /** Where the rendered Gateway API manifests live, relative to the project root. */
    public static final String MANIFESTS = "k8s/base/gateway/gateway-api.yaml";

    public static void main(String[] argv) throws IOException {
        if (argv.length == 0) {
            usage();
        }
        Path root = Path.of(System.getProperty("ispeed.root", ".")).toAbsolutePath().normalize();
        RouteTable table = RouteTable.standard(root);
        switch (argv[0]) {
            case "k8s" -> {
                Path out = root.resolve(MANIFESTS);
                Files.createDirectories(out.getParent());
                Files.writeString(out, GatewayApiManifests.render(table), StandardCharsets.UTF_8);
                System.out.println("wrote " + MANIFESTS);
            }
            case "nginx" -> {
                Map<String, List<String>> o = options(argv);
                String host = one(o, "upstream-host", "127.0.0.1");
                Path prefix = Path.of(one(o, "prefix", ".dev/gateway")).toAbsolutePath();
                String tlsPort = o.containsKey("tls-port") ? one(o, "tls-port", null) : null;
                NginxConfig.Settings s = new NginxConfig.Settings(one(o, "listen", "127.0.0.1"), Integer.parseInt(one(o, "port", "8080")),
                        tlsPort == null ? null : Integer.parseInt(tlsPort),
                        tlsPort == null ? null : Path.of(one(o, "tls-certificate", null)).toAbsolutePath(),
                        tlsPort == null ? null : Path.of(one(o, "tls-key", null)).toAbsolutePath(),
                        prefix, service -> host + ":" + table.services().get(service),
                        o.getOrDefault("exempt", List.of()), o.getOrDefault("cors-origin", table.corsOrigins()),
                        one(o, "workers", "auto"), one(o, "access-log", prefix.resolve("access.log").toString()), one(o, "error-log", "stderr"));
                Path out = Path.of(one(o, "out", null));
                Files.writeString(out, NginxConfig.render(table, s), StandardCharsets.UTF_8);
            }
            default -> usage();
        }
    }

    private static Map<String, List<String>> options(String[] argv) {
        Map<String, List<String>> o = new HashMap<>();
        for (int i = 1; i < argv.length; i++) {
            if (!argv[i].startsWith("--") || i + 1 >= argv.length) {
                throw new IllegalArgumentException("expected --name value at " + argv[i]);
            }
            o.computeIfAbsent(argv[i].substring(2), k -> new ArrayList<>()).add(argv[++i]);
        }
        return o;
    }

    private static String one(Map<String, List<String>> o, String name, String fallback) {
        List<String> v = o.get(name);
        if (v == null || v.isEmpty()) {
            if (fallback == null) {
                throw new IllegalArgumentException("--" + name + " is required");
            }
            return fallback;
        }
        return v.get(v.size() - 1);
    }

    private static void usage() {
        System.err.println("""
                usage: gateway/render k8s
                       gateway/render nginx --out FILE [--port 8080] [--listen 127.0.0.1] [--prefix DIR] [--upstream-host 127.0.0.1]
                                            [--exempt CIDR]... [--cors-origin ORIGIN]... [--tls-port P --tls-certificate F --tls-key F]
                                            [--workers auto] [--access-log FILE] [--error-log stderr]""");
        System.exit(2);
    }

    private Render() {
    }
}

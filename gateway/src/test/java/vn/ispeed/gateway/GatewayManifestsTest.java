package vn.ispeed.gateway;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The cluster's gateway and the local one come from the same table, and the table refuses what it cannot mean. */
class GatewayManifestsTest {
    private static final Path ROOT = Path.of(System.getProperty("ispeed.root", "..")).toAbsolutePath().normalize();

    @Test
    void theCommittedGatewayApiManifestsAreTheTablesRendering() throws Exception {
        String committed = Files.readString(ROOT.resolve(Render.MANIFESTS));
        assertThat(committed).as(Render.MANIFESTS + " is stale: run gateway/render k8s and commit it")
                .isEqualTo(GatewayApiManifests.render(RouteTable.standard(ROOT)));
    }

    @Test
    void bothRenderingsCarryEveryRouteAndLimit() {
        RouteTable table = RouteTable.standard(ROOT);
        String k8s = GatewayApiManifests.render(table);
        String nginx = NginxConfig.render(table, new NginxConfig.Settings("127.0.0.1", 8080, null, null, null, Path.of("/tmp/g"),
                s -> "127.0.0.1:" + table.services().get(s), List.of(), table.corsOrigins(), "1", "/tmp/g/a.log", "stderr"));
        for (RouteTable.Route r : table.routes()) {
            String path = r.suffix() != null ? r.regex() : r.path();
            assertThat(k8s).contains("value: " + path);
            assertThat(nginx).contains(r.suffix() != null ? "~ \"" + path + "\"" : (r.exact() ? "= " : "") + path);
        }
        for (RouteTable.Limits l : table.limitsInUse()) {
            assertThat(k8s).contains("limit: " + l.bodyBytes()).contains("requests: " + l.perIp().requests());
            assertThat(nginx).contains("client_max_body_size " + l.bodyBytes() + ";")
                    .contains("rate=" + l.perIp().requests() + (l.perIp().per() == RouteTable.Rate.Per.SECOND ? "r/s" : "r/m"));
        }
        for (String path : table.notFound()) {
            assertThat(k8s).contains("value: " + path);
            assertThat(nginx).contains("location ^~ " + path + "/ {");
        }
    }

    @Test
    void theTableRefusesUnknownKeysServicesAndLimits() {
        Map<String, Object> base = Map.of("host", "h", "ssoHost", "s", "corsOrigins", List.of(), "limits",
                Map.of("l", Map.of("bodyBytes", 1, "timeoutSeconds", 1, "perIp", Map.of("requests", 1, "per", "minute"))),
                "services", Map.of("a", 1), "notFound", List.of("/q"));
        assertThatThrownBy(() -> RouteTable.parse(with(base, "routes", List.of(Map.of("path", "/x", "service", "b", "limits", "l")))))
                .hasMessageContaining("unknown service b");
        assertThatThrownBy(() -> RouteTable.parse(with(base, "routes", List.of(Map.of("path", "/x", "service", "a", "limits", "m")))))
                .hasMessageContaining("unknown limits m");
        assertThatThrownBy(() -> RouteTable.parse(with(base, "routes", List.of(Map.of("path", "/x/", "service", "a", "limits", "l")))))
                .hasMessageContaining("trailing");
        assertThatThrownBy(() -> RouteTable.parse(with(base, "routes", List.of(Map.of("path", "/x", "servise", "a", "limits", "l")))))
                .hasMessageContaining("unknown key servise");
    }

    private static Map<String, Object> with(Map<String, Object> base, String key, Object value) {
        Map<String, Object> m = new java.util.HashMap<>(base);
        m.put(key, value);
        return m;
    }
}

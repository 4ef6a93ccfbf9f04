package vn.ispeed.testsupport;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import vn.ispeed.testsupport.keycloak.KeycloakDistribution;
import vn.ispeed.testsupport.keycloak.KeycloakServer;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * One real Keycloak (the {@code org.keycloak:keycloak-quarkus-dist} that dev/stack runs) per test
 * JVM with the realm {@code ispeed} from {@code dev/keycloak/ispeed-realm.json}: started by the
 * first test that needs it, stopped (with its whole process tree) when the JVM exits. The first use
 * on a machine unpacks and builds the distribution once (~1 min); later starts take ~10 s.
 *
 * <p>Use with {@code @QuarkusTestResource(KeycloakResource.class)} or {@code @WithTestResource};
 * it sets {@code quarkus.oidc.auth-server-url}, {@code quarkus.oidc.client-id} and
 * {@code quarkus.oidc.credentials.secret}. Tokens: {@link #accessToken(String, String)}.
 * Users (password = user name): dept-hanoi (department, province 01), dept-hcm (department,
 * province 79), ministry, ops.
 */
public class KeycloakResource implements QuarkusTestResourceLifecycleManager {
    public static final String REALM = "ispeed";
    public static final String CLIENT_ID = "ispeed-services";
    public static final String CLIENT_SECRET = "ispeed-services-secret";

    private static final Pattern ACCESS_TOKEN = Pattern.compile("\"access_token\"\\s*:\\s*\"([^\"]+)\"");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static KeycloakServer server;

    public static synchronized KeycloakServer server() {
        if (server == null) {
            KeycloakServer started = KeycloakServer.start(KeycloakDistribution.prepared());
            Runtime.getRuntime().addShutdownHook(new Thread(started::stop, "keycloak-test-server-stop"));
            server = started;
        }
        return server;
    }

    /** http://127.0.0.1:PORT/realms/ispeed */
    public static String authServerUrl() {
        return server().realmUrl(REALM);
    }

    /** An access token for the user through the password grant of the confidential client. */
    public static String accessToken(String username, String password) {
        HttpResponse<String> response = tokenRequest(username, password);
        Matcher m = ACCESS_TOKEN.matcher(response.body());
        if (response.statusCode() != 200 || !m.find()) {
            throw new IllegalStateException("no token for " + username + ": HTTP " + response.statusCode() + " " + response.body());
        }
        return m.group(1);
    }

    /** The raw token endpoint answer for the password grant (for tests of refused logins). */
    public static HttpResponse<String> tokenRequest(String username, String password) {
        Map<String, String> form = Map.of(
                "grant_type", "password",
                "client_id", CLIENT_ID,
                "client_secret", CLIENT_SECRET,
                "username", username,
                "password", password);
        String body = form.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpRequest request = HttpRequest.newBuilder(URI.create(authServerUrl() + "/protocol/openid-connect/token"))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException("token request failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The JSON payload of a JWT (not verified: for assertions in tests). */
    public static String payload(String jwt) {
        String[] parts = jwt.split("\\.");
        if (parts.length < 2) {
            throw new IllegalArgumentException("not a JWT");
        }
        return new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
    }

    @Override
    public Map<String, String> start() {
        return Map.of(
                "quarkus.oidc.auth-server-url", authServerUrl(),
                "quarkus.oidc.client-id", CLIENT_ID,
                "quarkus.oidc.credentials.secret", CLIENT_SECRET);
    }

    @Override
    public void stop() {
        // shared by every test class of this JVM; stopped by the shutdown hook
    }
}

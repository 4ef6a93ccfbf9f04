package vn.ispeed.stats.support;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Map;
import java.util.Set;

/**
 * Real signed bearer tokens without an OIDC server: the service verifies with the public key of a
 * key pair generated per test JVM ({@code quarkus.oidc.public-key}) and checks the issuer, so
 * expired, foreign-issuer and tampered tokens are rejected exactly as in production.
 */
public class TestTokens implements QuarkusTestResourceLifecycleManager {
    public static final String ISSUER = "https://keycloak.test/realms/ispeed";
    private static final KeyPair KEYS = generate();
    private static final KeyPair OTHER_KEYS = generate();

    private static KeyPair generate() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(2048);
            return g.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private boolean realKeycloak;

    @Override
    public void setContext(Context context) {
        // the real-Keycloak test profile verifies tokens against the realm instead
        realKeycloak = context.testProfile() != null && context.testProfile().contains("Keycloak");
    }

    @Override
    public Map<String, String> start() {
        if (realKeycloak) {
            return Map.of();
        }
        return Map.of(
                "quarkus.oidc.public-key", Base64.getEncoder().encodeToString(KEYS.getPublic().getEncoded()),
                "quarkus.oidc.token.issuer", ISSUER,
                "quarkus.oidc.application-type", "service");
    }

    @Override
    public void stop() {
    }

    private static JwtClaimsBuilder claims(String user, String role, String province) {
        JwtClaimsBuilder b = Jwt.issuer(ISSUER).subject(user).preferredUserName(user).groups(Set.of(role)).expiresIn(600);
        if (province != null) {
            b.claim("province", province);
        }
        return b;
    }

    public static String department(String province) {
        return claims("dept-" + province, "department", province).sign(KEYS.getPrivate());
    }

    public static String ministry() {
        return claims("ministry", "ministry", null).sign(KEYS.getPrivate());
    }

    public static String ops() {
        return claims("ops", "ops", null).sign(KEYS.getPrivate());
    }

    public static String expired() {
        long past = System.currentTimeMillis() / 1000 - 3600;
        return Jwt.issuer(ISSUER).subject("ministry").groups(Set.of("ministry")).issuedAt(past - 600).expiresAt(past)
                .sign(KEYS.getPrivate());
    }

    public static String otherIssuer() {
        return Jwt.issuer("https://evil.example/realms/ispeed").subject("ministry").groups(Set.of("ministry")).expiresIn(600)
                .sign(KEYS.getPrivate());
    }

    /** A ministry token whose payload was edited after signing (signature no longer matches). */
    public static String tampered() {
        String token = department("79");
        String[] parts = token.split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1])).replace("\"79\"", "\"01\"");
        return parts[0] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(payload.getBytes()) + "." + parts[2];
    }

    /** Signed by a key the service does not trust. */
    public static String foreignKey() {
        return claims("ministry", "ministry", null).sign(OTHER_KEYS.getPrivate());
    }
}

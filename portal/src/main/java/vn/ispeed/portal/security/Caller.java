package vn.ispeed.portal.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.oidc.AccessTokenCredential;
import io.quarkus.security.identity.SecurityIdentity;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Who is looking at a page, as stats-service sees it: anonymous (published figures only), a department
 * (claim {@code province}: full detail of that province only), the ministry (every province) or ops (public
 * view). Roles come from the access token ({@code realm_access.roles} or {@code groups}), the province from
 * its claim {@code province}, exactly as stats-service reads them; the same token is what the portal passes
 * on to the APIs, so both sides decide on the same facts.
 */
public record Caller(Role role, String province, String name, String accessToken) {
    public enum Role { ANONYMOUS, DEPARTMENT, MINISTRY, OPS }

    private static final ObjectMapper JSON = new ObjectMapper();
    public static final Caller ANONYMOUS = new Caller(Role.ANONYMOUS, null, null, null);

    public static Caller of(SecurityIdentity identity) {
        if (identity == null || identity.isAnonymous()) {
            return ANONYMOUS;
        }
        AccessTokenCredential at = identity.getCredential(AccessTokenCredential.class);
        String token = at == null ? null : at.getToken();
        JsonNode claims = token == null ? null : claims(token);
        String province = claims == null ? null : province(claims.get("province"));
        String name = claims != null && claims.hasNonNull("preferred_username") ? claims.get("preferred_username").asText()
                : identity.getPrincipal().getName();
        Role role = identity.hasRole("ministry") ? Role.MINISTRY
                : identity.hasRole("department") ? Role.DEPARTMENT
                : identity.hasRole("ops") ? Role.OPS : Role.ANONYMOUS;
        return new Caller(role, role == Role.DEPARTMENT ? province : null, name, token);
    }

    public boolean loggedIn() {
        return accessToken != null;
    }

    /** Whether this caller may open the full detail of a province (the department pages). */
    public boolean mayOpen(String provinceCode) {
        return switch (role) {
            case MINISTRY -> true;
            case DEPARTMENT -> province != null && province.equals(provinceCode);
            default -> false;
        };
    }

    public boolean ministry() {
        return role == Role.MINISTRY;
    }

    public boolean department() {
        return role == Role.DEPARTMENT;
    }

    /** The header value the APIs take, or null for an anonymous call. */
    public String bearer() {
        return accessToken == null ? null : "Bearer " + accessToken;
    }

    /** The payload of the access token Quarkus OIDC has already verified ({@code verify-access-token=true}). */
    private static JsonNode claims(String jwt) {
        String[] parts = jwt.split("\\.");
        if (parts.length < 2) {
            return null;
        }
        try {
            return JSON.readTree(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8));
        } catch (Exception e) {
            return null;
        }
    }

    /** The claim as a plain code: a string, or the first element of a one-valued array attribute. */
    static String province(JsonNode claim) {
        if (claim == null || claim.isNull()) {
            return null;
        }
        if (claim.isArray()) {
            return claim.isEmpty() ? null : province(claim.get(0));
        }
        String text = claim.asText().trim();
        return text.isEmpty() ? null : text;
    }
}

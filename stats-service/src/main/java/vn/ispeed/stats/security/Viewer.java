package vn.ispeed.stats.security;

import io.quarkus.security.identity.SecurityIdentity;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Who is asking, as far as the figures go: anonymous (published cells only), a department
 * (full detail of its own province, claim {@code province}), the ministry (full detail
 * everywhere) or ops (public view; rebuild and replay).
 */
public record Viewer(Role role, String province) {
    public enum Role { ANONYMOUS, DEPARTMENT, MINISTRY, OPS }

    public static final String DEPARTMENT = "department";
    public static final String MINISTRY = "ministry";
    public static final String OPS = "ops";
    public static final String PROVINCE_CLAIM = "province";

    public static Viewer of(SecurityIdentity identity) {
        if (identity == null || identity.isAnonymous()) {
            return new Viewer(Role.ANONYMOUS, null);
        }
        if (identity.hasRole(MINISTRY)) {
            return new Viewer(Role.MINISTRY, null);
        }
        if (identity.hasRole(DEPARTMENT)) {
            String province = null;
            if (identity.getPrincipal() instanceof JsonWebToken jwt) {
                province = province(jwt.getClaim(PROVINCE_CLAIM));
            }
            return new Viewer(Role.DEPARTMENT, province);
        }
        if (identity.hasRole(OPS)) {
            return new Viewer(Role.OPS, null);
        }
        return new Viewer(Role.ANONYMOUS, null);
    }

    /** The claim as a plain code: a string, or the first element of a one-valued array attribute. */
    static String province(Object claim) {
        if (claim == null) {
            return null;
        }
        if (claim instanceof java.util.Collection<?> c) {
            return c.isEmpty() ? null : province(c.iterator().next());
        }
        if (claim instanceof jakarta.json.JsonString js) {
            return js.getString();
        }
        String text = claim.toString().replace("[", "").replace("]", "").replace("\"", "").trim();
        int comma = text.indexOf(',');
        return comma < 0 ? text : text.substring(0, comma).trim();
    }

    /** Whether this viewer sees counts and needs of an insufficient cell of a unit in {@code provinceCode}. */
    public boolean fullDetail(String provinceCode) {
        return switch (role) {
            case MINISTRY -> true;
            case DEPARTMENT -> province != null && province.equals(provinceCode);
            default -> false;
        };
    }
}

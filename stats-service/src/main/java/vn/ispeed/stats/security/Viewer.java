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
                Object claim = jwt.getClaim(PROVINCE_CLAIM);
                province = claim == null ? null : claim.toString().replace("\"", "");
            }
            return new Viewer(Role.DEPARTMENT, province);
        }
        if (identity.hasRole(OPS)) {
            return new Viewer(Role.OPS, null);
        }
        return new Viewer(Role.ANONYMOUS, null);
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

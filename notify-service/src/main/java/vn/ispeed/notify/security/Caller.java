package vn.ispeed.notify.security;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;
import org.eclipse.microprofile.jwt.JsonWebToken;
import vn.ispeed.notify.api.ProblemException;

import java.util.Optional;

/**
 * Who is calling and which provinces they may see: {@code ministry} and {@code ops} all of them,
 * {@code department} only the one in its token claim {@code province}.
 */
@RequestScoped
public class Caller {
    public static final String DEPARTMENT = "department";
    public static final String MINISTRY = "ministry";
    public static final String OPS = "ops";
    public static final String PROVINCE_CLAIM = "province";

    private final SecurityIdentity identity;

    public Caller(SecurityIdentity identity) {
        this.identity = identity;
    }

    public boolean isNational() {
        return identity.hasRole(MINISTRY) || identity.hasRole(OPS);
    }

    /** The department's province, empty for national roles or a token without the claim. */
    public Optional<String> province() {
        if (identity.getPrincipal() instanceof JsonWebToken jwt) {
            Object claim = jwt.getClaim(PROVINCE_CLAIM);
            if (claim instanceof jakarta.json.JsonArray array) {   // a multivalued attribute mapper
                claim = array.isEmpty() ? null : array.get(0);
            } else if (claim instanceof java.util.Collection<?> values) {
                claim = values.isEmpty() ? null : values.iterator().next();
            }
            if (claim instanceof jakarta.json.JsonString json) {
                claim = json.getString();
            }
            if (claim != null && !claim.toString().isBlank()) {
                return Optional.of(claim.toString().replace("\"", "").trim());
            }
        }
        Object attribute = identity.getAttribute(PROVINCE_CLAIM);
        return attribute == null ? Optional.empty() : Optional.of(attribute.toString());
    }

    public boolean mayAccess(String provinceCode) {
        return isNational() || (identity.hasRole(DEPARTMENT) && province().map(p -> p.equals(provinceCode)).orElse(false));
    }

    public void requireAccess(String provinceCode) {
        if (!mayAccess(provinceCode)) {
            throw ProblemException.forbidden("province " + provinceCode + " is not yours");
        }
    }

    public String name() {
        return identity.isAnonymous() ? "anonymous" : identity.getPrincipal().getName();
    }
}

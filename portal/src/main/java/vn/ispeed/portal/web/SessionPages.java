package vn.ispeed.portal.web;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;
import vn.ispeed.portal.security.Caller;
import vn.ispeed.portal.view.I18n;

import java.net.URI;

/** Login, where a person lands after it, and the language switch. Logout is Quarkus OIDC's {@code /logout}. */
@Path("/")
public class SessionPages {
    private final SecurityIdentity identity;

    public SessionPages(SecurityIdentity identity) {
        this.identity = identity;
    }

    /** Needs a login (see application.properties): Quarkus OIDC sends the browser to Keycloak and back here. */
    @GET
    @Path("login")
    public Response login() {
        return me();
    }

    /** A department's home is its province's detail, the ministry's the national table, anyone else's the map. */
    @GET
    @Path("me")
    public Response me() {
        Caller c = Caller.of(identity);
        String target = c.department() && c.province() != null ? "/provinces/" + c.province() + "/detail"
                : c.ministry() ? "/nation" : "/";
        return Response.seeOther(URI.create(target)).build();
    }

    /** Switches the language for this browser (a cookie) and returns to the page it came from. */
    @GET
    @Path("lang/{lang}")
    public Response lang(@PathParam("lang") String lang, @QueryParam("back") String back) {
        String target = back != null && back.startsWith("/") && !back.startsWith("//") && !back.contains("\\") ? back : "/";
        NewCookie cookie = new NewCookie.Builder(PageSupport.LANG_COOKIE).value(I18n.lang(lang)).path("/").maxAge(365 * 24 * 3600)
                .sameSite(NewCookie.SameSite.LAX).httpOnly(true).build();
        return Response.seeOther(URI.create(target)).cookie(cookie).build();
    }
}

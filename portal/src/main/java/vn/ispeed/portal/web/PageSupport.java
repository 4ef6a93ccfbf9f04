package vn.ispeed.portal.web;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.UriInfo;
import vn.ispeed.portal.security.Caller;
import vn.ispeed.portal.view.Row;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Helpers every page resource shares: the context of a request and the API's rows. */
@ApplicationScoped
public class PageSupport {
    public static final String LANG_COOKIE = "lang";

    public Ctx ctx(UriInfo uri, HttpHeaders headers, SecurityIdentity identity) {
        var cookie = headers.getCookies().get(LANG_COOKIE);
        return Ctx.of(uri, cookie == null ? null : cookie.getValue(), Caller.of(identity));
    }

    /** The children of a {@code children} answer as rows, in the API's order. */
    public static List<Row> rows(JsonNode children) {
        List<Row> rows = new ArrayList<>();
        for (JsonNode c : children.path("children")) {
            rows.add(Row.of(c));
        }
        return rows;
    }

    public static Map<String, Row> byCode(List<Row> rows) {
        Map<String, Row> m = new LinkedHashMap<>();
        rows.forEach(r -> m.put(r.code(), r));
        return m;
    }

    /** Province codes are two digits; unit codes are digits: anything else is refused before any API call. */
    public static String code(String raw) {
        if (raw == null || !raw.matches("[0-9]{2,5}")) {
            throw PortalProblem.notFound("unit " + raw);
        }
        return raw;
    }
}

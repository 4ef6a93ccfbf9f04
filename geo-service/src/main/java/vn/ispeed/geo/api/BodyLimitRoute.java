package vn.ispeed.geo.api;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.Json;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * A declared body larger than the API accepts is refused before it is read, as a problem
 * document: Vert.x's own limit (quarkus.http.limits.max-body-size) would answer a bare 413.
 */
@ApplicationScoped
public class BodyLimitRoute {
    private final long limit;

    public BodyLimitRoute(@ConfigProperty(name = "geo.api.max-body-bytes", defaultValue = "1048576") long limit) {
        this.limit = limit;
    }

    void register(@Observes Router router) {
        router.route().order(-100).handler(ctx -> {
            String declared = ctx.request().getHeader(HttpHeaders.CONTENT_LENGTH);
            long length;
            try {
                length = declared == null ? 0 : Long.parseLong(declared.trim());
            } catch (NumberFormatException e) {
                length = Long.MAX_VALUE;
            }
            if (length <= limit) {
                ctx.next();
                return;
            }
            Problem problem = new Problem(Problem.BASE + "payload-too-large", "Payload too large", 413,
                    "the body is larger than the " + limit + " bytes accepted here", null, null, null);
            ctx.response().setStatusCode(413)
                    .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                    .putHeader(HttpHeaders.CONNECTION, "close")
                    .end(Json.encode(problem));
        });
    }
}

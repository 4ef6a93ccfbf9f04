package vn.ispeed.ingest.api;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import vn.ispeed.ingest.config.IngestConfig;
import vn.ispeed.ingest.problem.Problem;
import vn.ispeed.ingest.problem.ProblemResponses;
import vn.ispeed.ingest.problem.ProblemType;
import vn.ispeed.ingest.submit.IngestMetrics;

/**
 * Vert.x-level guards: a declared Content-Length over the limit is refused before the body is
 * read, and a path nobody serves gets a problem document instead of the default page.
 */
@ApplicationScoped
public class HttpRoutes {
    private final IngestConfig config;
    private final IngestMetrics metrics;

    public HttpRoutes(IngestConfig config, IngestMetrics metrics) {
        this.config = config;
        this.metrics = metrics;
    }

    void register(@Observes Router router) {
        router.route(MeasurementResource.PATH).order(-100)
                .handler(ctx -> limit(ctx, config.limits().singleBodyBytes()));
        router.route(MeasurementResource.PATH + MeasurementResource.BATCH).order(-100)
                .handler(ctx -> limit(ctx, config.limits().batchBodyBytes()));
        router.route().order(Integer.MAX_VALUE).handler(ctx -> send(ctx,
                Problem.of(ProblemType.NOT_FOUND, "no such resource")));
    }

    private void limit(RoutingContext ctx, int limit) {
        String declared = ctx.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        if (declared != null) {
            long length;
            try {
                length = Long.parseLong(declared.trim());
            } catch (NumberFormatException e) {
                length = -1;
            }
            if (length > limit) {
                metrics.rejected(ProblemType.PAYLOAD_TOO_LARGE);
                // the body is not read: close the connection once the answer is out
                ctx.response().putHeader(HttpHeaders.CONNECTION, "close");
                send(ctx, Problem.of(ProblemType.PAYLOAD_TOO_LARGE,
                        "the body has " + length + " bytes; at most " + limit + " are accepted here"));
                return;
            }
        }
        ctx.next();
    }

    private static void send(RoutingContext ctx, Problem problem) {
        ctx.response().setStatusCode(problem.status())
                .putHeader(HttpHeaders.CONTENT_TYPE, ProblemType.MEDIA_TYPE)
                .end(Buffer.buffer(ProblemResponses.json(problem)));
    }
}

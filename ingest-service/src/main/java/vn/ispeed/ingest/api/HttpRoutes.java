package vn.ispeed.ingest.api;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
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
        guard(router, MeasurementResource.PATH, config.limits().singleBodyBytes());
        guard(router, MeasurementResource.PATH + MeasurementResource.BATCH, config.limits().batchBodyBytes());
        router.route().order(Integer.MAX_VALUE).handler(ctx -> send(ctx,
                Problem.of(ProblemType.NOT_FOUND, "no such resource")));
    }

    /**
     * A declared length over the limit is refused at once. An undeclared (chunked) body is read by
     * a BodyHandler bounded to the limit, whose 413 becomes a problem document here; the REST layer
     * then takes the body already read. Bodies with a Content-Length go to the REST layer untouched.
     */
    private void guard(Router router, String path, int limit) {
        BodyHandler bounded = BodyHandler.create(false).setBodyLimit(limit).setHandleFileUploads(false);
        router.route(path).order(-100)
                .handler(ctx -> limit(ctx, limit, bounded))
                .failureHandler(ctx -> {
                    if (ctx.statusCode() == 413 && !ctx.response().headWritten()) {
                        metrics.rejected(ProblemType.PAYLOAD_TOO_LARGE);
                        ctx.response().putHeader(HttpHeaders.CONNECTION, "close");
                        send(ctx, Problem.of(ProblemType.PAYLOAD_TOO_LARGE,
                                "the body is larger than the " + limit + " bytes accepted here"));
                    } else {
                        ctx.next();
                    }
                });
        // an empty chunked body read by the BodyHandler would leave the REST layer waiting for one
        router.route(path).order(-99).handler(ctx -> {
            boolean chunked = ctx.request().getHeader(HttpHeaders.CONTENT_LENGTH) == null
                    && ctx.request().headers().contains(HttpHeaders.TRANSFER_ENCODING);
            if (chunked && (ctx.body().buffer() == null || ctx.body().buffer().length() == 0)) {
                metrics.rejected(ProblemType.MALFORMED_JSON);
                send(ctx, Problem.of(ProblemType.MALFORMED_JSON, "the body is empty; JSON is expected"));
            } else {
                ctx.next();
            }
        });
    }

    private void limit(RoutingContext ctx, int limit, BodyHandler bounded) {
        String declared = ctx.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        if (declared == null && ctx.request().headers().contains(HttpHeaders.TRANSFER_ENCODING)) {
            bounded.handle(ctx);
            return;
        }
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

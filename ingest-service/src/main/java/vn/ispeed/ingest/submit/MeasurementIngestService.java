package vn.ispeed.ingest.submit;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;
import vn.ispeed.events.MeasurementSubmitted;
import vn.ispeed.events.Network;
import vn.ispeed.ingest.config.IngestConfig;
import vn.ispeed.ingest.device.DeviceHasher;
import vn.ispeed.ingest.operator.OperatorCatalog;
import vn.ispeed.ingest.problem.FieldError;
import vn.ispeed.ingest.problem.Problem;
import vn.ispeed.ingest.problem.ProblemException;
import vn.ispeed.ingest.problem.ProblemType;
import vn.ispeed.ingest.publish.MeasurementPublisher;
import vn.ispeed.ingest.ratelimit.DeviceRateLimiter;
import vn.ispeed.ingest.validation.JsonBodyParser;
import vn.ispeed.ingest.validation.MeasurementValidator;
import vn.ispeed.ingest.validation.ValidatedMeasurement;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Validates, rate-limits, pseudonymises and appends tests. Logs carry the testId and the
 * reason only: never the install id, the device id or a location.
 */
@ApplicationScoped
public class MeasurementIngestService {
    private static final Logger LOG = Logger.getLogger(MeasurementIngestService.class);

    private final IngestConfig config;
    private final MeasurementValidator validator;
    private final DeviceHasher hasher;
    private final DeviceRateLimiter rateLimiter;
    private final OperatorCatalog operators;
    private final MeasurementPublisher publisher;
    private final IngestMetrics metrics;
    private final Clock clock;

    public MeasurementIngestService(IngestConfig config, MeasurementValidator validator, DeviceHasher hasher,
                                    DeviceRateLimiter rateLimiter, OperatorCatalog operators,
                                    MeasurementPublisher publisher, IngestMetrics metrics, Clock clock) {
        this.config = config;
        this.validator = validator;
        this.hasher = hasher;
        this.rateLimiter = rateLimiter;
        this.operators = operators;
        this.publisher = publisher;
        this.metrics = metrics;
        this.clock = clock;
    }

    /** One test; throws {@link ProblemException} for a body that is too large or not JSON. */
    public CompletionStage<Outcome> submit(byte[] body) {
        checkSize(body, config.limits().singleBodyBytes());
        return submitAll(List.of(JsonBodyParser.parse(body))).thenApply(outcomes -> outcomes.get(0));
    }

    /** Up to {@code batch-max-items} tests, each answered on its own, in the order sent. */
    public CompletionStage<List<Outcome>> submitBatch(byte[] body) {
        checkSize(body, config.limits().batchBodyBytes());
        JsonNode items = JsonBodyParser.parse(body);
        int max = config.limits().batchMaxItems();
        String wrong = null;
        if (!items.isArray()) {
            wrong = "the body must be a JSON array of tests";
        } else if (items.isEmpty() || items.size() > max) {
            wrong = "must contain 1 to " + max + " tests (it has " + items.size() + ")";
        }
        if (wrong != null) {
            throw new ProblemException(ProblemType.VALIDATION, Problem.of(ProblemType.VALIDATION,
                    "the batch is invalid", List.of(new FieldError("", wrong))), null);
        }
        List<JsonNode> tests = new ArrayList<>(items.size());
        items.forEach(tests::add);
        return submitAll(tests);
    }

    /** A test that passed validation and the rate limit, ready to append. */
    private record Prepared(int index, MeasurementSubmitted event) {
    }

    private CompletionStage<List<Outcome>> submitAll(List<JsonNode> tests) {
        Outcome[] outcomes = new Outcome[tests.size()];
        List<Prepared> prepared = new ArrayList<>(tests.size());
        for (int i = 0; i < tests.size(); i++) {
            Object checked = prepare(tests.get(i));
            if (checked instanceof Outcome rejected) {
                outcomes[i] = rejected;
            } else {
                prepared.add(new Prepared(i, (MeasurementSubmitted) checked));
            }
        }
        List<CompletableFuture<Void>> acks = publisher.publish(prepared.stream().map(Prepared::event).toList());
        List<CompletableFuture<Outcome>> appended = new ArrayList<>(acks.size());
        for (int k = 0; k < acks.size(); k++) {
            MeasurementSubmitted event = prepared.get(k).event();
            appended.add(acks.get(k).handle((ok, error) -> outcomeOf(event, error)));
        }
        return CompletableFuture.allOf(appended.toArray(CompletableFuture[]::new)).thenApply(done -> {
            for (int k = 0; k < appended.size(); k++) {
                outcomes[prepared.get(k).index()] = appended.get(k).join();
            }
            return List.of(outcomes);
        });
    }

    /** Either the event to append or the Outcome.Rejected that says why not. */
    private Object prepare(JsonNode node) {
        MeasurementValidator.Result result = validator.validate(node);
        if (!result.valid()) {
            String testId = MeasurementValidator.testIdOf(node);
            int n = result.errors().size();
            return rejected(testId, ProblemType.VALIDATION, Problem.of(ProblemType.VALIDATION,
                    n == 1 ? "1 field is invalid" : n + " fields are invalid", result.errors()), null);
        }
        ValidatedMeasurement m = result.measurement();
        String deviceId = hasher.deviceId(m.installId());
        long wait = rateLimiter.tryAcquire(deviceId);
        if (wait > 0) {
            return rejected(m.testId().toString(), ProblemType.RATE_LIMITED, Problem.of(ProblemType.RATE_LIMITED,
                    "this device sent more than " + config.rateLimit().testsPerHour()
                            + " tests in the last hour; retry after " + wait + " s"), (int) Math.min(wait, Integer.MAX_VALUE));
        }
        OperatorCatalog.Resolved operator = operators.resolve(m.operator());
        return new MeasurementSubmitted(m.testId(), deviceId, m.measuredAt(), clock.instant(),
                new Network(m.networkType(), m.technology(), operator.operator(), operator.operatorRaw(), operator.known()),
                m.metrics(), m.location(), m.app());
    }

    private Outcome outcomeOf(MeasurementSubmitted event, Throwable error) {
        if (error == null) {
            metrics.accepted();
            return new Outcome.Accepted(event.testId(), event.acceptedAt());
        }
        LOG.warnf("event=append-failed testId=%s reason=\"%s\"", event.testId(), reasonOf(error));
        rateLimiter.refund(event.deviceId());
        int retryAfter = config.kafka().retryAfterSeconds();
        metrics.rejected(ProblemType.UNAVAILABLE);
        return new Outcome.Rejected(event.testId().toString(), ProblemType.UNAVAILABLE,
                Problem.of(ProblemType.UNAVAILABLE, "the test was not recorded because the measurement log"
                        + " did not acknowledge it; retry after " + retryAfter + " s"), retryAfter);
    }

    private Outcome rejected(String testId, ProblemType type, Problem problem, Integer retryAfter) {
        metrics.rejected(type);
        LOG.debugf("event=rejected testId=%s reason=%s", testId, type.reason());
        return new Outcome.Rejected(testId, type, problem, retryAfter);
    }

    private static String reasonOf(Throwable error) {
        Throwable cause = error instanceof java.util.concurrent.CompletionException && error.getCause() != null
                ? error.getCause() : error;
        if (cause instanceof java.util.concurrent.TimeoutException) {
            return "no acknowledgement in time";
        }
        return cause.getMessage();
    }

    private static void checkSize(byte[] body, int limit) {
        if (body != null && body.length > limit) {
            throw new ProblemException(ProblemType.PAYLOAD_TOO_LARGE,
                    "the body has " + body.length + " bytes; at most " + limit + " are accepted here");
        }
    }
}

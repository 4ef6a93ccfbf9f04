package vn.ispeed.ingest.submit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.inject.Singleton;
import vn.ispeed.ingest.problem.ProblemType;

import java.util.EnumMap;
import java.util.Map;

/** ispeed_ingest_accepted_total, ispeed_ingest_rejected_total{reason}, ispeed_ingest_request_seconds{endpoint}. */
@Singleton
public class IngestMetrics {
    private final Counter accepted;
    private final Map<ProblemType, Counter> rejected = new EnumMap<>(ProblemType.class);
    private final Timer single;
    private final Timer batch;

    public IngestMetrics(MeterRegistry registry) {
        this.accepted = Counter.builder("ispeed.ingest.accepted")
                .description("Tests appended to the measurements log").register(registry);
        for (ProblemType type : ProblemType.values()) {
            rejected.put(type, Counter.builder("ispeed.ingest.rejected")
                    .description("Tests (or requests) rejected, by reason")
                    .tag("reason", type.reason()).register(registry));
        }
        this.single = timer(registry, "single");
        this.batch = timer(registry, "batch");
    }

    private static Timer timer(MeterRegistry registry, String endpoint) {
        return Timer.builder("ispeed.ingest.request")
                .description("Time from request to answer, including the broker's acknowledgement")
                .tag("endpoint", endpoint)
                .publishPercentiles(0.5, 0.99)
                .register(registry);
    }

    public void accepted() {
        accepted.increment();
    }

    public void rejected(ProblemType type) {
        rejected.get(type).increment();
    }

    public void singleTook(long nanos) {
        single.record(nanos, java.util.concurrent.TimeUnit.NANOSECONDS);
    }

    public void batchTook(long nanos) {
        batch.record(nanos, java.util.concurrent.TimeUnit.NANOSECONDS);
    }
}

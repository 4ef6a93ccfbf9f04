package vn.ispeed.stats.projection;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

/**
 * Liveness of the projection: DOWN when its thread has stopped (an error it cannot retry, such as
 * running out of memory), so the orchestrator restarts the instance instead of leaving an API that
 * serves figures which no longer move. A batch that fails and is retried (a database or Kafka
 * outage) keeps it UP and shows {@code lastBatchOk=false}. {@code batchesRetriedOnConflict} shows how
 * often instances writing the same cells made each other apply a batch again.
 */
@Liveness
@ApplicationScoped
public class ProjectionLivenessCheck implements HealthCheck {
    private final LocatedMeasurementConsumer consumer;
    private final Projector projector;

    public ProjectionLivenessCheck(LocatedMeasurementConsumer consumer, Projector projector) {
        this.consumer = consumer;
        this.projector = projector;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("stats-projection")
                .status(consumer.alive())
                .withData("lastBatchOk", consumer.healthy())
                .withData("projectedEvents", consumer.projected())
                .withData("deadLettered", consumer.deadLettered())
                // batches applied again because another instance wrote one of their cells meanwhile
                .withData("batchesRetriedOnConflict", projector.conflictsRetried())
                .build();
    }
}

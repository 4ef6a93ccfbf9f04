package vn.ispeed.geo.boundary;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready once the boundary sets are in memory (they load before the port opens, so this is a report). */
@Readiness
@ApplicationScoped
public class BoundaryReadiness implements HealthCheck {
    private final BoundaryRegistry registry;

    public BoundaryReadiness(BoundaryRegistry registry) {
        this.registry = registry;
    }

    @Override
    public HealthCheckResponse call() {
        var builder = HealthCheckResponse.named("boundary-sets").status(!registry.sets().isEmpty());
        for (BoundarySet set : registry.sets()) {
            builder.withData(set.name(), set.units().size() + " units");
        }
        return builder.build();
    }
}

package vn.ispeed.geo.catalogue;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready once the boundary layers of the maps and the stats exports are prepared ({@link BoundaryLayers}). */
@Readiness
@ApplicationScoped
public class BoundaryLayersReadiness implements HealthCheck {
    private final BoundaryLayers layers;

    public BoundaryLayersReadiness(BoundaryLayers layers) {
        this.layers = layers;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("boundary-layers").status(layers.ready())
                .withData("prepared", layers.progress())
                .withData("failed", layers.failed())
                .build();
    }
}

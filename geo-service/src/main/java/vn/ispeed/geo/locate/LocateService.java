package vn.ispeed.geo.locate;

import jakarta.enterprise.context.ApplicationScoped;
import vn.ispeed.geo.api.Problem;
import vn.ispeed.geo.api.ProblemException;
import vn.ispeed.geo.boundary.BoundaryRegistry;
import vn.ispeed.geo.boundary.BoundarySet;
import vn.ispeed.geo.boundary.GeoConfig;

import java.util.ArrayList;
import java.util.List;

/** Locates points for the HTTP API: one set by name, or every loaded set. */
@ApplicationScoped
public class LocateService {
    private final BoundaryRegistry registry;
    private final GeoConfig config;

    public LocateService(BoundaryRegistry registry, GeoConfig config) {
        this.registry = registry;
        this.config = config;
    }

    public int batchMax() {
        return config.locate().batchMax();
    }

    /** The sets a request asks for: the named one (404 when unknown) or all. */
    public List<BoundarySet> sets(String name) {
        if (name == null || name.isBlank()) {
            return List.copyOf(registry.sets());
        }
        return List.of(registry.set(name).orElseThrow(() -> unknownSet(name)));
    }

    public static ProblemException unknownSet(String name) {
        return new ProblemException(Problem.notFound("unknown-set", "no boundary set named '" + name + "'"));
    }

    public List<Outcome> locate(List<BoundarySet> sets, double lat, double lon, double accuracyM) {
        List<Outcome> outcomes = new ArrayList<>(sets.size());
        for (BoundarySet set : sets) {
            outcomes.add(registry.locator().locate(set, lat, lon, accuracyM));
        }
        return outcomes;
    }
}

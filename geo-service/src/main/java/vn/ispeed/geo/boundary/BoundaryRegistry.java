package vn.ispeed.geo.boundary;

import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import vn.ispeed.geo.locate.Locator;

import java.util.Collection;
import java.util.Optional;

/** The boundary sets of this instance, loaded once at start-up (before the HTTP port opens). */
@Startup
@ApplicationScoped
public class BoundaryRegistry {
    private final BoundarySets sets;

    public BoundaryRegistry(GeoConfig config) {
        this.sets = BoundarySets.load(config);
    }

    public BoundarySets all() {
        return sets;
    }

    public Optional<BoundarySet> set(String name) {
        return Optional.ofNullable(name == null ? null : sets.sets().get(name));
    }

    public Collection<BoundarySet> sets() {
        return sets.sets().values();
    }

    public Locator locator() {
        return sets.locator();
    }
}

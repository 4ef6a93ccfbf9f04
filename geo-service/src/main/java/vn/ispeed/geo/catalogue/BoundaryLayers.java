package vn.ispeed.geo.catalogue;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;
import vn.ispeed.geo.boundary.BoundaryRegistry;
import vn.ispeed.geo.boundary.BoundarySet;
import vn.ispeed.geo.boundary.GeoConfig;
import vn.ispeed.geo.boundary.Unit;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every level's boundary GeoJSON at its default tolerance, prepared once at start-up, so the first request for a
 * map (or for a stats export, which asks for these) is answered from memory. A whole level is simplified as one
 * coverage (the 3,321 wards take ~13 s on an idle core); a province's units are then that layer's features, so
 * neighbouring provinces share their borders too. The layers are prepared on one thread after the sets load,
 * while the API and the stream already run; readiness ({@link BoundaryLayersReadiness}) waits for them, and a
 * request for a layer still being prepared is told to come back ({@link Preparing}).
 */
@ApplicationScoped
public class BoundaryLayers {
    private static final Logger LOG = Logger.getLogger(BoundaryLayers.class);

    /** A layer at its default tolerance that is not prepared yet. */
    public static class Preparing extends RuntimeException {
        private final int retryAfterSeconds;

        Preparing(String detail, int retryAfterSeconds) {
            super(detail, null, false, false);
            this.retryAfterSeconds = retryAfterSeconds;
        }

        public int retryAfterSeconds() {
            return retryAfterSeconds;
        }
    }

    private record Key(String set, int levelIndex) {
    }

    private final Map<String, BoundarySet> sets;
    private final GeoConfig config;
    private final Map<Key, Map<String, BoundaryGeoJson.Feature>> layers = new ConcurrentHashMap<>();
    private final List<Key> pending = new ArrayList<>();
    private volatile long startedNanos;
    private volatile boolean failed;
    private Thread worker;

    @jakarta.inject.Inject
    public BoundaryLayers(BoundaryRegistry registry, GeoConfig config) {
        this(registry.all().sets(), config);
    }

    /** The layers of these sets, none prepared before {@link #prepareAll()} runs (on start-up, on its own thread). */
    public BoundaryLayers(Map<String, BoundarySet> sets, GeoConfig config) {
        this.sets = sets;
        this.config = config;
        this.startedNanos = System.nanoTime();
        for (BoundarySet set : sets.values()) {
            for (int li = 0; li < set.levels().size(); li++) {
                if (set.hasBoundaries(li)) {
                    pending.add(new Key(set.name(), li));
                }
            }
        }
    }

    void start(@Observes StartupEvent event) {
        startedNanos = System.nanoTime();
        worker = new Thread(this::prepareAll, "boundary-layers");
        worker.setDaemon(true);
        worker.start();
    }

    void stop(@Observes ShutdownEvent event) {
        if (worker != null) {
            worker.interrupt();
        }
    }

    void prepareAll() {
        for (Key key : List.copyOf(pending)) {
            if (Thread.currentThread().isInterrupted()) {
                return;
            }
            BoundarySet set = sets.get(key.set());
            double tolerance = defaultTolerance(set, key.levelIndex());
            long t0 = System.nanoTime();
            try {
                List<Unit> units = set.units().stream().filter(u -> u.levelIndex() == key.levelIndex()).toList();
                Map<String, BoundaryGeoJson.Feature> features = new LinkedHashMap<>();
                for (BoundaryGeoJson.Feature f : BoundaryGeoJson.features(set, units, key.levelIndex(), tolerance)) {
                    features.put(f.code(), f);
                }
                layers.put(key, Map.copyOf(features));
                long bytes = features.values().stream().mapToLong(f -> f.json().length).sum();
                LOG.infof("boundary layer %s %s prepared at %.0f m: %d features, %.1f MB, in %d ms", set.name(),
                        set.levels().get(key.levelIndex()), tolerance, features.size(), bytes / 1e6,
                        (System.nanoTime() - t0) / 1_000_000);
            } catch (RuntimeException e) {
                failed = true;
                LOG.errorf(e, "boundary layer %s %s could not be prepared; it is rendered on request instead", set.name(),
                        set.levels().get(key.levelIndex()));
            } finally {
                synchronized (pending) {
                    pending.remove(key);
                }
            }
        }
        LOG.infof("boundary layers prepared in %d ms", (System.nanoTime() - startedNanos) / 1_000_000);
    }

    /**
     * The prepared features of a level at its default tolerance; empty if the layer could not be prepared (the caller
     * renders it then).
     *
     * @throws Preparing while the layer is still being prepared
     */
    public Optional<Map<String, BoundaryGeoJson.Feature>> layer(BoundarySet set, int levelIndex) {
        Key key = new Key(set.name(), levelIndex);
        Map<String, BoundaryGeoJson.Feature> layer = layers.get(key);
        if (layer != null) {
            return Optional.of(layer);
        }
        synchronized (pending) {
            if (pending.contains(key)) {
                throw new Preparing("the boundaries of " + set.name() + " " + set.levels().get(levelIndex)
                        + " are being prepared (service starting)", retryAfterSeconds());
            }
        }
        return Optional.empty();
    }

    /** True once every layer is prepared (or has failed and falls back to rendering on request). */
    public boolean ready() {
        synchronized (pending) {
            return pending.isEmpty();
        }
    }

    public boolean failed() {
        return failed;
    }

    /** Layers prepared and in all, e.g. "3/5". */
    public String progress() {
        int total = layers.size();
        synchronized (pending) {
            total += pending.size();
        }
        return layers.size() + "/" + total;
    }

    double defaultTolerance(BoundarySet set, int levelIndex) {
        return config.sets().get(set.name()).levels().get(levelIndex).displayToleranceM();
    }

    /** A hint for clients: about the time the start-up preparation has taken so far, between 5 and 60 s. */
    private int retryAfterSeconds() {
        long elapsed = (System.nanoTime() - startedNanos) / 1_000_000_000L;
        return (int) Math.max(5, Math.min(60, elapsed));
    }
}

package vn.ispeed.geo.boundary;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import org.jboss.logging.Logger;
import vn.ispeed.geo.locate.Locator;
import vn.ispeed.geo.locate.MappedLevel;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * All configured boundary sets, loaded together (sets in parallel), with the locator over them.
 *
 * @param heapUsedMb heap in use after the load and a GC: what the sets cost to keep
 */
public record BoundarySets(Map<String, BoundarySet> sets, Locator locator, long loadMillis, long heapUsedMb) {
    private static final Logger LOG = Logger.getLogger(BoundarySets.class);

    public static BoundarySets load(GeoConfig config) {
        long start = System.nanoTime();
        Path root = BoundarySetLoader.resolveRoot(config.root());
        if (!Files.isDirectory(root)) {
            throw new IllegalStateException("boundary data folder not found: " + root
                    + " (set geo.root, ISPEED_GEO_ROOT or -Dispeed.geo.root)");
        }
        BoundarySetLoader loader = new BoundarySetLoader(root, config.grid(), config.locate().maxSnapM());
        Map<String, BoundarySet> sets = new TreeMap<>();
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(2, Math.max(1, config.sets().size())));
        try {
            Map<String, CompletableFuture<BoundarySet>> futures = new LinkedHashMap<>();
            config.sets().forEach((name, set) -> futures.put(name, CompletableFuture.supplyAsync(() -> loader.load(name, set), pool)));
            futures.forEach((name, f) -> sets.put(name, f.join()));
        } finally {
            pool.shutdown();
        }
        Map<String, Locator.NoBoundaryData> missing = new LinkedHashMap<>();
        config.sets().forEach((name, set) -> set.noBoundaryData().ifPresent(n ->
                missing.put(name, new Locator.NoBoundaryData(n.viaSet(), new HashSet<>(n.codes())))));
        Map<String, MappedLevel> mapped = new LinkedHashMap<>();
        config.sets().forEach((name, set) -> set.mappedLevel().ifPresent(m -> {
            MappedLevel level = MappedLevel.read(sets.get(name), m.level(), m.viaSet(), root.resolve(m.file()));
            mapped.put(name, level);
            LOG.infof("boundary set %s: %s reached through %s and %s, %d of %d units reachable with this data",
                    name, m.level(), m.viaSet(), m.file(), level.reachable().size(), level.units());
        }));
        Locator locator = new Locator(sets, missing, mapped, config.locate().lowAccuracyM());
        long millis = (System.nanoTime() - start) / 1_000_000;
        System.gc();
        Runtime rt = Runtime.getRuntime();
        long heapMb = (rt.totalMemory() - rt.freeMemory()) / (1024 * 1024);
        for (BoundarySet set : sets.values()) {
            BoundarySet.LoadReport r = set.report();
            LOG.infof("boundary set %s loaded in %d ms: units %s, polygons %s, %d vertices, grid %d MB",
                    set.name(), r.loadMillis(), r.unitsPerLevel(), r.polygonsPerLevel(), r.vertices(), r.gridBytes() >> 20);
        }
        LOG.infof("boundary sets %s loaded from %s in %d ms; heap in use after GC: %d MB", sets.keySet(), root, millis, heapMb);
        return new BoundarySets(java.util.Collections.unmodifiableMap(sets), locator, millis, heapMb);
    }

    /**
     * The service's configuration read outside Quarkus (tests, benchmark): application.properties from
     * the class path with the given profile, system properties and environment on top.
     */
    public static GeoConfig configFromClasspath(String profile, Map<String, String> overrides) {
        URL url = BoundarySets.class.getClassLoader().getResource("application.properties");
        if (url == null) {
            throw new IllegalStateException("application.properties not on the class path");
        }
        try {
            SmallRyeConfig config = new SmallRyeConfigBuilder()
                    .addDefaultSources()
                    .withSources(new PropertiesConfigSource(url, 250))
                    .withSources(new io.smallrye.config.PropertiesConfigSource(overrides, "overrides", 500))
                    .withProfile(profile)
                    .withMapping(GeoConfig.class)
                    .build();
            return config.getConfigMapping(GeoConfig.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public List<String> names() {
        return List.copyOf(sets.keySet());
    }
}

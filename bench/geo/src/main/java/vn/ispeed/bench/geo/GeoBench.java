package vn.ispeed.bench.geo;

import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import vn.ispeed.geo.boundary.BoundarySet;
import vn.ispeed.geo.boundary.BoundarySets;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Runs the JMH lookups and the PostGIS baseline on the same points; prints a Markdown report. */
public final class GeoBench {

    public static void main(String[] args) throws Exception {
        int sample = 20_000;
        boolean quick = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--vn2024-communes" -> {
                    CommuneReach.run(i + 1 < args.length ? Integer.parseInt(args[i + 1]) : BenchData.POINTS);
                    return;
                }
                case "--postgis-sample" -> sample = Integer.parseInt(args[++i]);
                case "--quick" -> quick = true;
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        String geoRoot = System.getProperty("geo.root", "../shared/geo");
        String pgUrl = System.getProperty("bench.pg.url", "");

        double loadAtStart = java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        // 1. start-up load as the service does it (both sets), in a fresh JVM
        BoundarySets sets = BenchData.sets();
        BoundarySet vn2025 = BenchData.vn2025();

        // 2. lookups/s on one thread (JMH, its own forked JVM loads the same data and points)
        Options options = new OptionsBuilder()
                .include(GeoLookupBenchmark.class.getSimpleName())
                .forks(1)
                .jvmArgs("-Xmx2g", "-Dgeo.root=" + geoRoot)
                .warmupIterations(quick ? 1 : 2).warmupTime(TimeValue.seconds(quick ? 2 : 3))
                .measurementIterations(quick ? 2 : 3).measurementTime(TimeValue.seconds(quick ? 2 : 4))
                .shouldFailOnError(true)
                .build();
        Collection<RunResult> results = new Runner(options).run();
        Map<String, double[]> jmh = new LinkedHashMap<>();
        for (RunResult r : results) {
            String key = r.getParams().getParam("points") + "/" + r.getParams().getParam("path");
            jmh.put(key, new double[]{r.getPrimaryResult().getScore(), r.getPrimaryResult().getScoreError()});
        }

        // 3. PostGIS on a sample of the same points
        List<PostgisBaseline.Result> pg = new ArrayList<>();
        double pgLoad = -1;
        String pgVersion = null;
        if (!pgUrl.isBlank()) {
            PostgisBaseline baseline = new PostgisBaseline(pgUrl);
            pgVersion = baseline.version();
            pgLoad = baseline.load(vn2025);
            for (String name : List.of("users", "uniform")) {
                pg.add(baseline.run(BenchData.points(name), sample, vn2025));
            }
        }

        // 4. report
        StringBuilder md = new StringBuilder();
        md.append("\n# geo-service lookup benchmark (vn-2025, full resolution)\n\n");
        md.append(String.format("Machine: %d cores visible, Java %s (%s); system load average at start %.1f, at the end %.1f "
                        + "(a shared machine: absolute figures drop with the load, ratios measured in the same run hold better).%n%n",
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"), System.getProperty("java.vm.name"),
                loadAtStart, java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage()));
        md.append("## Start-up\n\n| figure | value |\n|---|---|\n");
        md.append(String.format("| load of both sets (wall) | %.1f s |%n", sets.loadMillis() / 1000.0));
        for (BoundarySet s : sets.sets().values()) {
            md.append(String.format("| %s: load / vertices / grid | %.1f s / %,d / %d MB |%n", s.name(),
                    s.report().loadMillis() / 1000.0, s.report().vertices(), s.report().gridBytes() >> 20));
        }
        md.append(String.format("| heap in use after load + GC | %d MB |%n", sets.heapUsedMb()));
        md.append(String.format("| share of land cells (0.01°) crossed by a ward border | %.0f %% |%n%n",
                100 * vn2025.locateLevels().get(0).grid().borderCellShare()));

        md.append("## Lookups per second, one thread (JMH, 1 M points per op)\n\n");
        md.append("| points | geo-service locator | JTS STRtree + PIP (no grid) | grid gain |\n|---|---|---|---|\n");
        for (String name : List.of("users", "uniform")) {
            double[] loc = jmh.get(name + "/locator");
            double[] tree = jmh.get(name + "/strtree");
            md.append(String.format("| %s | %,.0f ± %,.0f | %,.0f ± %,.0f | %.1f× |%n", name, loc[0], loc[1], tree[0], tree[1],
                    loc[0] / tree[0]));
        }
        md.append("\n`users`: inside wards, weighted 8:1 urban:rural and ×2 in Hà Nội and TP HCM; `uniform`: the wards' bounding box "
                + "(mostly sea). Every point carries accuracy 20 m, so shore and sliver points go through the snapping path.\n\n");

        if (pg.isEmpty()) {
            md.append("## PostGIS\n\nSkipped: PostGIS not installed (apt-get install -y postgresql-15-postgis-3).\n");
        } else {
            md.append("## Against PostGIS (ST_Covers + GiST index, one backend, no parallel workers)\n\n");
            md.append(String.format("PostGIS: %s. Polygons loaded in %s.%n%n", pgVersion,
                    pgLoad == 0 ? "an earlier run (same 3,321 polygons and vertex count)" : String.format("%.1f s", pgLoad)));
            md.append("| points | sample | PostGIS lookups/s | geo-service lookups/s | ratio | agreement |\n|---|---|---|---|---|---|\n");
            for (PostgisBaseline.Result r : pg) {
                double ours = jmh.get(r.points() + "/locator")[0];
                md.append(String.format("| %s | %,d | %,.0f | %,.0f | %.0f× | %.3f %% (%d differ) |%n", r.points(), r.sample(),
                        r.lookupsPerSecond(), ours, ours / r.lookupsPerSecond(), 100.0 * r.agree() / r.sample(),
                        r.sample() - r.agree()));
            }
            md.append("\nAgreement compares PostGIS with geo-service's exact covering rule (smallest code among the covering "
                    + "polygons, no snapping), point by point on the sample.\n");
            for (PostgisBaseline.Result r : pg) {
                for (String d : r.disagreements()) {
                    md.append("- ").append(r.points()).append(": ").append(d).append('\n');
                }
            }
        }
        System.out.println(md);
    }
}

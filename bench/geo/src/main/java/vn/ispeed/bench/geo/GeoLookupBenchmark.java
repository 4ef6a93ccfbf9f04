package vn.ispeed.bench.geo;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.infra.Blackhole;
import vn.ispeed.geo.boundary.BoundarySet;
import vn.ispeed.geo.locate.LevelGrid;
import vn.ispeed.geo.locate.Locator;

import java.util.concurrent.TimeUnit;

/**
 * Single-thread lookups/s on vn-2025 at full resolution. {@code locator}: the service's full rules
 * (grid, exact test on border cells, snapping within min(20 m accuracy, 250 m)); {@code strtree}:
 * the exact test alone (JTS STRtree over envelopes + point-in-polygon), the usual JTS set-up.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(1)
public class GeoLookupBenchmark {
    @Param({"users", "uniform"})
    public String points;

    @Param({"locator", "strtree"})
    public String path;

    private Locator locator;
    private BoundarySet set;
    private LevelGrid grid;
    private double[] lon;
    private double[] lat;

    @Setup(Level.Trial)
    public void setUp() {
        locator = BenchData.sets().locator();
        set = BenchData.vn2025();
        grid = set.locateLevels().get(0).grid();
        BenchData.Points p = BenchData.points(points);
        lon = p.lon();
        lat = p.lat();
    }

    @Benchmark
    @OperationsPerInvocation(BenchData.POINTS)
    public void lookups(Blackhole bh) {
        if ("locator".equals(path)) {
            for (int i = 0; i < lon.length; i++) {
                bh.consume(locator.locate(set, lat[i], lon[i], BenchData.ACCURACY_M));
            }
        } else {
            for (int i = 0; i < lon.length; i++) {
                bh.consume(grid.exact(lon[i], lat[i]));
            }
        }
    }
}

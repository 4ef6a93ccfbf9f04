package vn.ispeed.stats.projection;

import vn.ispeed.events.Metrics;
import vn.ispeed.stats.cell.CellState;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

/**
 * Not a test: measures the heap cached cell states take (used heap after GC, before and after filling a map
 * like {@link HotCells}'), against {@link CellState#heapBytes} and {@link HotCells#weigh}. Run it when the
 * states change shape (stats-service/README.md, "Hot cells"):
 * <pre>
 * ./mvnw -q -pl stats-service test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * java -Xmx2g -cp stats-service/target/test-classes:stats-service/target/classes:$(cat stats-service/target/cp.txt) \
 *   vn.ispeed.stats.projection.HotCellsCalibration
 * </pre>
 */
public final class HotCellsCalibration {
    private HotCellsCalibration() {
    }

    public static void main(String[] args) {
        int[][] plan = {{5, 20_000}, {30, 10_000}, {100, 5_000}, {500, 2_000}, {1_000, 1_000}, {20_000, 200}}; // tests, cells
        for (int[] p : plan) {
            int tests = p[0];
            int cells = p[1];
            Random r = new Random(tests);
            long before = usedHeap();
            long estimated = 0;
            long weighed = 0;
            Map<String, CellState> kept = new LinkedHashMap<>(1024, 0.75f, true);
            for (int c = 0; c < cells; c++) {
                CellState s = CellState.empty();
                for (int t = 0; t < tests; t++) {
                    s.add("device-" + r.nextInt(1_000_000), new Metrics(30_000 * Math.exp(0.9 * r.nextGaussian()),
                            8_000 * Math.exp(0.9 * r.nextGaussian()), 25 * Math.exp(0.5 * r.nextGaussian()),
                            4 * Math.exp(0.7 * r.nextGaussian()), r.nextInt(10) < 6 ? 0.0 : r.nextDouble() * 3));
                }
                String key = "vn-2025|" + c + "|FIXED|*|2026-11|MONTH";
                estimated += s.heapBytes();
                weighed += HotCells.weigh(key, s);
                kept.put(key, s);
            }
            long used = usedHeap() - before;
            System.out.printf("%,6d tests × %,6d cells: heap %,7d B a cell, estimated %,7d, weighed %,7d (%.2f× the heap)%n",
                    tests, cells, used / cells, estimated / cells, weighed / cells, (double) weighed / used);
            kept.clear();
        }
    }

    private static long usedHeap() {
        for (int i = 0; i < 4; i++) {
            System.gc();
        }
        Runtime rt = Runtime.getRuntime();
        return rt.totalMemory() - rt.freeMemory();
    }
}

package vn.ispeed.stats.cell;

import vn.ispeed.events.MeasurementLocated;
import vn.ispeed.events.Metrics;
import vn.ispeed.events.UnitRef;
import vn.ispeed.stats.catalogue.UnitCatalogue;
import vn.ispeed.stats.support.RealisticTests;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Not a test: what a limit of exact values would cost, on a quarter of tests shaped like the programme's at today's
 * national volume (1.5 M tests a quarter, {@link RealisticTests}: the stats benchmark's communes and skew). For each
 * candidate limit it prints, per level and period: how many cells stay exact, the bytes of their rows (the five
 * quantile columns, the device sketch and about 250 bytes of other columns) and their weight in the hot cells.
 * Run it when the state or the encoding changes (stats-service/README.md, "Exact up to 512 tests"):
 * <pre>
 * ./mvnw -q -pl stats-service test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * java -Xmx6g -cp stats-service/target/test-classes:stats-service/target/classes:$(cat stats-service/target/cp.txt) \
 *   vn.ispeed.stats.cell.ExactLimitCalibration ../shared/geo 1500000
 * </pre>
 */
public final class ExactLimitCalibration {
    private static final int[] LIMITS = {32, 128, 256, 384, 512, 768, 1024};
    private static final int OTHER_COLUMNS = 250;
    private static final int INLINE = 8160; // the cell table's toast_tuple_target (V6)

    private ExactLimitCalibration() {
    }

    /** The values of one cell's five metrics and its devices, in the order the tests came. */
    private static final class Values {
        final double[][] metrics = new double[5][];
        final int[] sizes = new int[5];
        final List<byte[]> devices = new ArrayList<>();
        int tests;

        void add(byte[] device, Metrics m) {
            tests++;
            devices.add(device);
            put(0, m.downloadKbps());
            put(1, m.uploadKbps());
            put(2, m.latencyMs());
            if (m.jitterMs() != null) {
                put(3, m.jitterMs());
            }
            if (m.packetLossPct() != null) {
                put(4, m.packetLossPct());
            }
        }

        void put(int metric, double v) {
            if (metrics[metric] == null) {
                metrics[metric] = new double[8];
            } else if (sizes[metric] == metrics[metric].length) {
                metrics[metric] = Arrays.copyOf(metrics[metric], sizes[metric] * 2);
            }
            metrics[metric][sizes[metric]++] = v;
        }
    }

    public static void main(String[] args) {
        Path root = Path.of(args.length > 0 ? args[0] : "../shared/geo");
        int tests = args.length > 1 ? Integer.parseInt(args[1]) : 1_500_000;
        UnitCatalogue catalogue = new UnitCatalogue(root);
        ZoneId zone = ZoneId.of("Asia/Ho_Chi_Minh");
        // (set|level|kind) -> (unit|network|operator|period) -> values; months, quarters of all operators, operators' months
        Map<String, Map<String, Values>> cells = new TreeMap<>();
        Instant july = LocalDate.of(2026, 7, 1).atStartOfDay(zone).toInstant();
        long quarter = LocalDate.of(2026, 10, 1).atStartOfDay(zone).toInstant().getEpochSecond() - july.getEpochSecond();
        RealisticTests.generate(catalogue, new RealisticTests.Plan(tests, 3_321, 0.7, july, quarter, 0.0, 7), pair -> {
            for (MeasurementLocated e : List.of(pair.vn2025(), pair.vn2024())) {
                LocalDate day = LocalDate.ofInstant(e.measuredAt(), zone);
                String month = day.toString().substring(0, 7);
                byte[] device = e.deviceId().getBytes(StandardCharsets.UTF_8);
                for (UnitRef u : e.path()) {
                    String unit = u.code() + "|" + e.network().type();
                    add(cells, e.boundarySet() + " " + u.level() + " month", unit + "|ALL|" + month, device, e.metrics());
                    add(cells, e.boundarySet() + " " + u.level() + " quarter", unit + "|ALL|Q3", device, e.metrics());
                    if (e.network().operatorKnown()) {
                        add(cells, e.boundarySet() + " " + u.level() + " operator-month",
                                unit + "|" + e.network().operator() + "|" + month, device, e.metrics());
                    }
                }
            }
        });
        System.out.printf("%,d tests over a quarter (July to September), both sets; row = five quantile columns,"
                + " the device sketch and %d bytes; weight = the hot cells' (HotCells.weigh)%n%n", tests, OTHER_COLUMNS);
        System.out.println("| cells | count | tests p50 / p90 / p99 / max |");
        System.out.println("|---|---|---|");
        cells.forEach((kind, byUnit) -> {
            int[] n = byUnit.values().stream().mapToInt(v -> v.tests).sorted().toArray();
            System.out.printf("| %s | %,d | %d / %d / %d / %,d |%n", kind, n.length, at(n, 0.5), at(n, 0.9), at(n, 0.99), n[n.length - 1]);
        });
        System.out.println();
        System.out.println("| cells | limit | exact cells | tests in exact cells | row bytes p50 / p99 / max | rows past 8,160 B | weight, all cells |");
        System.out.println("|---|---|---|---|---|---|---|");
        cells.forEach((kind, byUnit) -> {
            if (kind.contains("nation") || kind.contains("province")) {
                return; // thousands of tests: a sketch at any of these limits
            }
            for (int limit : LIMITS) {
                long exact = 0;
                long testsExact = 0;
                long testsAll = 0;
                long past = 0;
                long weight = 0;
                int[] bytes = new int[byUnit.size()];
                int k = 0;
                for (Values v : byUnit.values()) {
                    int row = OTHER_COLUMNS;
                    long heap = 64;
                    boolean allExact = true;
                    for (int m = 0; m < 5; m++) {
                        Quantiles q = Quantiles.withLimit(limit);
                        for (int i = 0; i < v.sizes[m]; i++) {
                            q.add(v.metrics[m][i]);
                        }
                        row += q.toBytes().length;
                        heap += q.heapBytes();
                        allExact &= q.isExact();
                    }
                    DistinctDevices d = DistinctDevices.empty();
                    v.devices.forEach(d::add);
                    row += d.toBytes().length;
                    heap += d.heapBytes();
                    weight += heap + heap / 4 + 1_000 + 2L * 40 + 120;
                    bytes[k++] = row;
                    testsAll += v.tests;
                    if (allExact) {
                        exact++;
                        testsExact += v.tests;
                    }
                    if (row > INLINE) {
                        past++;
                    }
                }
                Arrays.sort(bytes);
                System.out.printf("| %s | %d | %.1f %% | %.1f %% | %,d / %,d / %,d | %d | %,.0f MiB |%n", kind, limit,
                        100.0 * exact / byUnit.size(), 100.0 * testsExact / testsAll, at(bytes, 0.5), at(bytes, 0.99),
                        bytes[bytes.length - 1], past, weight / 1048576.0);
            }
        });
    }

    private static void add(Map<String, Map<String, Values>> cells, String kind, String key, byte[] device, Metrics m) {
        cells.computeIfAbsent(kind, k -> new HashMap<>()).computeIfAbsent(key, k -> new Values()).add(device, m);
    }

    private static int at(int[] sorted, double q) {
        return sorted[(int) Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
    }
}

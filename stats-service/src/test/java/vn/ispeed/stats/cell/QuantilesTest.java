package vn.ispeed.stats.cell;

import com.datadoghq.sketch.ddsketch.DDSketch;
import com.datadoghq.sketch.ddsketch.encoding.GrowingByteArrayOutput;
import com.datadoghq.sketch.ddsketch.mapping.CubicallyInterpolatedMapping;
import com.datadoghq.sketch.ddsketch.store.UnboundedSizeDenseStore;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * One definition for every quantile: PostgreSQL's {@code percentile_cont} (Hyndman–Fan type 7), exactly for cells up
 * to {@link Quantiles#EXACT_LIMIT} values and within 0.5% beyond, on real-shaped (log-normal) speeds.
 */
class QuantilesTest {

    private static double[] logNormal(int n, double medianKbps, double sigma, long seed) {
        Random r = new Random(seed);
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = medianKbps * Math.exp(sigma * r.nextGaussian());
        }
        return v;
    }

    /** As the apps send them: kbit/s to one decimal. */
    private static double[] tenths(double[] values) {
        double[] out = values.clone();
        for (int i = 0; i < out.length; i++) {
            out[i] = Math.round(out[i] * 10) / 10.0;
        }
        return out;
    }

    /**
     * The textbook definition, written independently of the class: with h = q·(n−1), the value of rank ⌊h⌋ plus
     * the fraction of h times the step to the next value (numpy's default, Excel's PERCENTILE.INC).
     */
    static double percentileCont(double[] values, double q) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        double h = q * (sorted.length - 1);
        int below = (int) Math.floor(h);
        int above = (int) Math.ceil(h);
        return sorted[below] + (h - below) * (sorted[above] - sorted[below]);
    }

    private static Quantiles of(double[] values) {
        Quantiles q = Quantiles.empty();
        Arrays.stream(values).forEach(q::add);
        return q;
    }

    private static final double[] PERCENTILES = {0.0, 0.1, 0.25, 0.5, 0.75, 0.9, 1.0};

    @Test
    void theIssuesFortyTestsHaveTheMedianOfTheTwentiethAndTwentyFirst() {
        double[] values = tenths(logNormal(40, 55_000, 0.7, 40));
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        Quantiles q = of(values);
        assertThat(q.isExact()).isTrue();
        assertThat(q.quantile(0.5)).isEqualTo(sorted[19] + 0.5 * (sorted[20] - sorted[19]));
        // p10: h = 3.9, so 90 % of the way from the 4th value to the 5th
        assertThat(q.quantile(0.1)).isEqualTo(sorted[3] + (0.1 * 39 - 3) * (sorted[4] - sorted[3]));
    }

    @Test
    void cellsUpToTheExactLimitGivePercentileContToTheLastBitThroughTheirBytes() {
        long seed = 100;
        for (int n : new int[] {1, 2, 3, 4, 5, 9, 10, 29, 30, 31, 32, 33, 40, 99, 100, 257, Quantiles.EXACT_LIMIT - 1,
                Quantiles.EXACT_LIMIT}) {
            double[] speeds = tenths(logNormal(n, 40_000, 0.9, seed++));
            double[] anyDoubles = logNormal(n, 23.0, 0.5, seed++); // no decimal scale: stored as their bits
            double[] wholeMs = new double[n];
            double[] mostlyZero = new double[n];
            Random r = new Random(seed++);
            for (int i = 0; i < n; i++) {
                wholeMs[i] = 5 + r.nextInt(300);
                mostlyZero[i] = r.nextInt(10) == 0 ? Math.round(r.nextDouble() * 300) / 100.0 : 0.0;
            }
            for (double[] values : new double[][] {speeds, anyDoubles, wholeMs, mostlyZero}) {
                Quantiles q = of(values);
                assertThat(q.isExact()).isTrue();
                byte[] bytes = q.toBytes();
                assertThat(bytes[0]).isEqualTo(Quantiles.EXACT_DOUBLES_MARKER);
                Quantiles back = Quantiles.fromBytes(bytes);
                assertThat(back.toBytes()).isEqualTo(bytes);
                for (Quantiles each : new Quantiles[] {q, back}) {
                    assertThat(each.count()).isEqualTo(n);
                    for (double p : PERCENTILES) {
                        assertThat(each.quantile(p)).as("n=%d q=%s", n, p).isEqualTo(percentileCont(values, p));
                    }
                    double[] sorted = values.clone();
                    Arrays.sort(sorted);
                    assertThat(each.orderStatistic(Math.min(3, n))).isEqualTo(sorted[Math.min(3, n) - 1]);
                }
            }
        }
    }

    @Test
    void theExactEncodingTakesAFewBytesAValueWhenTheValuesHaveFewDecimals() {
        int n = Quantiles.EXACT_LIMIT;
        double[] speeds = tenths(logNormal(n, 40_000, 0.9, 61));
        double[] gigabit = tenths(logNormal(n, 900_000, 0.2, 62)); // past a float's 24 bits at one decimal
        double[] latency = tenths(logNormal(n, 25, 0.45, 63));
        double[] zeros = new double[n];
        assertThat(of(speeds).toBytes().length).as("speeds to 0.1 kbit/s").isLessThanOrEqualTo(3 * n + 8);
        assertThat(of(latency).toBytes().length).as("latency to 0.1 ms").isLessThanOrEqualTo(2 * n + 8);
        assertThat(of(zeros).toBytes().length).as("no loss at all").isLessThanOrEqualTo(n + 8);
        Quantiles back = Quantiles.fromBytes(of(gigabit).toBytes());
        double[] sorted = gigabit.clone();
        Arrays.sort(sorted);
        assertThat(back.orderStatistics(1, n / 2, n)).containsExactly(sorted[0], sorted[n / 2 - 1], sorted[n - 1]);
    }

    @Test
    void rowsWrittenWithFloatValuesAreStillReadAsTheFloatsTheyHold() {
        // the encoding of cells of at most 32 values before the doubles: marker, then sorted 4-byte floats
        java.nio.ByteBuffer old = java.nio.ByteBuffer.allocate(1 + 3 * Float.BYTES);
        old.put(Quantiles.EXACT_MARKER).putFloat(1.5f).putFloat(20_000.25f).putFloat(41_000.5f);
        Quantiles q = Quantiles.fromBytes(old.array());
        assertThat(q.isExact()).isTrue();
        assertThat(q.quantile(0.5)).isEqualTo(20_000.25);
        assertThat(q.quantile(0.25)).isEqualTo(1.5 + 0.5 * (20_000.25 - 1.5));
        q.add(3.0);
        assertThat(Quantiles.fromBytes(q.toBytes()).quantile(0.5)).isEqualTo(1.5 + (20_000.25 - 1.5) * 0.5 + (3.0 - 1.5) * 0.5);
    }

    @Test
    void aCorruptExactCellIsRefusedNotMisread() {
        Quantiles q = of(new double[] {1.5, 2.5, 4.0});
        byte[] bytes = q.toBytes(); // marker, scale 1, count 3, keys 15, +10, +15
        assertThat(bytes).containsExactly(Quantiles.EXACT_DOUBLES_MARKER, 1, 3, 15, 10, 15);
        byte[][] corrupt = {
            {Quantiles.EXACT_DOUBLES_MARKER, 12, 3, 15, 10, 15}, // no such scale
            {Quantiles.EXACT_DOUBLES_MARKER, 1, 4, 15, 10, 15}, // a value missing
            {Quantiles.EXACT_DOUBLES_MARKER, 1, 3, 15, 10, 15, 1}, // a byte left over
            {Quantiles.EXACT_DOUBLES_MARKER, 1, (byte) 0x81, 0x08, 15, 10, 15}, // more values than the limit
        };
        for (byte[] c : corrupt) {
            assertThatThrownBy(() -> Quantiles.fromBytes(c)).as(Arrays.toString(c))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("corrupt");
        }
    }

    @Test
    void pastTheExactLimitMedianP10P90AreWithinHalfAPercentOfPercentileCont() {
        long seed = 1;
        for (int n : new int[] {Quantiles.EXACT_LIMIT + 1, Quantiles.EXACT_LIMIT + 2, 1_000, 1_001, 5_000, 50_001}) {
            for (int run = 0; run < 3; run++) {
                double[] speeds = tenths(logNormal(n, 45_000, 0.9, seed++));
                double[] loss = new double[n]; // mostly zero: interpolating between the zero bucket and a value
                Random r = new Random(seed++);
                for (int i = 0; i < n; i++) {
                    loss[i] = r.nextInt(10) < 8 ? 0.0 : r.nextDouble() * 3;
                }
                for (double[] values : new double[][] {speeds, loss}) {
                    Quantiles q = of(values);
                    assertThat(q.isExact()).isFalse();
                    Quantiles back = Quantiles.fromBytes(q.toBytes());
                    for (double p : PERCENTILES) {
                        double exact = percentileCont(values, p);
                        for (Quantiles each : new Quantiles[] {q, back}) {
                            assertThat(each.quantile(p)).as("n=%d q=%s", n, p).isCloseTo(exact, within(exact * Quantiles.RELATIVE_ACCURACY));
                        }
                    }
                }
            }
        }
    }

    @Test
    void mergedSketchesGiveTheMedianOfTheUnionWithinHalfAPercent() {
        double[] a = logNormal(20_000, 30_000, 0.8, 11);
        double[] b = logNormal(7_000, 90_000, 0.6, 12);
        Quantiles qa = of(a);
        qa.merge(Quantiles.fromBytes(of(b).toBytes()));
        double[] all = new double[a.length + b.length];
        System.arraycopy(a, 0, all, 0, a.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        double exact = percentileCont(all, 0.5);
        assertThat(qa.count()).isEqualTo(27_000);
        assertThat(qa.quantile(0.5)).isCloseTo(exact, within(exact * Quantiles.RELATIVE_ACCURACY));
    }

    @Test
    void survivesSerialisationWithTheSameQuantiles() {
        Quantiles q = of(logNormal(1_000, 10_000, 1.0, 3));
        q.add(0.0);
        Quantiles back = Quantiles.fromBytes(q.toBytes());
        assertThat(back.count()).isEqualTo(1_001);
        assertThat(back.quantile(0.5)).isEqualTo(q.quantile(0.5));
        assertThat(back.quantile(0.0)).isCloseTo(0.0, within(1e-9));
    }

    @Test
    void emptySketchHasNoQuantile() {
        assertThat(Quantiles.empty().quantile(0.5)).isNull();
        assertThat(Quantiles.fromBytes(new byte[0]).isEmpty()).isTrue();
    }

    @Test
    void aCellPastTheExactLimitBecomesTheSameSketchWhateverTheOrderOfMerges() {
        double[] values = logNormal(3 * Quantiles.EXACT_LIMIT + 5, 20_000, 1.0, 22);
        Quantiles oneByOne = of(values);
        assertThat(oneByOne.isExact()).isFalse();
        // the same values as small exact pieces merged in reverse, through bytes, like cells of a rebuild
        Quantiles pieces = Quantiles.empty();
        for (int end = values.length; end > 0; end -= 7) {
            Quantiles piece = Quantiles.empty();
            for (int i = Math.max(0, end - 7); i < end; i++) {
                piece.add(values[i]);
            }
            pieces.merge(Quantiles.fromBytes(piece.toBytes()));
        }
        assertThat(pieces.count()).isEqualTo(values.length);
        assertThat(pieces.toBytes()).isEqualTo(oneByOne.toBytes());
        for (double p : new double[] {0.1, 0.5, 0.9}) {
            assertThat(pieces.quantile(p)).isEqualTo(oneByOne.quantile(p));
        }
        double exact = percentileCont(values, 0.5);
        assertThat(pieces.quantile(0.5)).isCloseTo(exact, within(exact * Quantiles.RELATIVE_ACCURACY));
    }

    @Test
    void exactCellsMergedInAnyOrderStayExactUpToTheLimit() {
        double[] values = tenths(logNormal(Quantiles.EXACT_LIMIT, 20_000, 1.0, 25));
        Quantiles forwards = Quantiles.empty();
        Quantiles backwards = Quantiles.empty();
        for (int start = 0; start < values.length; start += 9) {
            forwards.merge(Quantiles.fromBytes(of(Arrays.copyOfRange(values, start, Math.min(values.length, start + 9))).toBytes()));
        }
        for (int end = values.length; end > 0; end -= 13) {
            backwards.merge(of(Arrays.copyOfRange(values, Math.max(0, end - 13), end)));
            backwards.quantile(0.5); // reading between merges sorts what came so far
        }
        for (Quantiles each : new Quantiles[] {forwards, backwards}) {
            assertThat(each.isExact()).isTrue();
            assertThat(each.toBytes()).isEqualTo(of(values).toBytes());
            for (double p : PERCENTILES) {
                assertThat(each.quantile(p)).isEqualTo(percentileCont(values, p));
            }
        }
    }

    @Test
    void exactAndSketchCellsMergeBothWays() {
        Quantiles big = of(logNormal(2 * Quantiles.EXACT_LIMIT, 10_000, 0.7, 23));
        Quantiles small = Quantiles.empty();
        small.add(1.0);
        small.add(2.0);
        Quantiles smallFirst = small.copy();
        smallFirst.merge(big);
        big.merge(small);
        assertThat(big.count()).isEqualTo(2L * Quantiles.EXACT_LIMIT + 2);
        assertThat(smallFirst.count()).isEqualTo(2L * Quantiles.EXACT_LIMIT + 2);
        assertThat(smallFirst.toBytes()).isEqualTo(big.toBytes());
        assertThat(smallFirst.quantile(0.5)).isEqualTo(big.quantile(0.5));
        assertThat(smallFirst.quantile(0.0)).isCloseTo(1.0, within(0.01));
    }

    @Test
    void theExactEncodingCannotBeMistakenForASketch() {
        Quantiles sketch = of(logNormal(Quantiles.EXACT_LIMIT + 100, 10_000, 0.7, 24));
        assertThat(sketch.isExact()).isFalse();
        assertThat(sketch.toBytes()[0]).isNotIn(Quantiles.EXACT_MARKER, Quantiles.EXACT_DOUBLES_MARKER);
        Quantiles stored = Quantiles.fromBytes(sketch.toBytes());
        assertThat(stored.quantile(0.5)).isEqualTo(sketch.quantile(0.5));
        assertThat(Quantiles.fromBytes(Quantiles.empty().toBytes()).isEmpty()).isTrue();
    }

    /** The library's value of the order statistic of 0-based rank r: its rule reads the first bucket passing q·(n−1). */
    private static double libraryAtRank(DDSketch reference, long r) {
        long n = Math.round(reference.getCount());
        return reference.getValueAtQuantile(Math.min(1.0, (r + 0.5) / (n - 1)));
    }

    /** The library's buckets of ⌊h⌋ and ⌈h⌉, interpolated as percentile_cont does. */
    private static double libraryQuantile(DDSketch reference, double q) {
        long n = Math.round(reference.getCount());
        double h = q * (n - 1);
        return Quantiles.interpolate(q, n, libraryAtRank(reference, (long) Math.floor(h)), libraryAtRank(reference, (long) Math.ceil(h)));
    }

    /** A library DDSketch of the same mapping and store, fed the same values: the reference for the rules. */
    private static DDSketch librarySketch(double[] values) {
        DDSketch d = new DDSketch(new CubicallyInterpolatedMapping(Quantiles.RELATIVE_ACCURACY),
                UnboundedSizeDenseStore::new);
        Arrays.stream(values).forEach(v -> d.accept(Math.max(0, v)));
        return d;
    }

    @Test
    void itsOwnSketchEncodingAndOnePassQuantilesGiveTheLibrarysValues() throws Exception {
        Random r = new Random(31);
        double[] speeds = logNormal(3_000, 40_000, 0.9, 32);
        double[] loss = new double[2_000]; // packet loss: mostly zero, which DDSketch counts in its zero bucket
        for (int i = 0; i < loss.length; i++) {
            loss[i] = r.nextInt(10) < 6 ? 0.0 : r.nextDouble() * 3;
        }
        for (double[] values : new double[][] {speeds, loss}) {
            Quantiles q = Quantiles.empty();
            Arrays.stream(values).forEach(q::add);
            DDSketch reference = librarySketch(values);
            byte[] bytes = q.toBytes();
            assertThat(bytes[0]).isIn(Quantiles.SKETCH_MARKER, Quantiles.RUNS_MARKER);
            GrowingByteArrayOutput libraryBytes = GrowingByteArrayOutput.withInitialCapacity(64);
            reference.encode(libraryBytes, false);
            Quantiles stored = Quantiles.fromBytes(bytes);
            Quantiles storedByTheLibrary = Quantiles.fromBytes(libraryBytes.trimmedCopy()); // rows written before
            for (Quantiles each : new Quantiles[] {q, stored, storedByTheLibrary}) {
                assertThat(each.count()).isEqualTo(values.length);
                for (int p = 0; p <= 100; p++) {
                    assertThat(each.quantile(p / 100.0)).as("q=%s", p / 100.0).isEqualTo(libraryQuantile(reference, p / 100.0));
                }
                assertThat(each.quantiles(0.5, 0.1, 0.9)).containsExactly(libraryQuantile(reference, 0.5),
                        libraryQuantile(reference, 0.1), libraryQuantile(reference, 0.9));
                assertThat(each.orderStatistics(700, 1_300)).containsExactly(each.orderStatistic(700), each.orderStatistic(1_300));
                assertThat(each.orderStatistic(700)).isEqualTo(libraryAtRank(reference, 699));
                assertThat(each.quantilesAndOrderStatistics(new double[] {0.5, 0.1, 0.9}, new long[] {700, 1_300}))
                        .containsExactly(each.quantile(0.5), each.quantile(0.1), each.quantile(0.9),
                                each.orderStatistic(700), each.orderStatistic(1_300));
            }
            // a merge of stored halves equals the whole
            Quantiles half = Quantiles.empty();
            Arrays.stream(values, 0, values.length / 2).forEach(half::add);
            Quantiles other = Quantiles.empty();
            Arrays.stream(values, values.length / 2, values.length).forEach(other::add);
            Quantiles merged = Quantiles.fromBytes(half.toBytes());
            merged.merge(Quantiles.fromBytes(other.toBytes()));
            assertThat(merged.count()).isEqualTo(values.length);
            assertThat(merged.toBytes()).isEqualTo(bytes);
        }
    }

    @Test
    void sketchesGrowingDownwardsUpwardsAndMergedInAnyOrderHoldTheLibrarysBuckets() {
        // three ranges far apart, so each array grows below and above what it holds, when filled and when merged
        double[] low = logNormal(200, 0.5, 0.5, 41);
        double[] high = logNormal(300, 5_000, 0.5, 42);
        double[] middle = logNormal(250, 60, 0.5, 43);
        double[] all = new double[low.length + high.length + middle.length];
        System.arraycopy(low, 0, all, 0, low.length);
        System.arraycopy(high, 0, all, low.length, high.length);
        System.arraycopy(middle, 0, all, low.length + high.length, middle.length);
        DDSketch reference = librarySketch(all);
        Quantiles oneByOne = Quantiles.empty();
        for (int i = all.length - 1; i >= 0; i--) { // highest range first: the array grows downwards
            oneByOne.add(all[i]);
        }
        List<Quantiles> parts = new ArrayList<>();
        for (double[] part : new double[][] {middle, low, high}) {
            Quantiles q = Quantiles.empty();
            Arrays.stream(part).forEach(q::add);
            parts.add(Quantiles.fromBytes(q.toBytes()));
        }
        Quantiles middleFirst = parts.get(0).copy();
        middleFirst.merge(parts.get(1));
        middleFirst.merge(parts.get(2));
        Quantiles highFirst = parts.get(2).copy();
        highFirst.merge(parts.get(0));
        highFirst.merge(parts.get(1));
        for (Quantiles each : List.of(oneByOne, middleFirst, highFirst)) {
            assertThat(each.count()).isEqualTo(all.length);
            assertThat(each.toBytes()).isEqualTo(oneByOne.toBytes());
            for (int p = 0; p <= 100; p++) {
                assertThat(each.quantile(p / 100.0)).as("q=%s", p / 100.0).isEqualTo(libraryQuantile(reference, p / 100.0));
            }
        }
        // merging did not change the parts merged in
        assertThat(parts.get(1).count()).isEqualTo(low.length);
        assertThat(parts.get(1).quantile(1.0)).isLessThan(5.0);
    }

    @Test
    void sparseSketchesAreWrittenAsRunsDenseOnesAsCountsAndBothReadBackBucketForBucket() {
        Random r = new Random(51);
        double[] sparse = new double[600]; // a few hundred tests over a range far wider than they fill
        for (int i = 0; i < sparse.length; i++) {
            sparse[i] = i % 3 == 0 ? 0.0 : 0.01 * Math.pow(1e12, r.nextDouble());
        }
        double[] dense = logNormal(20_000, 30_000, 0.1, 52); // every bucket of its range holds values
        CubicallyInterpolatedMapping mapping = new CubicallyInterpolatedMapping(Quantiles.RELATIVE_ACCURACY);
        for (double[] values : new double[][] {sparse, dense}) {
            Quantiles q = Quantiles.empty();
            Arrays.stream(values).forEach(q::add);
            byte[] bytes = q.toBytes();
            double lowest = Arrays.stream(values).filter(v -> v > 0).min().orElseThrow();
            double highest = Arrays.stream(values).max().orElseThrow();
            int buckets = mapping.index(highest) - mapping.index(lowest) + 1;
            if (values == sparse) {
                assertThat(bytes[0]).isEqualTo(Quantiles.RUNS_MARKER);
                long withValues = Arrays.stream(values).filter(v -> v > 0).count();
                // a count, its run's length and the empty run after it: three bytes a bucket, against one per bucket
                assertThat(bytes.length).as("%d buckets spanned", buckets).isLessThanOrEqualTo((int) (3 * withValues + 10))
                        .isLessThan(buckets / 2);
            } else {
                assertThat(bytes[0]).isEqualTo(Quantiles.SKETCH_MARKER);
                assertThat(bytes.length).as("counts below 2^14: two bytes each").isLessThanOrEqualTo(2 * buckets + 10);
            }
            DDSketch reference = librarySketch(values);
            Quantiles stored = Quantiles.fromBytes(bytes);
            assertThat(stored.toBytes()).isEqualTo(bytes);
            assertThat(stored.count()).isEqualTo(values.length);
            for (int p = 0; p <= 100; p++) {
                assertThat(stored.quantile(p / 100.0)).as("q=%s", p / 100.0).isEqualTo(libraryQuantile(reference, p / 100.0));
            }
        }
        // a runs-encoded sketch merged with a dense one holds the buckets of both
        Quantiles a = Quantiles.empty();
        Arrays.stream(sparse).forEach(a::add);
        Quantiles b = Quantiles.empty();
        Arrays.stream(dense).forEach(b::add);
        Quantiles merged = Quantiles.fromBytes(a.toBytes());
        merged.merge(Quantiles.fromBytes(b.toBytes()));
        Quantiles whole = Quantiles.empty();
        Arrays.stream(sparse).forEach(whole::add);
        Arrays.stream(dense).forEach(whole::add);
        assertThat(merged.toBytes()).isEqualTo(whole.toBytes());
    }

    @Test
    void aCorruptRunIsRefusedNotMisread() {
        // zeros 0, lowest bucket 100 (zigzag 200), 3 buckets: a run of 1 (count 5), 1 empty, a run of 1 (count 2)
        byte[] valid = {Quantiles.RUNS_MARKER, 0, (byte) 0xC8, 0x01, 3, 1, 5, 1, 1, 2};
        Quantiles q = Quantiles.fromBytes(valid);
        assertThat(q.count()).isEqualTo(7);
        assertThat(q.orderStatistics(5, 6)).containsExactly(q.quantile(0), q.quantile(1));
        // written back as counts, one byte shorter: 5, 0, 2
        assertThat(q.toBytes()).containsExactly(Quantiles.SKETCH_MARKER, 0, (byte) 0xC8, 0x01, 3, 5, 0, 2);
        byte[][] corrupt = {
            {Quantiles.RUNS_MARKER, 0, (byte) 0xC8, 0x01, 3, 4, 5, 1, 1, 2}, // a run past the buckets
            {Quantiles.RUNS_MARKER, 0, (byte) 0xC8, 0x01, 3, 1, 5, 0, 1, 2}, // an empty run of no bucket
            {Quantiles.RUNS_MARKER, 0, (byte) 0xC8, 0x01, 3, 1, 5, 2, 1, 2}, // the empty run reaches the last bucket
            {Quantiles.RUNS_MARKER, 0, (byte) 0xC8, 0x01, 3, 1, 5, 2}, // and nothing follows it
            {Quantiles.RUNS_MARKER, 0, (byte) 0xC8, 0x01, 3, 1, 0, 1, 1, 2}, // an empty bucket in a run of values
            {Quantiles.RUNS_MARKER, 0, (byte) 0xC8, 0x01, 3, 1, 5, 1, 1}, // truncated
            {Quantiles.RUNS_MARKER, 0, (byte) 0xC8, 0x01, 3, 1, 5, 1, 1, 2, 9}, // a byte left over
            {Quantiles.RUNS_MARKER, 0, (byte) 0xC8, 0x01, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x7F, 1, 5}, // 2^28 buckets
        };
        for (byte[] bytes : corrupt) {
            assertThatThrownBy(() -> Quantiles.fromBytes(bytes)).as(Arrays.toString(bytes))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("corrupt");
        }
    }

    @Test
    void aTruncatedSketchIsRefusedNotMisread() {
        Quantiles q = Quantiles.empty();
        Arrays.stream(logNormal(Quantiles.EXACT_LIMIT + 500, 20_000, 0.8, 33)).forEach(q::add);
        byte[] bytes = q.toBytes();
        assertThatThrownBy(() -> Quantiles.fromBytes(Arrays.copyOf(bytes, bytes.length - 3)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("corrupt");
        byte[] longer = Arrays.copyOf(bytes, bytes.length + 1);
        assertThatThrownBy(() -> Quantiles.fromBytes(longer)).hasMessageContaining("left over");
    }
}

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

/** The sketch's quantiles against exact order statistics on real-shaped (log-normal) speeds. */
class QuantilesTest {

    private static double[] logNormal(int n, double medianKbps, double sigma, long seed) {
        Random r = new Random(seed);
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = medianKbps * Math.exp(sigma * r.nextGaussian());
        }
        return v;
    }

    /** The exact quantile at the same rank convention as the sketch: the value of rank ⌊q·(n−1)⌋. */
    private static double exact(double[] sorted, double q) {
        return sorted[(int) Math.floor(q * (sorted.length - 1))];
    }

    @Test
    void medianP10P90WithinOnePercentOfExactOnLogNormalSpeeds() {
        for (long seed = 1; seed <= 5; seed++) {
            double[] values = logNormal(50_001, 45_000, 0.9, seed);
            Quantiles q = Quantiles.empty();
            Arrays.stream(values).forEach(q::add);
            double[] sorted = values.clone();
            Arrays.sort(sorted);
            for (double p : new double[] {0.1, 0.5, 0.9}) {
                double exact = exact(sorted, p);
                assertThat(Math.abs(q.quantile(p) - exact) / exact).as("relative error at q=%s", p).isLessThan(0.01);
            }
        }
    }

    @Test
    void mergedSketchesGiveTheMedianOfTheUnionWithinOnePercent() {
        double[] a = logNormal(20_000, 30_000, 0.8, 11);
        double[] b = logNormal(7_000, 90_000, 0.6, 12);
        Quantiles qa = Quantiles.empty();
        Quantiles qb = Quantiles.empty();
        Arrays.stream(a).forEach(qa::add);
        Arrays.stream(b).forEach(qb::add);
        qa.merge(Quantiles.fromBytes(qb.toBytes()));
        double[] all = new double[a.length + b.length];
        System.arraycopy(a, 0, all, 0, a.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        Arrays.sort(all);
        double exact = exact(all, 0.5);
        assertThat(qa.count()).isEqualTo(27_000);
        assertThat(Math.abs(qa.quantile(0.5) - exact) / exact).isLessThan(0.01);
    }

    @Test
    void survivesSerialisationWithTheSameQuantiles() {
        Quantiles q = Quantiles.empty();
        Arrays.stream(logNormal(1_000, 10_000, 1.0, 3)).forEach(q::add);
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
    void smallCellsReportExactOrderStatisticsAndStayExactThroughSerialisation() {
        double[] values = logNormal(Quantiles.EXACT_LIMIT, 40_000, 0.9, 21);
        Quantiles q = Quantiles.empty();
        Arrays.stream(values).forEach(q::add);
        assertThat(q.isExact()).isTrue();
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        Quantiles back = Quantiles.fromBytes(q.toBytes());
        for (Quantiles each : new Quantiles[] {q, back}) {
            assertThat(each.count()).isEqualTo(values.length);
            for (double p : new double[] {0.0, 0.1, 0.5, 0.9, 1.0}) {
                assertThat(each.quantile(p)).isCloseTo(exact(sorted, p), within(exact(sorted, p) * 1e-6));
            }
            assertThat(each.orderStatistic(3)).isCloseTo(sorted[2], within(sorted[2] * 1e-6));
        }
        assertThat(q.toBytes()).hasSize(1 + values.length * Float.BYTES);
    }

    @Test
    void aCellPastTheExactLimitBecomesTheSameSketchWhateverTheOrderOfMerges() {
        double[] values = logNormal(3 * Quantiles.EXACT_LIMIT + 5, 20_000, 1.0, 22);
        Quantiles oneByOne = Quantiles.empty();
        Arrays.stream(values).forEach(oneByOne::add);
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
        for (double p : new double[] {0.1, 0.5, 0.9}) {
            assertThat(pieces.quantile(p)).isCloseTo(oneByOne.quantile(p), within(oneByOne.quantile(p) * 1e-6));
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        assertThat(Math.abs(pieces.quantile(0.5) - exact(sorted, 0.5)) / exact(sorted, 0.5)).isLessThan(0.01);
    }

    @Test
    void exactAndSketchCellsMergeBothWays() {
        Quantiles big = Quantiles.empty();
        Arrays.stream(logNormal(500, 10_000, 0.7, 23)).forEach(big::add);
        Quantiles small = Quantiles.empty();
        small.add(1.0);
        small.add(2.0);
        Quantiles smallFirst = small.copy();
        smallFirst.merge(big);
        big.merge(small);
        assertThat(big.count()).isEqualTo(502);
        assertThat(smallFirst.count()).isEqualTo(502);
        assertThat(smallFirst.quantile(0.5)).isEqualTo(big.quantile(0.5));
        assertThat(smallFirst.quantile(0.0)).isCloseTo(1.0, within(0.01));
    }

    @Test
    void theExactEncodingCannotBeMistakenForASketch() {
        Quantiles sketch = Quantiles.empty();
        Arrays.stream(logNormal(100, 10_000, 0.7, 24)).forEach(sketch::add);
        assertThat(sketch.isExact()).isFalse();
        assertThat(sketch.toBytes()[0]).isNotEqualTo(Quantiles.EXACT_MARKER);
        Quantiles emptySketch = Quantiles.fromBytes(sketch.toBytes());
        assertThat(emptySketch.quantile(0.5)).isEqualTo(sketch.quantile(0.5));
        assertThat(Quantiles.fromBytes(Quantiles.empty().toBytes()).isEmpty()).isTrue();
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
                    assertThat(each.quantile(p / 100.0)).as("q=%s", p / 100.0).isEqualTo(reference.getValueAtQuantile(p / 100.0));
                }
                assertThat(each.quantiles(0.5, 0.1, 0.9)).containsExactly(reference.getValuesAtQuantiles(new double[] {0.5, 0.1, 0.9}));
                assertThat(each.orderStatistics(700, 1_300)).containsExactly(each.orderStatistic(700), each.orderStatistic(1_300));
                assertThat(each.orderStatistic(700)).isEqualTo(reference.getValueAtQuantile(699.0 / (values.length - 1)));
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
                assertThat(each.quantile(p / 100.0)).as("q=%s", p / 100.0).isEqualTo(reference.getValueAtQuantile(p / 100.0));
            }
        }
        // merging did not change the parts merged in
        assertThat(parts.get(1).count()).isEqualTo(low.length);
        assertThat(parts.get(1).quantile(1.0)).isLessThan(5.0);
    }

    @Test
    void sparseSketchesAreWrittenAsRunsDenseOnesAsCountsAndBothReadBackBucketForBucket() {
        Random r = new Random(51);
        double[] sparse = new double[60]; // packet loss of a commune's month: a few tests over a wide range
        for (int i = 0; i < sparse.length; i++) {
            sparse[i] = i % 3 == 0 ? 0.0 : 0.01 * Math.pow(500, r.nextDouble());
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
                assertThat(stored.quantile(p / 100.0)).as("q=%s", p / 100.0).isEqualTo(reference.getValueAtQuantile(p / 100.0));
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
        Arrays.stream(logNormal(500, 20_000, 0.8, 33)).forEach(q::add);
        byte[] bytes = q.toBytes();
        assertThatThrownBy(() -> Quantiles.fromBytes(Arrays.copyOf(bytes, bytes.length - 3)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("corrupt");
        byte[] longer = Arrays.copyOf(bytes, bytes.length + 1);
        assertThatThrownBy(() -> Quantiles.fromBytes(longer)).hasMessageContaining("left over");
    }
}

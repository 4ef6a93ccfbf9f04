package vn.ispeed.stats.cell;

import com.datadoghq.sketch.ddsketch.DDSketch;
import com.datadoghq.sketch.ddsketch.encoding.ByteArrayInput;
import com.datadoghq.sketch.ddsketch.mapping.CubicallyInterpolatedMapping;
import com.datadoghq.sketch.ddsketch.mapping.IndexMapping;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * Mergeable quantiles of one metric, in two modes.
 *
 * <p><b>Exact</b> while the cell holds at most {@link #EXACT_LIMIT} values: the values themselves
 * (as floats: 7 significant digits, far inside the sketch's 0.5%), so a commune's day or an
 * operator's month, which mostly hold a handful of tests, reports exact order statistics and costs
 * a few bytes instead of a sketch's bucket arrays. Most cells the projection writes are of this kind,
 * and building, encoding and decoding DDSketches for them was most of the projection's CPU.
 *
 * <p><b>Sketch</b> beyond that: a DDSketch with 0.5% relative accuracy, so every quantile it returns
 * lies within 0.5% of the true value at that rank, and merging two cells' sketches is exact (bucket
 * counts add). The library's index mapping places values in buckets and gives a bucket's value, and its
 * rule picks the bucket of a quantile; the bucket counts are this class's own {@code int} array (see
 * {@link #counts}). A cell moves to the sketch by adding its values to an empty sketch, which gives the
 * same buckets as if they had been added one by one: the state does not depend on the order of
 * merges, so a rebuild equals the incremental projection.
 *
 * <p>Rank convention in both modes: quantile q is the value of rank ⌊q·(n−1)⌋ (0-based).
 */
public final class Quantiles {
    public static final double RELATIVE_ACCURACY = 0.005;
    /** Cells with at most this many values stay exact. */
    public static final int EXACT_LIMIT = 32;
    /** First byte of the exact encoding; a DDSketch encoding starts with its index-mapping flag, never this. */
    static final byte EXACT_MARKER = (byte) 0x7E;
    /**
     * First byte of this class's sketch encoding: the zero count, then the bucket counts from the lowest index to
     * the highest, as variable-length integers. The library's encoding (still read, from rows written before)
     * walked the buckets three times per write to choose between two layouts and wrote each count as a
     * variable-length double: a fifth of the projection's writing thread in a live profile.
     */
    static final byte SKETCH_MARKER = (byte) 0x7D;
    /**
     * First byte of the run-length sketch encoding: the zero count, the lowest bucket index and the number of
     * buckets up to the highest, as in {@link #SKETCH_MARKER}; then runs of buckets that hold values (their length,
     * then their counts) alternating with runs of empty buckets (their length only). A cell's few hundred tests
     * spread over a few hundred buckets leave most of them empty: a commune's month of packet loss took a fifth of
     * the bytes, jitter half, speeds three quarters (the dev database's 61,912 cells). {@link #toBytes} writes
     * whichever of the two encodings is shorter.
     */
    static final byte RUNS_MARKER = (byte) 0x7C;
    /** Buckets added beyond the one needed when the array grows, so a filling sketch copies it a few times only. */
    static final int GROWTH = 64;
    private static final IndexMapping MAPPING = new CubicallyInterpolatedMapping(RELATIVE_ACCURACY);
    /** DDSketch counts a value at or below this in its zero bucket (and values are never negative here). */
    private static final double MIN_INDEXED = Math.max(0, MAPPING.minIndexableValue());
    private static final double MAX_INDEXED = MAPPING.maxIndexableValue();
    /** Buckets between the lowest and the highest value the mapping indexes: no sketch spans more. */
    private static final int MAX_BUCKETS =
            MAPPING.index(MAX_INDEXED) - MAPPING.index(Math.max(MIN_INDEXED, Double.MIN_NORMAL)) + 1;

    private float[] values; // exact mode: the values, [0, size) used; null until the first one
    private int size;
    private boolean sorted = true;
    /**
     * Sketch mode when non-null: the count of bucket {@code offset + i} at {@code i}; buckets {@code lo..hi} hold
     * every value above {@link #MIN_INDEXED}. The library's dense store kept a {@code double} per bucket behind a
     * callback per bucket: its quantile walk, encoding and decoding were three quarters of the live projection's
     * writing thread (JFR, e2e run), and its arrays bounded how many decoded cells the projection keeps between
     * batches. Counts are whole numbers of tests; one bucket of one cell past 2^31 tests would be refused, not
     * wrapped ({@link Math#addExact}).
     */
    private int[] counts;
    private int offset;
    private int lo = Integer.MAX_VALUE; // lowest bucket index with a count, MAX_VALUE while none
    private int hi = Integer.MIN_VALUE;
    private long sketchCount; // values in the sketch, zeros included
    private long sketchZeros; // of which at or below MIN_INDEXED (the library's zero bucket)

    private Quantiles() {
    }

    public static Quantiles empty() {
        return new Quantiles();
    }

    public static Quantiles fromBytes(byte[] bytes) {
        if (bytes == null || bytes.length == 0) {
            return empty();
        }
        if (bytes[0] == EXACT_MARKER) {
            ByteBuffer in = ByteBuffer.wrap(bytes, 1, bytes.length - 1);
            int n = (bytes.length - 1) / Float.BYTES;
            Quantiles q = new Quantiles();
            q.values = new float[Math.max(n, 4)];
            for (int i = 0; i < n; i++) {
                q.values[i] = in.getFloat();
            }
            q.size = n;
            q.sorted = true; // written sorted
            return q;
        }
        if (bytes[0] == SKETCH_MARKER || bytes[0] == RUNS_MARKER) {
            return decodeSketch(bytes);
        }
        return decodeLibrarySketch(bytes);
    }

    public void add(double value) {
        double v = Math.max(0, value);
        if (counts != null) {
            acceptIntoSketch(v);
        } else if (size < EXACT_LIMIT) {
            if (values == null) {
                values = new float[4];
            } else if (size == values.length) {
                values = Arrays.copyOf(values, Math.min(EXACT_LIMIT, size * 2));
            }
            float f = (float) v;
            if (size > 0 && f < values[size - 1]) {
                sorted = false;
            }
            values[size++] = f;
        } else {
            toSketch();
            acceptIntoSketch(v);
        }
    }

    /** The library's {@code DDSketch.accept} for a value that is not negative. */
    private void acceptIntoSketch(double v) {
        if (v > MAX_INDEXED) {
            throw new IllegalArgumentException("The input value is outside the range that is tracked by the sketch.");
        }
        if (v > MIN_INDEXED) {
            addToBucket(MAPPING.index(v), 1);
        } else {
            sketchZeros++;
        }
        sketchCount++;
    }

    private void addToBucket(int index, int count) {
        cover(index, index);
        int i = index - offset;
        counts[i] = Math.addExact(counts[i], count);
        lo = Math.min(lo, index);
        hi = Math.max(hi, index);
    }

    /** Grows the array to cover buckets {@code from..to}, with {@link #GROWTH} spare buckets on the side it grows. */
    private void cover(int from, int to) {
        if (counts.length > 0 && from >= offset && to < offset + counts.length) {
            return;
        }
        if (counts.length == 0) {
            counts = new int[to - from + 1 + GROWTH];
            offset = from - GROWTH / 2;
            return;
        }
        int newFrom = Math.min(offset, from);
        int newTo = Math.max(offset + counts.length - 1, to);
        if (from < offset) {
            newFrom -= GROWTH;
        }
        if (to >= offset + counts.length) {
            newTo += GROWTH;
        }
        int[] grown = new int[Math.toIntExact((long) newTo - newFrom + 1)];
        System.arraycopy(counts, 0, grown, offset - newFrom, counts.length);
        counts = grown;
        offset = newFrom;
    }

    public void merge(Quantiles other) {
        if (other.counts != null) {
            if (other.sketchCount > 0) {
                toSketch();
                if (other.lo <= other.hi) {
                    cover(other.lo, other.hi);
                    for (int index = other.lo; index <= other.hi; index++) {
                        int c = other.counts[index - other.offset];
                        if (c != 0) {
                            int i = index - offset;
                            counts[i] = Math.addExact(counts[i], c);
                        }
                    }
                    lo = Math.min(lo, other.lo);
                    hi = Math.max(hi, other.hi);
                }
                sketchCount += other.sketchCount;
                sketchZeros += other.sketchZeros;
            }
        } else {
            for (int i = 0; i < other.size; i++) {
                add(other.values[i]);
            }
        }
    }

    /** Moves to sketch mode: the exact values become the sketch's first values. */
    private void toSketch() {
        if (counts == null) {
            counts = new int[0];
            sketchCount = 0;
            sketchZeros = 0;
            for (int i = 0; i < size; i++) {
                acceptIntoSketch(values[i]);
            }
            values = null;
            size = 0;
        }
    }

    /**
     * An estimate of the heap this takes, for caches that keep states within a budget: the float array in
     * exact mode; in sketch mode the bucket array.
     */
    public long heapBytes() {
        if (counts == null) {
            return 40 + (values == null ? 0 : 16 + 4L * values.length);
        }
        return 72 + 16 + 4L * counts.length;
    }

    /** True while the values are kept exactly. */
    public boolean isExact() {
        return counts == null;
    }

    public long count() {
        return counts == null ? size : sketchCount;
    }

    public boolean isEmpty() {
        return count() == 0;
    }

    /** The value at quantile q (0..1); null when empty. */
    public Double quantile(double q) {
        return isEmpty() ? null : quantiles(q)[0];
    }

    /** The values at several quantiles in one pass; null when empty. */
    public double[] quantiles(double... qs) {
        return isEmpty() ? null : quantilesAndOrderStatistics(qs, new long[0]);
    }

    /** The value of order statistic {@code rank} (1-based, 1..count). */
    public double orderStatistic(long rank) {
        return orderStatistics(rank)[0];
    }

    /** The values of several order statistics (1-based ranks), in one pass over a sketch's buckets. */
    public double[] orderStatistics(long... ranks) {
        return quantilesAndOrderStatistics(new double[0], ranks);
    }

    /**
     * The values at quantiles {@code qs}, then of the order statistics {@code ranks} (1-based), in one pass over a
     * sketch's buckets (a cell's median, p10, p90 and the two ends of the median's confidence interval).
     */
    public double[] quantilesAndOrderStatistics(double[] qs, long[] ranks) {
        long n = count();
        double[] out = new double[qs.length + ranks.length];
        if (counts == null) {
            for (int i = 0; i < qs.length; i++) {
                out[i] = exactAt(rank(qs[i], size));
            }
            for (int i = 0; i < ranks.length; i++) {
                out[qs.length + i] = exactAt((int) Math.max(0, Math.min(n - 1, ranks[i] - 1)));
            }
            return out;
        }
        double[] all = Arrays.copyOf(qs, qs.length + ranks.length);
        for (int i = 0; i < ranks.length; i++) {
            all[qs.length + i] = n <= 1 ? 0 : (double) (ranks[i] - 1) / (n - 1);
        }
        return sketchValues(all);
    }

    /**
     * The library's rule ({@code DDSketch.getValueAtQuantile}: rank q·(n−1), the value of the first bucket whose
     * cumulative count passes it, zeros first) for several quantiles in one pass over the buckets, lowest rank
     * first. The library counted every bucket, then walked them again, for each quantile.
     */
    private double[] sketchValues(double[] qs) {
        double n = sketchCount;
        int k = qs.length;
        double[] out = new double[k];
        int[] order = new int[k]; // the quantiles' positions, lowest first (insertion sort: a handful of them)
        for (int i = 0; i < k; i++) {
            if (qs[i] < 0 || qs[i] > 1) {
                throw new IllegalArgumentException("The quantile must be between 0 and 1.");
            }
            int j = i;
            while (j > 0 && qs[order[j - 1]] > qs[i]) {
                order[j] = order[j - 1];
                j--;
            }
            order[j] = i;
        }
        int next = 0;
        while (next < k && sketchZeros > qs[order[next]] * (n - 1)) {
            out[order[next++]] = 0;
        }
        long cumulative = sketchZeros;
        for (int index = lo; index <= hi && next < k; index++) {
            int c = counts[index - offset];
            if (c == 0) {
                continue;
            }
            cumulative += c;
            double value = Double.NaN;
            while (next < k && cumulative > qs[order[next]] * (n - 1)) {
                if (Double.isNaN(value)) {
                    value = MAPPING.value(index);
                }
                out[order[next++]] = value;
            }
        }
        while (next < k) { // only by rounding: the library answers its highest bucket
            out[order[next++]] = MAPPING.value(hi);
        }
        return out;
    }

    private static int rank(double q, int n) {
        return (int) Math.floor(q * (n - 1));
    }

    private double exactAt(int index) {
        sort();
        return values[index];
    }

    private void sort() {
        if (!sorted) {
            Arrays.sort(values, 0, size);
            sorted = true;
        }
    }

    public byte[] toBytes() {
        if (counts == null) {
            sort();
            ByteBuffer out = ByteBuffer.allocate(1 + size * Float.BYTES);
            out.put(EXACT_MARKER);
            for (int i = 0; i < size; i++) {
                out.putFloat(values[i]);
            }
            return out.array();
        }
        boolean none = lo > hi;
        int min = none ? 0 : lo;
        int n = none ? 0 : hi - lo + 1;
        int from = min - offset;
        int end = from + n;
        // the bytes of the counts each way: every bucket's count, or the buckets with values and each run's length
        long dense = 0;
        long runs = 0;
        for (int i = from; i < end; ) {
            int j = i;
            while (j < end && counts[j] != 0) {
                int len = varLength(counts[j++]);
                dense += len;
                runs += len;
            }
            runs += varLength(j - i);
            i = j;
            while (j < end && counts[j] == 0) {
                j++;
            }
            if (j > i) {
                dense += j - i;
                runs += varLength(j - i);
                i = j;
            }
        }
        boolean byRuns = runs < dense;
        byte[] buf = new byte[Math.toIntExact(1 + 10 + 5 + 5 + Math.min(runs, dense))];
        int at = 0;
        buf[at++] = byRuns ? RUNS_MARKER : SKETCH_MARKER;
        at = putVarLong(buf, at, sketchZeros);
        at = putVarLong(buf, at, ((long) min << 1) ^ ((long) min >> 63)); // zigzag: indexes of values below 1 are negative
        at = putVarLong(buf, at, n);
        if (!byRuns) {
            for (int i = from; i < end; i++) {
                at = putVarLong(buf, at, counts[i]);
            }
            return Arrays.copyOf(buf, at);
        }
        for (int i = from; i < end; ) { // the first and the last bucket hold values: runs with values start and end it
            int j = i;
            while (j < end && counts[j] != 0) {
                j++;
            }
            at = putVarLong(buf, at, j - i);
            for (; i < j; i++) {
                at = putVarLong(buf, at, counts[i]);
            }
            while (j < end && counts[j] == 0) {
                j++;
            }
            if (j > i) {
                at = putVarLong(buf, at, j - i);
                i = j;
            }
        }
        return Arrays.copyOf(buf, at);
    }

    private static int varLength(long v) {
        int n = 1;
        while ((v & ~0x7FL) != 0) {
            n++;
            v >>>= 7;
        }
        return n;
    }

    private static int putVarLong(byte[] buf, int at, long v) {
        while ((v & ~0x7FL) != 0) {
            buf[at++] = (byte) ((v & 0x7F) | 0x80);
            v >>>= 7;
        }
        buf[at++] = (byte) v;
        return at;
    }

    private static long getVarLong(ByteBuffer in) {
        long v = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            byte b = in.get();
            v |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return v;
            }
        }
        throw new IllegalArgumentException("corrupt quantile sketch: variable-length integer too long");
    }

    private static Quantiles decodeSketch(byte[] bytes) {
        try {
            ByteBuffer in = ByteBuffer.wrap(bytes, 1, bytes.length - 1);
            long zeros = getVarLong(in);
            long zig = getVarLong(in);
            int min = Math.toIntExact((zig >>> 1) ^ -(zig & 1));
            int n = Math.toIntExact(getVarLong(in));
            // a dense count takes a byte at least; runs of empty buckets take less, but no sketch spans more than all
            if (bytes[0] == SKETCH_MARKER ? n > in.remaining() : n > MAX_BUCKETS) {
                throw new IllegalArgumentException("corrupt quantile sketch: " + n + " buckets in " + in.remaining() + " bytes");
            }
            Quantiles q = new Quantiles();
            q.counts = new int[n];
            q.offset = min;
            long total = zeros;
            boolean byRuns = bytes[0] == RUNS_MARKER;
            for (int i = 0; i < n; ) {
                int filled = byRuns ? runLength(in, n - i) : n; // buckets with values from i on, then an empty run
                for (int end = i + filled; i < end; i++) {
                    long c = getVarLong(in);
                    if (byRuns && c == 0) {
                        throw new IllegalArgumentException(
                                "corrupt quantile sketch: an empty bucket in a run of values");
                    }
                    q.counts[i] = Math.toIntExact(c);
                    total += c;
                    if (c != 0) {
                        q.lo = Math.min(q.lo, min + i);
                        q.hi = min + i;
                    }
                }
                if (byRuns && i < n) {
                    i += runLength(in, n - i - 1); // an empty run is followed by a run with values
                }
            }
            if (in.hasRemaining()) {
                throw new IllegalArgumentException("corrupt quantile sketch: " + in.remaining() + " bytes left over");
            }
            q.sketchCount = total;
            q.sketchZeros = zeros;
            return q;
        } catch (java.nio.BufferUnderflowException | ArithmeticException e) {
            throw new IllegalArgumentException("corrupt quantile sketch", e);
        }
    }

    /** The length of a run of buckets: at least one, at most {@code max}. */
    private static int runLength(ByteBuffer in, int max) {
        long len = getVarLong(in);
        if (len < 1 || len > max) {
            throw new IllegalArgumentException(
                    "corrupt quantile sketch: a run of " + len + " buckets where at most " + max + " fit");
        }
        return (int) len;
    }

    /** A row written in the library's own encoding, before this class had its own. */
    private static Quantiles decodeLibrarySketch(byte[] bytes) {
        DDSketch sketch;
        try {
            sketch = DDSketch.decode(ByteArrayInput.wrap(bytes), com.datadoghq.sketch.ddsketch.store.UnboundedSizeDenseStore::new);
        } catch (IOException e) {
            throw new UncheckedIOException("corrupt quantile sketch", e);
        }
        if (!sketch.getNegativeValueStore().isEmpty()) {
            throw new IllegalArgumentException("corrupt quantile sketch: negative values");
        }
        Quantiles q = new Quantiles();
        q.counts = new int[0];
        long[] total = {0};
        sketch.getPositiveValueStore().forEach((index, count) -> {
            long c = Math.round(count);
            if (c != count || c < 0) {
                throw new IllegalArgumentException("corrupt quantile sketch: bucket count " + count);
            }
            if (c > 0) {
                q.addToBucket(index, Math.toIntExact(c));
                total[0] += c;
            }
        });
        long count = Math.round(sketch.getCount());
        q.sketchCount = count;
        q.sketchZeros = count - total[0];
        return q;
    }

    public Quantiles copy() {
        Quantiles q = new Quantiles();
        if (counts != null) {
            q.counts = counts.clone();
            q.offset = offset;
            q.lo = lo;
            q.hi = hi;
            q.sketchCount = sketchCount;
            q.sketchZeros = sketchZeros;
            return q;
        }
        q.values = values == null ? null : values.clone();
        q.size = size;
        q.sorted = sorted;
        return q;
    }
}

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
 * Mergeable quantiles of one metric, in two modes, with ONE definition of a quantile for both: the linear
 * interpolation between order statistics of PostgreSQL's {@code percentile_cont} (Hyndman–Fan type 7, also Excel's
 * {@code PERCENTILE.INC} and {@code MEDIAN}, numpy's default). With the n values sorted, x(0) ≤ … ≤ x(n−1),
 * h = q·(n−1), the quantile is x(⌊h⌋) + (h − ⌊h⌋)·(x(⌈h⌉) − x(⌊h⌋)): the median of an even count is the mean of
 * the two middle values. The arithmetic is PostgreSQL's own ({@code percentile_cont_final_common} and
 * {@code float8_lerp}), so an exact cell gives the same double as {@code percentile_cont} over the same tests.
 *
 * <p><b>Exact</b> while the cell holds at most {@link #EXACT_LIMIT} values: the values themselves, as doubles, so
 * the quantiles are {@code percentile_cont}'s to the last bit. Stored sorted as variable-length deltas of integers
 * (the values times the smallest power of ten that makes every one of them whole, when there is one; else their
 * IEEE bits), so a cell of speeds given to 0.1 kbit/s takes two or three bytes a value, not eight. See
 * stats-service/README.md for how the limit was chosen from the sizes of real-shaped cells.
 *
 * <p><b>Sketch</b> beyond that: a DDSketch with 0.5% relative accuracy. The sketch gives, for an order statistic
 * x(r), the value of the bucket holding it, within 0.5% of x(r); the quantile interpolates between the buckets of
 * x(⌊h⌋) and x(⌈h⌉) exactly as above, so it is within 0.5% of the exact {@code percentile_cont} of the same tests
 * (a convex combination of two values each within 0.5% of theirs). Merging two sketches is exact (bucket counts
 * add). The library's index mapping places values in buckets and gives a bucket's value; the bucket counts are this
 * class's own {@code int} array (see {@link #counts}). A cell moves to the sketch by adding its values to an empty
 * sketch, which gives the same buckets as if they had been added one by one: the state does not depend on the
 * order of merges, so a rebuild equals the incremental projection.
 */
public final class Quantiles {
    public static final double RELATIVE_ACCURACY = 0.005;
    /** Cells with at most this many values stay exact (stats-service/README.md: how it was chosen). */
    public static final int EXACT_LIMIT = 512;
    /**
     * First byte of the exact encoding of rows written before {@link #EXACT_DOUBLES_MARKER}: up to 32 values as
     * 4-byte floats. Still read (as the floats they are); never written.
     */
    static final byte EXACT_MARKER = (byte) 0x7E;
    /**
     * First byte of the exact encoding: the decimal scale s (0..{@link #MAX_SCALE}, or {@link #RAW_BITS}), the
     * count, then the values' keys in ascending order as variable-length deltas (the first from 0). A key is the
     * value times 10^s, a whole number below 2^53 that divides back to exactly the value, or with
     * {@link #RAW_BITS} the value's IEEE bits (ascending with the value, as every value is ≥ 0). A DDSketch
     * encoding starts with its index-mapping flag, never this.
     */
    static final byte EXACT_DOUBLES_MARKER = (byte) 0x7B;
    static final int MAX_SCALE = 9;
    static final int RAW_BITS = 0xFF;
    private static final double[] POWERS_OF_TEN = {1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9};
    private static final double MAX_KEY = 0x1p53;
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

    private final int limit; // EXACT_LIMIT; another only to measure other limits (ExactLimitCalibration)
    private double[] values; // exact mode: the values, [0, size) used; null until the first one
    private int size;
    private int sortedPrefix; // values[0, sortedPrefix) are sorted; what was added since is sorted when read
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
        this(EXACT_LIMIT);
    }

    private Quantiles(int limit) {
        this.limit = limit;
    }

    public static Quantiles empty() {
        return new Quantiles();
    }

    /** An empty state that stays exact up to {@code limit} values: only to measure what another limit would cost. */
    static Quantiles withLimit(int limit) {
        return new Quantiles(limit);
    }

    public static Quantiles fromBytes(byte[] bytes) {
        if (bytes == null || bytes.length == 0) {
            return empty();
        }
        if (bytes[0] == EXACT_DOUBLES_MARKER) {
            return decodeExact(bytes);
        }
        if (bytes[0] == EXACT_MARKER) {
            ByteBuffer in = ByteBuffer.wrap(bytes, 1, bytes.length - 1);
            int n = (bytes.length - 1) / Float.BYTES;
            Quantiles q = new Quantiles();
            q.values = new double[Math.max(n, 4)];
            for (int i = 0; i < n; i++) {
                q.values[i] = in.getFloat();
            }
            q.size = n;
            q.sortedPrefix = n; // written sorted
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
        } else if (size < limit) {
            if (values == null) {
                values = new double[4];
            } else if (size == values.length) {
                values = Arrays.copyOf(values, Math.min(limit, size * 2));
            }
            if (sortedPrefix == size && (size == 0 || v >= values[size - 1])) {
                sortedPrefix++;
            }
            values[size++] = v;
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
            sortedPrefix = 0;
        }
    }

    /**
     * An estimate of the heap this takes, for caches that keep states within a budget: the value array in
     * exact mode; in sketch mode the bucket array.
     */
    public long heapBytes() {
        if (counts == null) {
            return 40 + (values == null ? 0 : 16 + 8L * values.length);
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
     * The values at quantiles {@code qs} ({@code percentile_cont}'s interpolation, see the class), then of the order
     * statistics {@code ranks} (1-based, no interpolation), in one pass over a sketch's buckets (a cell's median,
     * p10, p90 and the two ends of the median's confidence interval).
     */
    public double[] quantilesAndOrderStatistics(double[] qs, long[] ranks) {
        long n = count();
        for (double q : qs) {
            if (!(q >= 0 && q <= 1)) {
                throw new IllegalArgumentException("The quantile must be between 0 and 1.");
            }
        }
        // the 0-based ranks to read: ⌊h⌋ and ⌈h⌉ of every quantile, then the order statistics asked for
        long[] wanted = new long[2 * qs.length + ranks.length];
        for (int i = 0; i < qs.length; i++) {
            double h = qs[i] * (n - 1);
            wanted[2 * i] = (long) Math.floor(h);
            wanted[2 * i + 1] = (long) Math.ceil(h);
        }
        for (int i = 0; i < ranks.length; i++) {
            wanted[2 * qs.length + i] = Math.max(0, Math.min(n - 1, ranks[i] - 1));
        }
        double[] at = counts == null ? exactValues(wanted) : sketchValues(wanted);
        double[] out = new double[qs.length + ranks.length];
        for (int i = 0; i < qs.length; i++) {
            out[i] = interpolate(qs[i], n, at[2 * i], at[2 * i + 1]);
        }
        System.arraycopy(at, 2 * qs.length, out, qs.length, ranks.length);
        return out;
    }

    /**
     * PostgreSQL's {@code percentile_cont} step: proportion = q·(n−1) − ⌊q·(n−1)⌋, then
     * {@code float8_lerp(lo, hi, proportion)} = lo + proportion·(hi − lo); the lower value alone when the two
     * ranks are one.
     */
    static double interpolate(double q, long n, double lo, double hi) {
        double h = q * (n - 1);
        double first = Math.floor(h);
        if (Math.ceil(h) == first) {
            return lo;
        }
        return lo + (h - first) * (hi - lo);
    }

    private double[] exactValues(long[] ranks) {
        sort();
        double[] out = new double[ranks.length];
        for (int i = 0; i < ranks.length; i++) {
            out[i] = values[(int) ranks[i]];
        }
        return out;
    }

    /**
     * The value of the bucket holding each order statistic (0-based ranks, zeros first): the first bucket whose
     * cumulative count passes the rank. One pass over the buckets for all of them, lowest rank first.
     */
    private double[] sketchValues(long[] ranks) {
        int k = ranks.length;
        double[] out = new double[k];
        int[] order = new int[k]; // the ranks' positions, lowest first (insertion sort: a handful of them)
        for (int i = 0; i < k; i++) {
            int j = i;
            while (j > 0 && ranks[order[j - 1]] > ranks[i]) {
                order[j] = order[j - 1];
                j--;
            }
            order[j] = i;
        }
        int next = 0;
        while (next < k && ranks[order[next]] < sketchZeros) {
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
            while (next < k && ranks[order[next]] < cumulative) {
                if (Double.isNaN(value)) {
                    value = MAPPING.value(index);
                }
                out[order[next++]] = value;
            }
        }
        while (next < k) { // a rank past the count (an empty sketch's): its highest bucket
            out[order[next++]] = hi >= lo ? MAPPING.value(hi) : 0;
        }
        return out;
    }

    /** Sorts what was added since the last sort (a batch's few tests) and merges it into the sorted prefix. */
    private void sort() {
        if (sortedPrefix >= size) {
            return;
        }
        Arrays.sort(values, sortedPrefix, size);
        if (sortedPrefix > 0 && values[sortedPrefix - 1] > values[sortedPrefix]) {
            double[] tail = Arrays.copyOfRange(values, sortedPrefix, size);
            int i = sortedPrefix - 1; // the prefix, from its end
            int j = tail.length - 1; // the tail, from its end
            for (int at = size - 1; j >= 0; at--) {
                values[at] = i >= 0 && values[i] > tail[j] ? values[i--] : tail[j--];
            }
        }
        sortedPrefix = size;
    }

    public byte[] toBytes() {
        if (counts == null) {
            return encodeExact();
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

    /** The exact encoding ({@link #EXACT_DOUBLES_MARKER}). */
    private byte[] encodeExact() {
        if (size == 0) {
            return new byte[] {EXACT_DOUBLES_MARKER}; // the empty sketch columns of a quarter's row (Projector.quarterRow)
        }
        sort();
        int scale = decimalScale();
        byte[] buf = new byte[2 + 5 + 10 * size];
        int at = 0;
        buf[at++] = EXACT_DOUBLES_MARKER;
        buf[at++] = (byte) scale;
        at = putVarLong(buf, at, size);
        long previous = 0;
        for (int i = 0; i < size; i++) {
            long key = scale == RAW_BITS ? Double.doubleToRawLongBits(values[i]) : Math.round(values[i] * POWERS_OF_TEN[scale]);
            at = putVarLong(buf, at, key - previous);
            previous = key;
        }
        return Arrays.copyOf(buf, at);
    }

    /**
     * The smallest s such that every value times 10^s is a whole number below 2^53 that divides back to exactly the
     * value (IEEE division is correctly rounded, so a value read from a decimal of s places always does), else
     * {@link #RAW_BITS}.
     */
    private int decimalScale() {
        int scale = 0;
        for (int i = 0; i < size; i++) {
            double v = values[i];
            while (scale <= MAX_SCALE && !wholeAt(v, scale)) {
                scale++;
            }
            if (scale > MAX_SCALE) {
                return RAW_BITS;
            }
        }
        return scale;
    }

    private static boolean wholeAt(double v, int scale) {
        double p = POWERS_OF_TEN[scale];
        double scaled = v * p;
        if (!(scaled < MAX_KEY)) {
            return false;
        }
        return Math.round(scaled) / p == v;
    }

    private static Quantiles decodeExact(byte[] bytes) {
        if (bytes.length == 1) {
            return empty();
        }
        try {
            ByteBuffer in = ByteBuffer.wrap(bytes, 1, bytes.length - 1);
            int scale = in.get() & 0xFF;
            if (scale > MAX_SCALE && scale != RAW_BITS) {
                throw new IllegalArgumentException("corrupt exact quantiles: scale " + scale);
            }
            long n = getVarLong(in);
            if (n > EXACT_LIMIT || n > in.remaining()) {
                throw new IllegalArgumentException("corrupt exact quantiles: " + n + " values in " + in.remaining() + " bytes");
            }
            Quantiles q = new Quantiles();
            q.values = new double[Math.max((int) n, 4)];
            long key = 0;
            for (int i = 0; i < n; i++) {
                key = Math.addExact(key, getVarLong(in));
                q.values[i] = scale == RAW_BITS ? Double.longBitsToDouble(key) : key / POWERS_OF_TEN[scale];
            }
            if (in.hasRemaining()) {
                throw new IllegalArgumentException("corrupt exact quantiles: " + in.remaining() + " bytes left over");
            }
            q.size = (int) n;
            q.sortedPrefix = q.size; // written sorted
            return q;
        } catch (java.nio.BufferUnderflowException | ArithmeticException e) {
            throw new IllegalArgumentException("corrupt exact quantiles", e);
        }
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
        Quantiles q = new Quantiles(limit);
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
        q.sortedPrefix = sortedPrefix;
        return q;
    }
}

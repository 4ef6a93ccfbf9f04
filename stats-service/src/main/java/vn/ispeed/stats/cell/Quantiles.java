package vn.ispeed.stats.cell;

import com.datadoghq.sketch.ddsketch.DDSketch;
import com.datadoghq.sketch.ddsketch.encoding.ByteArrayInput;
import com.datadoghq.sketch.ddsketch.encoding.GrowingByteArrayOutput;
import com.datadoghq.sketch.ddsketch.mapping.CubicallyInterpolatedMapping;
import com.datadoghq.sketch.ddsketch.mapping.IndexMapping;
import com.datadoghq.sketch.ddsketch.store.Store;
import com.datadoghq.sketch.ddsketch.store.UnboundedSizeDenseStore;

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
 * counts add). A cell moves to the sketch by adding its values to an empty sketch, which gives the
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
    private static final IndexMapping MAPPING = new CubicallyInterpolatedMapping(RELATIVE_ACCURACY);
    /** DDSketch counts a value at or below this in its zero bucket (and values are never negative here). */
    private static final double MIN_INDEXED = Math.max(0, MAPPING.minIndexableValue());

    private float[] values; // exact mode: the values, [0, size) used; null until the first one
    private int size;
    private boolean sorted = true;
    private DDSketch sketch; // sketch mode when non-null
    private long sketchCount; // values in the sketch, kept here: the library counts its buckets at every call
    private long sketchZeros; // of which in the sketch's zero bucket (values at or below MIN_INDEXED)

    private Quantiles() {
    }

    private Quantiles(DDSketch sketch, long count, long zeros) {
        this.sketch = sketch;
        this.sketchCount = count;
        this.sketchZeros = zeros;
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
        if (bytes[0] == SKETCH_MARKER) {
            return decodeSketch(bytes);
        }
        try {
            DDSketch sketch = DDSketch.decode(ByteArrayInput.wrap(bytes), Quantiles::newStore);
            long count = Math.round(sketch.getCount());
            return new Quantiles(sketch, count, count - Math.round(sketch.getPositiveValueStore().getTotalCount()));
        } catch (IOException e) {
            throw new UncheckedIOException("corrupt quantile sketch", e);
        }
    }

    public void add(double value) {
        double v = Math.max(0, value);
        if (sketch != null) {
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

    private void acceptIntoSketch(double v) {
        sketch.accept(v);
        sketchCount++;
        if (v <= MIN_INDEXED) {
            sketchZeros++;
        }
    }

    public void merge(Quantiles other) {
        if (other.sketch != null) {
            if (!other.sketch.isEmpty()) {
                toSketch().mergeWith(other.sketch);
                sketchCount += other.sketchCount;
                sketchZeros += other.sketchZeros;
            }
        } else {
            for (int i = 0; i < other.size; i++) {
                add(other.values[i]);
            }
        }
    }

    /**
     * A sketch's bucket counts: a dense array that grows by {@value #STORE_GROWTH} buckets when a value
     * falls outside it. The library's 64 made a speed sketch (300 to 900 buckets at 0.5%) copy its array
     * ten times or more while it filled or was decoded, a sixth of what the projection allocated; the
     * buckets, encoding and quantiles are the same whatever the growth step.
     */
    static final int STORE_GROWTH = 256;

    private static Store newStore() {
        return new UnboundedSizeDenseStore(STORE_GROWTH);
    }

    /** Moves to sketch mode: the exact values become the sketch's first values. */
    private DDSketch toSketch() {
        if (sketch == null) {
            // the mapping of DDSketches.unboundedDense, with a store that grows by bigger steps
            sketch = new DDSketch(MAPPING, Quantiles::newStore);
            sketchCount = 0;
            sketchZeros = 0;
            for (int i = 0; i < size; i++) {
                acceptIntoSketch(values[i]);
            }
            values = null;
            size = 0;
        }
        return sketch;
    }

    /**
     * An estimate of the heap this takes, for caches that keep states within a budget: the float array in
     * exact mode; in sketch mode a double per bucket between the lowest and the highest index of each store
     * (a dense store's array spans that range, plus its growth margin).
     */
    public long heapBytes() {
        if (sketch == null) {
            return 40 + (values == null ? 0 : 16 + 4L * values.length);
        }
        return 120 + storeBytes(sketch.getPositiveValueStore()) + storeBytes(sketch.getNegativeValueStore());
    }

    private static long storeBytes(Store store) {
        if (store.isEmpty()) {
            return 48;
        }
        long buckets = (long) store.getMaxIndex() - store.getMinIndex() + 1;
        return 64 + 8 * (buckets + STORE_GROWTH / 2 + 6); // on average half a growth step unused, plus the overhead
    }

    /** True while the values are kept exactly. */
    public boolean isExact() {
        return sketch == null;
    }

    public long count() {
        return sketch == null ? size : sketchCount;
    }

    public boolean isEmpty() {
        return sketch == null ? size == 0 : sketch.isEmpty();
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
        if (sketch == null) {
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
     * cumulative count passes it, zeros first) for several quantiles in one pass over the buckets. The library
     * counted every bucket, then walked them again, for each quantile.
     */
    private double[] sketchValues(double[] qs) {
        double n = sketchCount;
        double[] ranks = new double[qs.length];
        double[] out = new double[qs.length];
        boolean[] done = new boolean[qs.length];
        for (int i = 0; i < qs.length; i++) {
            if (qs[i] < 0 || qs[i] > 1) {
                throw new IllegalArgumentException("The quantile must be between 0 and 1.");
            }
            ranks[i] = qs[i] * (n - 1);
        }
        Store positive = sketch.getPositiveValueStore();
        double zeros = sketchZeros;
        int[] left = {qs.length};
        for (int i = 0; i < qs.length; i++) {
            if (zeros > ranks[i]) {
                out[i] = 0;
                done[i] = true;
                left[0]--;
            }
        }
        double[] cumulative = {zeros};
        positive.forEach((index, count) -> {
            if (left[0] == 0) {
                return;
            }
            cumulative[0] += count;
            for (int i = 0; i < ranks.length; i++) {
                if (!done[i] && cumulative[0] > ranks[i]) {
                    out[i] = MAPPING.value(index);
                    done[i] = true;
                    left[0]--;
                }
            }
        });
        for (int i = 0; i < qs.length; i++) {
            if (!done[i]) {
                out[i] = MAPPING.value(positive.getMaxIndex());
            }
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
        if (sketch == null) {
            sort();
            ByteBuffer out = ByteBuffer.allocate(1 + size * Float.BYTES);
            out.put(EXACT_MARKER);
            for (int i = 0; i < size; i++) {
                out.putFloat(values[i]);
            }
            return out.array();
        }
        Store positive = sketch.getPositiveValueStore();
        if (positive.isEmpty()) {
            return encodeSketch(sketchZeros, 0, new long[0]);
        }
        int min = positive.getMinIndex();
        long[] counts = new long[positive.getMaxIndex() - min + 1];
        long[] total = {0};
        boolean[] integral = {true};
        positive.forEach((index, count) -> {
            long c = (long) count;
            integral[0] &= c == count && c >= 0;
            counts[index - min] = c;
            total[0] += c;
        });
        if (!integral[0] || !sketch.getNegativeValueStore().isEmpty() || total[0] + sketchZeros != sketchCount) {
            // never the case for values added one by one; the library's own encoding stays correct for anything
            GrowingByteArrayOutput out = GrowingByteArrayOutput.withInitialCapacity(64);
            try {
                sketch.encode(out, false);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return out.trimmedCopy();
        }
        return encodeSketch(sketchZeros, min, counts);
    }

    private static byte[] encodeSketch(long zeros, int min, long[] counts) {
        byte[] buf = new byte[1 + 10 + 5 + 5 + counts.length * 10];
        int[] at = {0};
        buf[at[0]++] = SKETCH_MARKER;
        putVarLong(buf, at, zeros);
        putVarLong(buf, at, ((long) min << 1) ^ ((long) min >> 63)); // zigzag: indexes of values below 1 are negative
        putVarLong(buf, at, counts.length);
        for (long c : counts) {
            putVarLong(buf, at, c);
        }
        return Arrays.copyOf(buf, at[0]);
    }

    private static void putVarLong(byte[] buf, int[] at, long v) {
        while ((v & ~0x7FL) != 0) {
            buf[at[0]++] = (byte) ((v & 0x7F) | 0x80);
            v >>>= 7;
        }
        buf[at[0]++] = (byte) v;
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
            Store positive = newStore();
            long total = zeros;
            long[] counts = new long[n];
            for (int i = 0; i < n; i++) {
                counts[i] = getVarLong(in);
                total += counts[i];
            }
            if (in.hasRemaining()) {
                throw new IllegalArgumentException("corrupt quantile sketch: " + in.remaining() + " bytes left over");
            }
            if (n > 0) {
                // the highest bucket first, so the store's array spans the whole range at once
                positive.add(min + n - 1, counts[n - 1]);
                for (int i = 0; i < n - 1; i++) {
                    if (counts[i] != 0) {
                        positive.add(min + i, counts[i]);
                    }
                }
            }
            return new Quantiles(DDSketch.of(MAPPING, newStore(), positive, zeros), total, zeros);
        } catch (java.nio.BufferUnderflowException | ArithmeticException e) {
            throw new IllegalArgumentException("corrupt quantile sketch", e);
        }
    }

    public Quantiles copy() {
        if (sketch != null) {
            return new Quantiles(sketch.copy(), sketchCount, sketchZeros);
        }
        Quantiles q = new Quantiles();
        q.values = values == null ? null : values.clone();
        q.size = size;
        q.sorted = sorted;
        return q;
    }
}

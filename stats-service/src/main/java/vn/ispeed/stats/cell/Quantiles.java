package vn.ispeed.stats.cell;

import com.datadoghq.sketch.ddsketch.DDSketch;
import com.datadoghq.sketch.ddsketch.encoding.ByteArrayInput;
import com.datadoghq.sketch.ddsketch.encoding.GrowingByteArrayOutput;
import com.datadoghq.sketch.ddsketch.mapping.CubicallyInterpolatedMapping;
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

    private float[] values; // exact mode: the values, [0, size) used; null until the first one
    private int size;
    private boolean sorted = true;
    private DDSketch sketch; // sketch mode when non-null

    private Quantiles() {
    }

    private Quantiles(DDSketch sketch) {
        this.sketch = sketch;
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
        try {
            return new Quantiles(DDSketch.decode(ByteArrayInput.wrap(bytes), Quantiles::newStore));
        } catch (IOException e) {
            throw new UncheckedIOException("corrupt quantile sketch", e);
        }
    }

    public void add(double value) {
        double v = Math.max(0, value);
        if (sketch != null) {
            sketch.accept(v);
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
            toSketch().accept(v);
        }
    }

    public void merge(Quantiles other) {
        if (other.sketch != null) {
            if (!other.sketch.isEmpty()) {
                toSketch().mergeWith(other.sketch);
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
            sketch = new DDSketch(new CubicallyInterpolatedMapping(RELATIVE_ACCURACY), Quantiles::newStore);
            for (int i = 0; i < size; i++) {
                sketch.accept(values[i]);
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
        return sketch == null ? size : Math.round(sketch.getCount());
    }

    public boolean isEmpty() {
        return sketch == null ? size == 0 : sketch.isEmpty();
    }

    /** The value at quantile q (0..1); null when empty. */
    public Double quantile(double q) {
        if (isEmpty()) {
            return null;
        }
        return sketch == null ? exactAt(rank(q, size)) : sketch.getValueAtQuantile(q);
    }

    /** The values at several quantiles in one pass; null when empty. */
    public double[] quantiles(double... qs) {
        if (isEmpty()) {
            return null;
        }
        if (sketch != null) {
            return sketch.getValuesAtQuantiles(qs);
        }
        double[] out = new double[qs.length];
        for (int i = 0; i < qs.length; i++) {
            out[i] = exactAt(rank(qs[i], size));
        }
        return out;
    }

    /** The value of order statistic {@code rank} (1-based, 1..count). */
    public double orderStatistic(long rank) {
        long n = count();
        if (sketch == null) {
            return exactAt((int) Math.max(0, Math.min(n - 1, rank - 1)));
        }
        if (n <= 1) {
            return sketch.getValueAtQuantile(0);
        }
        return sketch.getValueAtQuantile((double) (rank - 1) / (n - 1));
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
        GrowingByteArrayOutput out = GrowingByteArrayOutput.withInitialCapacity(64);
        try {
            sketch.encode(out, false);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.trimmedCopy();
    }

    public Quantiles copy() {
        if (sketch != null) {
            return new Quantiles(sketch.copy());
        }
        Quantiles q = new Quantiles();
        q.values = values == null ? null : values.clone();
        q.size = size;
        q.sorted = sorted;
        return q;
    }
}

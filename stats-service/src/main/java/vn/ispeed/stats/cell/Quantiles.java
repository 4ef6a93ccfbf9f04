package vn.ispeed.stats.cell;

import com.datadoghq.sketch.ddsketch.DDSketch;
import com.datadoghq.sketch.ddsketch.DDSketches;
import com.datadoghq.sketch.ddsketch.encoding.ByteArrayInput;
import com.datadoghq.sketch.ddsketch.encoding.GrowingByteArrayOutput;
import com.datadoghq.sketch.ddsketch.store.UnboundedSizeDenseStore;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Mergeable quantiles of one metric: a DDSketch with 0.5% relative accuracy, so every quantile it
 * returns (median, p10, p90, the order statistics of the median's CI) lies within 0.5% of the true
 * value at that rank, and merging two cells' sketches is exact (bucket counts add).
 */
public final class Quantiles {
    public static final double RELATIVE_ACCURACY = 0.005;

    private final DDSketch sketch;

    private Quantiles(DDSketch sketch) {
        this.sketch = sketch;
    }

    public static Quantiles empty() {
        return new Quantiles(DDSketches.unboundedDense(RELATIVE_ACCURACY));
    }

    public static Quantiles fromBytes(byte[] bytes) {
        if (bytes == null || bytes.length == 0) {
            return empty();
        }
        try {
            return new Quantiles(DDSketch.decode(ByteArrayInput.wrap(bytes), UnboundedSizeDenseStore::new));
        } catch (IOException e) {
            throw new UncheckedIOException("corrupt quantile sketch", e);
        }
    }

    public void add(double value) {
        sketch.accept(Math.max(0, value));
    }

    public void merge(Quantiles other) {
        if (!other.sketch.isEmpty()) {
            sketch.mergeWith(other.sketch);
        }
    }

    public long count() {
        return Math.round(sketch.getCount());
    }

    public boolean isEmpty() {
        return sketch.isEmpty();
    }

    /** The value at quantile q (0..1); null when empty. */
    public Double quantile(double q) {
        return sketch.isEmpty() ? null : sketch.getValueAtQuantile(q);
    }

    /** The values at several quantiles in one pass; null when empty. */
    public double[] quantiles(double... qs) {
        return sketch.isEmpty() ? null : sketch.getValuesAtQuantiles(qs);
    }

    /** The value of order statistic {@code rank} (1-based, 1..count). */
    public double orderStatistic(long rank) {
        long n = count();
        if (n <= 1) {
            return sketch.getValueAtQuantile(0);
        }
        return sketch.getValueAtQuantile((double) (rank - 1) / (n - 1));
    }

    public byte[] toBytes() {
        GrowingByteArrayOutput out = GrowingByteArrayOutput.withInitialCapacity(64);
        try {
            sketch.encode(out, false);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.trimmedCopy();
    }

    public Quantiles copy() {
        return new Quantiles(sketch.copy());
    }
}

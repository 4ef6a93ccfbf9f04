package vn.ispeed.stats.cell;

import org.apache.datasketches.hll.HllSketch;
import org.apache.datasketches.hll.TgtHllType;
import org.apache.datasketches.hll.Union;
import org.apache.datasketches.memory.Memory;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Mergeable count of distinct devices: a DataSketches HyperLogLog with lgK = 12 (HLL_4). Below a
 * few hundred devices it keeps the hashed ids in list/set mode, so the small counts the publication
 * rule compares (10, 15, 30 devices) are exact; above that its relative standard error is
 * 1.04/√4096 ≈ 1.6%. A device counted in two children is counted once in their parent.
 *
 * <p>A new state lists its first {@link #PENDING_LIMIT} device ids before it builds a sketch: most of
 * what a batch adds to a cell is a few tests, and merging such a delta into the stored state then
 * updates the stored sketch with those ids, which sets the same registers (and gives the same
 * estimate) as a union of two sketches, without building a union's 4 KB gadget and converting its
 * result back to HLL_4 for every cell of every batch.
 */
public final class DistinctDevices {
    public static final int LG_K = 12;
    /** Ids a state lists before it builds its sketch. */
    static final int PENDING_LIMIT = 64;

    private HllSketch sketch; // null while the ids are only listed
    private byte[][] pending; // device ids in UTF-8 (never modified, so shared freely), [0, pendingSize) used
    private int pendingSize;

    private DistinctDevices(HllSketch sketch) {
        this.sketch = sketch;
    }

    public static DistinctDevices empty() {
        return new DistinctDevices(null);
    }

    public static DistinctDevices fromBytes(byte[] bytes) {
        if (bytes == null || bytes.length == 0) {
            return empty();
        }
        return new DistinctDevices(HllSketch.heapify(Memory.wrap(bytes)));
    }

    public void add(String deviceId) {
        add(deviceId.getBytes(StandardCharsets.UTF_8));
    }

    /** Counts a device by its id in UTF-8: the same hash as {@code HllSketch.update(String)}. */
    public void add(byte[] deviceId) {
        if (sketch == null) {
            if (pendingSize < PENDING_LIMIT) {
                if (pending == null) {
                    pending = new byte[4][];
                } else if (pendingSize == pending.length) {
                    pending = Arrays.copyOf(pending, pendingSize * 2);
                }
                pending[pendingSize++] = deviceId;
                return;
            }
            sketch();
        }
        sketch.update(deviceId);
    }

    /** The sketch, built from the listed ids the first time it is needed. */
    private HllSketch sketch() {
        if (sketch == null) {
            sketch = new HllSketch(LG_K, TgtHllType.HLL_4);
            for (int i = 0; i < pendingSize; i++) {
                sketch.update(pending[i]);
            }
            pending = null;
            pendingSize = 0;
        }
        return sketch;
    }

    public void merge(DistinctDevices other) {
        if (other.sketch == null) {
            for (int i = 0; i < other.pendingSize; i++) {
                add(other.pending[i]);
            }
            return;
        }
        if (other.sketch.isEmpty()) {
            return;
        }
        Union union = new Union(LG_K);
        union.update(sketch());
        union.update(other.sketch);
        sketch = union.getResult(TgtHllType.HLL_4);
    }

    public long estimate() {
        // the composite estimate depends only on the registers, so any order of merges gives the same count
        return Math.round(sketch().getCompositeEstimate());
    }

    /** An estimate of the heap this takes (a list or set of coupons while small, then 2,048 bytes of registers). */
    public long heapBytes() {
        return sketch == null ? 64 + 48L * pendingSize : 96 + sketch.getUpdatableSerializationBytes();
    }

    public DistinctDevices copy() {
        if (sketch == null) {
            DistinctDevices d = new DistinctDevices(null);
            d.pending = pending == null ? null : pending.clone();
            d.pendingSize = pendingSize;
            return d;
        }
        return new DistinctDevices(sketch.copy());
    }

    public byte[] toBytes() {
        return sketch().toCompactByteArray();
    }
}

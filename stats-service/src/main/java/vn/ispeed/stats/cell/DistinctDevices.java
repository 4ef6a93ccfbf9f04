package vn.ispeed.stats.cell;

import org.apache.datasketches.hll.HllSketch;
import org.apache.datasketches.hll.TgtHllType;
import org.apache.datasketches.hll.Union;
import org.apache.datasketches.memory.Memory;

/**
 * Mergeable count of distinct devices: a DataSketches HyperLogLog with lgK = 12 (HLL_4). Below a
 * few hundred devices it keeps the hashed ids in list/set mode, so the small counts the publication
 * rule compares (10, 15, 30 devices) are exact; above that its relative standard error is
 * 1.04/√4096 ≈ 1.6%. A device counted in two children is counted once in their parent.
 */
public final class DistinctDevices {
    public static final int LG_K = 12;

    private HllSketch sketch;

    private DistinctDevices(HllSketch sketch) {
        this.sketch = sketch;
    }

    public static DistinctDevices empty() {
        return new DistinctDevices(new HllSketch(LG_K, TgtHllType.HLL_4));
    }

    public static DistinctDevices fromBytes(byte[] bytes) {
        if (bytes == null || bytes.length == 0) {
            return empty();
        }
        return new DistinctDevices(HllSketch.heapify(Memory.wrap(bytes)));
    }

    public void add(String deviceId) {
        sketch.update(deviceId);
    }

    /** Counts a device by its id in UTF-8: the same hash as {@code HllSketch.update(String)}. */
    public void add(byte[] deviceId) {
        sketch.update(deviceId);
    }

    public void merge(DistinctDevices other) {
        if (other.sketch.isEmpty()) {
            return;
        }
        Union union = new Union(LG_K);
        union.update(sketch);
        union.update(other.sketch);
        sketch = union.getResult(TgtHllType.HLL_4);
    }

    public long estimate() {
        // the composite estimate depends only on the registers, so any order of merges gives the same count
        return Math.round(sketch.getCompositeEstimate());
    }

    /** An estimate of the heap this takes (a list or set of coupons while small, then 2,048 bytes of registers). */
    public long heapBytes() {
        return 96 + sketch.getUpdatableSerializationBytes();
    }

    public DistinctDevices copy() {
        return new DistinctDevices(sketch.copy());
    }

    public byte[] toBytes() {
        return sketch.toCompactByteArray();
    }
}

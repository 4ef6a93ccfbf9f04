package vn.ispeed.stats.projection;

import vn.ispeed.events.CoverageStatus;
import vn.ispeed.stats.cell.CellState;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The decoded states of the cells the projection wrote last, kept between batches with the row version
 * and announced status they were committed with, so a batch neither reads nor decodes a cell it wrote
 * before: it merges into the cached state and writes the next version, and the upsert only overwrites
 * the version this cache holds. If another writer changed the row meanwhile, the write finds fewer rows
 * than expected, the batch rolls back, the cache is emptied and the batch is applied again from what
 * is stored ({@link Projector}). A cached state is merged into in place, so any failed batch empties
 * the cache.
 *
 * <p>Bounded by an estimate of the heap the states take ({@link #weigh}, {@link CellState#heapBytes}), least
 * recently used first.
 * Not thread-safe: {@link Projector} holds its monitor around every use.
 */
final class HotCells {
    record Entry(long version, CoverageStatus announced, CellState state, long weight) {
    }

    private final long capacityBytes;
    private final Map<String, Entry> entries = new LinkedHashMap<>(1024, 0.75f, true);
    private long weight;

    HotCells(long capacityBytes) {
        this.capacityBytes = capacityBytes;
    }

    /**
     * The heap a cached cell takes, on the safe side: its state's estimate and a quarter more, plus 1 KB for the
     * objects around the arrays, the key and the map entry. Checked against the heap measured (used heap after GC,
     * {@code HotCellsCalibration}) for 20,000 to 200 states of 5, 30, 100, 500, 1,000 and 20,000 tests: 1.5 KB each
     * (weighed 2.4), 3.0 (5.1), 6.9 (9.4), 23.3 (30.1; 512 exact values of five metrics), 15.2 (20.1), 18.4 (23.8):
     * 1.3 to 1.7 times the heap. Live, the
     * 511 MiB the dev stack's 19,179 preloaded cells weighed before took 243 MB: the weight was twice the state's
     * estimate then, set when sketch buckets were doubles, and the budget held half the cells it had room for.
     */
    static long weigh(String key, CellState state) {
        long bytes = state.heapBytes();
        return bytes + bytes / 4 + 1_000 + 2L * key.length() + 120;
    }

    /** The cached entry of a cell, or null. */
    Entry get(String key) {
        return entries.get(key);
    }

    /** Remembers a state the projection has just committed at {@code version}. */
    void put(String key, long version, CoverageStatus announced, CellState state, long weight) {
        if (weight > capacityBytes) {
            remove(key);
            return;
        }
        Entry old = entries.put(key, new Entry(version, announced, state, weight));
        this.weight += weight - (old == null ? 0 : old.weight());
        Iterator<Entry> eldest = entries.values().iterator();
        while (this.weight > capacityBytes && eldest.hasNext()) {
            this.weight -= eldest.next().weight();
            eldest.remove();
        }
    }

    void remove(String key) {
        Entry old = entries.remove(key);
        if (old != null) {
            weight -= old.weight();
        }
    }

    void clear() {
        entries.clear();
        weight = 0;
    }

    /** Whether an entry of {@code weight} can be added without evicting one. */
    boolean fits(long weight) {
        return this.weight + weight <= capacityBytes;
    }

    int size() {
        return entries.size();
    }

    long weight() {
        return weight;
    }
}

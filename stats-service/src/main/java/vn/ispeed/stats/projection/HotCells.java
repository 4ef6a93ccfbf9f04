package vn.ispeed.stats.projection;

import vn.ispeed.stats.cell.CellState;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The decoded states of the cells the projection rewrites most (nation, provinces, districts: every
 * batch touches them), kept between batches with the row version they were written at. A batch reads
 * its cells' versions and only the uncached ones' sketches; a state is reused (as a copy) only when the stored version
 * is still the one this projection wrote, so another writer, a failed batch or a rebuild can never make
 * it serve a stale state. Least recently used entries go first (a lookup of the version counts as a use). Not thread-safe: {@link Projector}
 * holds its monitor around every use.
 */
final class HotCells {
    record Entry(long version, CellState state) {
    }

    private final int capacity;
    private final Map<String, Entry> entries;

    HotCells(int capacity) {
        this.capacity = capacity;
        this.entries = new LinkedHashMap<>(Math.max(16, capacity / 2), 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Entry> eldest) {
                return size() > HotCells.this.capacity;
            }
        };
    }

    /** A copy of the cached state when it was written at {@code version}; null otherwise. */
    CellState reuse(String key, long version) {
        Entry e = entries.get(key);
        if (e == null || e.version() != version) {
            return null;
        }
        return e.state().copy();
    }

    /** The version the cached state was written at, or -1 when none is cached. */
    long versionOf(String key) {
        Entry e = entries.get(key);
        return e == null ? -1 : e.version();
    }

    void remove(String key) {
        entries.remove(key);
    }

    /** Remembers a state the projection has just committed at {@code version}. */
    void put(String key, long version, CellState state) {
        if (capacity > 0) {
            entries.put(key, new Entry(version, state));
        }
    }

    void clear() {
        entries.clear();
    }

    int size() {
        return entries.size();
    }
}

package vn.ispeed.stats.cell;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import vn.ispeed.events.NetworkType;
import vn.ispeed.stats.config.StatsConfig;
import vn.ispeed.stats.period.Period;
import vn.ispeed.stats.projection.ProjectionVersion;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Read-through cache of cell figures, valid for one projection version: every committed batch
 * (and a rebuild swap) bumps the version and so empties it. Between batches — the normal state of a
 * read replica or of a caught-up projection — a repeated question costs no database round trip.
 * Concurrent misses of the same question share one query.
 */
@ApplicationScoped
public class CellCache {
    private static final int MAX_ENTRIES = 20_000;

    private final CellReader reader;
    private final ProjectionVersion version;
    private final boolean enabled;
    private final Map<String, Uni<Map<String, Figures>>> entries = new ConcurrentHashMap<>();
    private volatile long entriesVersion = -1;

    public CellCache(CellReader reader, ProjectionVersion version, StatsConfig config) {
        this.reader = reader;
        this.version = version;
        this.enabled = config.coverage().cacheEnabled();
    }

    public Uni<Map<String, Figures>> figures(String set, NetworkType network, String operator, Period period, CellReader.Selection sel) {
        if (!enabled) {
            return reader.figures(set, network, operator, period, sel);
        }
        long v = version.current();
        if (v != entriesVersion || entries.size() > MAX_ENTRIES) {
            synchronized (this) {
                if (v != entriesVersion || entries.size() > MAX_ENTRIES) {
                    entries.clear();
                    entriesVersion = v;
                }
            }
        }
        String key = set + '|' + network + '|' + operator + '|' + period.label() + '|' + period.month() + '|' + sel;
        return entries.computeIfAbsent(key, k -> reader.figures(set, network, operator, period, sel)
                .onFailure().invoke(() -> entries.remove(k))
                .memoize().indefinitely());
    }
}

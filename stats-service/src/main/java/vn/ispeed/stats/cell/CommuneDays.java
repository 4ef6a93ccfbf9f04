package vn.ispeed.stats.cell;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import vn.ispeed.events.Metrics;
import vn.ispeed.events.NetworkType;
import vn.ispeed.stats.config.StatsConfig;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A commune's day, answered from its facts instead of a stored cell. Those were most of the rows the projection
 * wrote (0.39 of its 0.86 row writes per event on 1 M facts, nearly every one a new row of two or three tests)
 * and three quarters of the cell table, for the cells read least. A day of one commune is a short range of the
 * index {@code fact_commune_day}; its tests are folded with the projection's own {@link CellState}, so the
 * figures are those the stored cell held (exact order statistics up to 32 tests, the same sketch above).
 * The reactive SQL client, not Panache: the query binds a text array ({@code = ANY}), and the rows go straight
 * into the fold.
 */
@ApplicationScoped
public class CommuneDays {
    private static final String SQL = "SELECT commune_code, device_id, download_kbps, upload_kbps, latency_ms, jitter_ms,"
            + " loss_pct FROM fact WHERE boundary_set = $1 AND commune_code = ANY($2) AND network = $3"
            + " AND measured_at >= $4 AND measured_at < $5";

    private final Pool pool;
    private final ZoneId zone;

    public CommuneDays(Pool pool, StatsConfig config) {
        this.pool = pool;
        this.zone = ZoneId.of(config.zone());
    }

    /** The figures of each commune with at least one test on {@code day} (in the configured zone). */
    public Uni<Map<String, Figures>> figures(String set, NetworkType network, LocalDate day, List<String> communes) {
        if (communes.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        OffsetDateTime from = day.atStartOfDay(zone).toOffsetDateTime();
        OffsetDateTime to = day.plusDays(1).atStartOfDay(zone).toOffsetDateTime();
        return pool.preparedQuery(SQL)
                .execute(Tuple.of(set, communes.toArray(String[]::new), network.name(), from, to))
                .map(rows -> {
                    Map<String, CellState> states = new HashMap<>();
                    for (Row r : rows) {
                        states.computeIfAbsent(r.getString(0), c -> CellState.empty())
                                .add(r.getString(1), new Metrics(r.getDouble(2), r.getDouble(3), r.getDouble(4),
                                        r.getDouble(5), r.getDouble(6)));
                    }
                    Map<String, Figures> out = new LinkedHashMap<>();
                    for (String c : communes) {
                        CellState s = states.get(c);
                        if (s != null) {
                            out.put(c, s.figures());
                        }
                    }
                    return out;
                });
    }
}

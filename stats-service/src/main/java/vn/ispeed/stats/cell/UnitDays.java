package vn.ispeed.stats.cell;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import vn.ispeed.events.Metrics;
import vn.ispeed.events.NetworkType;
import vn.ispeed.stats.catalogue.Unit;
import vn.ispeed.stats.config.StatsConfig;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The day of a commune, district or province, answered from its facts instead of a stored cell (only the nation's
 * days are stored). A commune's days were most of the rows the projection wrote (0.39 of its 0.86 row writes per
 * event on 1 M facts, nearly every one a new row of two or three tests). A province's and a district's days were
 * rewritten by nearly every batch, since a batch holds tests of every recent day: live at 2,000 tests/s they were
 * a quarter of the rows written and a third of the bytes. A unit's day is a short range of the fact index of its
 * level ({@code fact_commune_day}, {@code fact_district_day}, {@code fact_province_day}: set, unit, network,
 * time); its tests are folded with the projection's own {@link CellState}, so the figures are those a stored cell
 * would hold (exact order statistics up to 32 tests, the same sketch above). The reactive SQL client, not
 * Panache: the query binds a text array ({@code = ANY}), and the rows go straight into the fold.
 */
@ApplicationScoped
public class UnitDays {
    /** The levels whose days are read from facts, with the query of each (its fact column names a fact's unit there). */
    private static final Map<String, String> SQL = Map.of(Unit.COMMUNE, sql("commune_code"),
            Unit.DISTRICT, sql("district_code"), Unit.PROVINCE, sql("province_code"));

    private static String sql(String column) {
        return "SELECT " + column + ", device_id, download_kbps, upload_kbps, latency_ms, jitter_ms, loss_pct"
                + " FROM fact WHERE boundary_set = $1 AND " + column + " = ANY($2) AND network = $3"
                + " AND measured_at >= $4 AND measured_at < $5";
    }

    private final Pool pool;
    private final ZoneId zone;

    public UnitDays(Pool pool, StatsConfig config) {
        this.pool = pool;
        this.zone = ZoneId.of(config.zone());
    }

    /** Whether a day of a unit at this level is read from facts (not a stored cell). */
    public static boolean fromFacts(String level) {
        return SQL.containsKey(level);
    }

    /** The figures of each unit (all at {@code level}) with at least one test on {@code day} (in the configured zone). */
    public Uni<Map<String, Figures>> figures(String set, NetworkType network, LocalDate day, String level, List<String> units) {
        String sql = SQL.get(level);
        if (sql == null) {
            throw new IllegalArgumentException("the days of a " + level + " are stored cells");
        }
        if (units.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        OffsetDateTime from = day.atStartOfDay(zone).toOffsetDateTime();
        OffsetDateTime to = day.plusDays(1).atStartOfDay(zone).toOffsetDateTime();
        return pool.preparedQuery(sql)
                .execute(Tuple.of(set, units.toArray(String[]::new), network.name(), from, to))
                .map(rows -> {
                    Map<String, CellState> states = new HashMap<>();
                    for (Row r : rows) {
                        states.computeIfAbsent(r.getString(0), c -> CellState.empty())
                                .add(r.getString(1), new Metrics(r.getDouble(2), r.getDouble(3), r.getDouble(4),
                                        r.getDouble(5), r.getDouble(6)));
                    }
                    Map<String, Figures> out = new LinkedHashMap<>();
                    for (String u : units) {
                        CellState s = states.get(u);
                        if (s != null) {
                            out.put(u, s.figures());
                        }
                    }
                    return out;
                });
    }
}

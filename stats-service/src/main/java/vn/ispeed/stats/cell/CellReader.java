package vn.ispeed.stats.cell;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import vn.ispeed.events.NetworkType;
import vn.ispeed.stats.period.Period;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads cells for the API through Hibernate Reactive Panache. A stored period reads the
 * materialised figures; "last 12 months" reads the twelve month cells' sketches and merges them
 * (quantiles and distinct devices merge exactly as the sketches do, counts and sums add).
 */
@ApplicationScoped
public class CellReader {

    /** Which cells: by units, by parent, by level, or one unit's operators. */
    public record Selection(String where, List<Object> params, boolean byOperator) {
        public static Selection units(List<String> codes) {
            return new Selection("unitCode in ?%d", List.of(codes), false);
        }

        public static Selection parent(String code) {
            return new Selection("parentCode = ?%d", List.of(code), false);
        }

        public static Selection level(String level) {
            return new Selection("level = ?%d", List.of(level), false);
        }

        public static Selection levelInProvince(String level, String province) {
            return new Selection("level = ?%d and provinceCode = ?%d", List.of(level, province), false);
        }

        public static Selection operatorsOf(String unit) {
            return new Selection("unitCode = ?%d", List.of(unit), true);
        }
    }

    /** The figures of the selected cells, keyed by unit code (or operator for {@link Selection#operatorsOf}). */
    @WithSession
    public Uni<Map<String, Figures>> figures(String set, NetworkType network, String operator, Period period, Selection sel) {
        List<Object> params = new ArrayList<>();
        params.add(set);
        params.add(network.name());
        StringBuilder q = new StringBuilder("boundarySet = ?1 and network = ?2");
        if (sel.byOperator()) {
            q.append(" and operator <> ?3");
            params.add(CellKey.ALL_OPERATORS);
        } else {
            q.append(" and operator = ?3");
            params.add(operator == null ? CellKey.ALL_OPERATORS : operator);
        }
        int next = 4;
        if (period.derived()) {
            q.append(" and period in ?").append(next++);
            params.add(period.mergedMonths());
        } else {
            q.append(" and period = ?").append(next++);
            params.add(period.label());
        }
        String where = sel.where();
        for (Object p : sel.params()) {
            where = where.replaceFirst("%d", String.valueOf(next++));
            params.add(p);
        }
        q.append(" and ").append(where);
        Object[] args = params.toArray();
        if (!period.derived()) {
            return CellEntity.<CellEntity>list(q.toString(), args).map(rows -> {
                Map<String, Figures> out = new LinkedHashMap<>();
                for (CellEntity c : rows) {
                    out.put(sel.byOperator() ? c.operator : c.unitCode, c.figures());
                }
                return out;
            });
        }
        return CellStateEntity.<CellStateEntity>list(q.toString(), args).map(rows -> {
            Map<String, CellState> merged = new HashMap<>();
            for (CellStateEntity c : rows) {
                String k = sel.byOperator() ? c.operator : c.unitCode;
                CellState s = c.state();
                merged.merge(k, s, (a, b) -> {
                    a.merge(b);
                    return a;
                });
            }
            Map<String, Figures> out = new LinkedHashMap<>();
            merged.forEach((k, s) -> out.put(k, s.figures()));
            return out;
        });
    }

    /** Monthly figures of one unit, keyed by month label. */
    @WithSession
    public Uni<Map<String, Figures>> series(String set, String unit, NetworkType network, String operator, List<String> months) {
        return CellEntity.<CellEntity>list("boundarySet = ?1 and unitCode = ?2 and network = ?3 and operator = ?4 and period in ?5",
                set, unit, network.name(), operator == null ? CellKey.ALL_OPERATORS : operator, months).map(rows -> {
                    Map<String, Figures> out = new HashMap<>();
                    rows.forEach(c -> out.put(c.period, c.figures()));
                    return out;
                });
    }
}

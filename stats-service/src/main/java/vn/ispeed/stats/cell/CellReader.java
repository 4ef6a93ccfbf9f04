package vn.ispeed.stats.cell;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import vn.ispeed.events.NetworkType;
import vn.ispeed.stats.catalogue.Unit;
import vn.ispeed.stats.catalogue.UnitCatalogue;
import vn.ispeed.stats.period.Period;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads cells for the API through Hibernate Reactive Panache. A stored period reads the
 * materialised figures; "last 12 months", and one operator's quarter, read the month cells' sketches and
 * merge them (quantiles and distinct devices merge exactly as the sketches do, counts and sums add). The day of a
 * commune, district or province is read from its facts ({@link UnitDays}); only the nation's days are stored.
 */
@ApplicationScoped
public class CellReader {
    private final UnitCatalogue catalogue;
    private final UnitDays unitDays;

    public CellReader(UnitCatalogue catalogue, UnitDays unitDays) {
        this.catalogue = catalogue;
        this.unitDays = unitDays;
    }

    /** Which cells: by units (primary-key lookups), by parent, by level, or one unit's operators (a key range). */
    public record Selection(List<String> units, String level, String parent, String operatorsOf) {
        public static Selection units(List<String> codes) {
            return new Selection(codes, null, null, null);
        }

        /** The children of {@code parent}, all at {@code childLevel}: a prefix of the one secondary index. */
        public static Selection children(String childLevel, String parent) {
            return new Selection(null, childLevel, parent, null);
        }

        public static Selection level(String level) {
            return new Selection(null, level, null, null);
        }

        public static Selection operatorsOf(String unit) {
            return new Selection(null, null, null, unit);
        }
    }

    /** The figures of the selected cells, keyed by unit code (or operator for {@link Selection#operatorsOf}). */
    @WithSession
    public Uni<Map<String, Figures>> figures(String set, NetworkType network, String operator, Period period, Selection sel) {
        if (sel.units() != null && sel.units().isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        String op = operator == null ? CellKey.ALL_OPERATORS : operator;
        if (period.kind() == Period.Kind.DAY && CellKey.ALL_OPERATORS.equals(op) && sel.operatorsOf() == null) {
            Uni<Map<String, Figures>> fromFacts = unitDays(set, network, period, sel);
            if (fromFacts != null) {
                return fromFacts;
            }
        }
        boolean byOperator = sel.operatorsOf() != null;
        boolean fromMonths = period.mergedFromMonths(byOperator || !CellKey.ALL_OPERATORS.equals(op));
        List<String> periods = fromMonths ? period.mergedMonths() : List.of(period.label());
        String q;
        Object[] args;
        if (sel.units() != null) {
            List<String> keys = new ArrayList<>();
            for (String unit : sel.units()) {
                for (String p : periods) {
                    keys.add(CellKey.key(set, unit, network, op, p));
                }
            }
            q = "cellKey in ?1";
            args = new Object[] {keys};
        } else if (byOperator) {
            // keys set|unit|NETWORK|operator|period sort together in the C collation: '}' follows '|'
            String prefix = set + '|' + sel.operatorsOf() + '|' + network + '|';
            q = "cellKey >= ?1 and cellKey < ?2 and operator <> ?3 and period in ?4";
            args = new Object[] {prefix, prefix.substring(0, prefix.length() - 1) + '}', CellKey.ALL_OPERATORS, periods};
        } else if (sel.parent() != null) {
            // index cell_by_level: (boundary_set, period, network, operator, level, parent_code)
            q = "boundarySet = ?1 and network = ?2 and operator = ?3 and period in ?4 and level = ?5 and parentCode = ?6";
            args = new Object[] {set, network.name(), op, periods, sel.level(), sel.parent()};
        } else {
            q = "boundarySet = ?1 and network = ?2 and operator = ?3 and period in ?4 and level = ?5";
            args = new Object[] {set, network.name(), op, periods, sel.level()};
        }
        if (!fromMonths) {
            return CellEntity.<CellEntity>list(q, args).map(rows -> {
                Map<String, Figures> out = new LinkedHashMap<>();
                for (CellEntity c : rows) {
                    out.put(byOperator ? c.operator : c.unitCode, c.figures());
                }
                return out;
            });
        }
        return CellStateEntity.<CellStateEntity>list(q, args).map(rows -> {
            Map<String, CellState> merged = new HashMap<>();
            for (CellStateEntity c : rows) {
                String k = byOperator ? c.operator : c.unitCode;
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

    /**
     * The days of communes, districts and provinces are not stored (see {@link UnitDays}): the selected units' days
     * from their facts, with the nation's from its cells; null when the selection holds only the nation.
     */
    private Uni<Map<String, Figures>> unitDays(String set, NetworkType network, Period period, Selection sel) {
        UnitCatalogue.BoundarySet units = catalogue.set(set).orElse(null);
        if (units == null) {
            return null;
        }
        LocalDate day = LocalDate.parse(period.label());
        if (sel.units() == null) {
            if (!UnitDays.fromFacts(sel.level())) {
                return null;
            }
            List<Unit> atLevel = sel.parent() == null ? units.atLevel(sel.level()) : units.children(sel.parent());
            return unitDays.figures(set, network, day, sel.level(), atLevel.stream()
                    .filter(u -> sel.level().equals(u.level())).map(Unit::code).toList());
        }
        Map<String, List<String>> byLevel = new LinkedHashMap<>();
        List<String> stored = new ArrayList<>();
        for (String code : sel.units()) {
            String level = units.unit(code).map(Unit::level).orElse(null);
            if (level != null && UnitDays.fromFacts(level)) {
                byLevel.computeIfAbsent(level, l -> new ArrayList<>()).add(code);
            } else {
                stored.add(code);
            }
        }
        if (byLevel.isEmpty()) {
            return null;
        }
        Uni<Map<String, Figures>> out = stored.isEmpty() ? Uni.createFrom().item(new LinkedHashMap<>())
                : figures(set, network, null, period, Selection.units(stored)).map(LinkedHashMap::new);
        for (Map.Entry<String, List<String>> level : byLevel.entrySet()) {
            out = out.flatMap(acc -> unitDays.figures(set, network, day, level.getKey(), level.getValue()).map(days -> {
                acc.putAll(days);
                return acc;
            }));
        }
        return out;
    }

    /** Monthly figures of one unit, keyed by month label. */
    @WithSession
    public Uni<Map<String, Figures>> series(String set, String unit, NetworkType network, String operator, List<String> months) {
        String op = operator == null ? CellKey.ALL_OPERATORS : operator;
        List<String> keys = months.stream().map(m -> CellKey.key(set, unit, network, op, m)).toList();
        return CellEntity.<CellEntity>list("cellKey in ?1", keys).map(rows -> {
                    Map<String, Figures> out = new HashMap<>();
                    rows.forEach(c -> out.put(c.period, c.figures()));
                    return out;
                });
    }
}

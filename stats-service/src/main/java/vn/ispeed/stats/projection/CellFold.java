package vn.ispeed.stats.projection;

import vn.ispeed.events.MeasurementLocated;
import vn.ispeed.events.NetworkType;
import vn.ispeed.events.UnitRef;
import vn.ispeed.stats.catalogue.Unit;
import vn.ispeed.stats.cell.CellKey;
import vn.ispeed.stats.cell.CellState;
import vn.ispeed.stats.period.Period;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The pure fold of located tests into cell deltas: one test updates, directly, the cells of every
 * unit on its path and the nation (so a parent merges exactly the tests of its children), for all
 * operators and its own operator, for its month (and the nation's day). Per-operator cells are kept for
 * months only: an operator's day in one commune is almost always a cell of one test, and those cells
 * would double the rows the projection writes; an operator's quarter is its three months merged when
 * read (as last12m is), which saves a quarter of the rows every batch writes (see README). A quarter of all
 * operators is not folded either: the projector derives its row from its months ({@code Projector.quarterRow}),
 * without sketches. Folded, its sketches were a third of the bytes every batch wrote. Only the nation's days
 * are cells: the day of a commune, district or province is read from its facts ({@code UnitDays}). Communes' days
 * were almost half of the rows every batch wrote, nearly all of them new rows of two or three tests; provinces' and
 * districts' days were rewritten by nearly every batch (a batch holds tests of every recent day).
 */
public final class CellFold {
    private final ZoneId zone;
    private final Map<String, Delta> deltas = new LinkedHashMap<>();
    // per-batch lookups so a test costs no string building or date formatting per cell: a batch touches
    // each cell many times, and about a dozen cells per test
    private final Map<Coordinates, Delta> byCoordinates = new HashMap<>();
    private final Map<LocalDate, List<Period>> periods = new HashMap<>();

    public CellFold(ZoneId zone) {
        this.zone = zone;
    }

    /** A cell touched by the batch and what the batch adds to it. */
    public record Delta(CellKey key, CellState state) {
    }

    /** What identifies a cell ({@link CellKey#key}) without building the string. */
    private record Coordinates(String set, String unit, NetworkType network, String operator, String period) {
    }

    public void add(MeasurementLocated e) {
        LocalDate date = LocalDate.ofInstant(e.measuredAt(), zone);
        List<Period> dayMonthQuarter = periods.computeIfAbsent(date, Period::containing);
        List<String> operators = e.network().operatorKnown()
                ? List.of(CellKey.ALL_OPERATORS, e.network().operator())
                : List.of(CellKey.ALL_OPERATORS);
        byte[] device = e.deviceId().getBytes(StandardCharsets.UTF_8);
        NetworkType network = e.network().type();
        for (UnitLevel u : levels(e)) {
            for (String op : operators) {
                for (Period p : dayMonthQuarter) {
                    if (p.kind() == Period.Kind.QUARTER) {
                        continue; // a quarter is derived from its months (Projector.quarterRow, merged when read per operator)
                    }
                    if (p.kind() == Period.Kind.DAY && !CellKey.ALL_OPERATORS.equals(op)) {
                        continue; // an operator's day is not stored
                    }
                    if (p.kind() == Period.Kind.DAY && !Unit.NATION.equals(u.level)) {
                        continue; // a commune's, district's or province's day is read from its facts (UnitDays)
                    }
                    Delta delta = byCoordinates.get(new Coordinates(e.boundarySet(), u.code, network, op, p.label()));
                    if (delta == null) {
                        CellKey key = new CellKey(e.boundarySet(), u.code, u.name, u.level, u.parent, u.province,
                                network, op, p.label(), p.kind().name());
                        delta = new Delta(key, CellState.empty());
                        byCoordinates.put(new Coordinates(e.boundarySet(), u.code, network, op, p.label()), delta);
                        deltas.put(key.key(), delta);
                    }
                    delta.state().add(device, e.metrics());
                }
            }
        }
    }

    public Map<String, Delta> deltas() {
        return deltas;
    }

    private record UnitLevel(String code, String name, String level, String parent, String province) {
    }

    private static List<UnitLevel> levels(MeasurementLocated e) {
        List<UnitLevel> out = new ArrayList<>(e.path().size() + 1);
        out.add(new UnitLevel(Unit.NATION_CODE, "Việt Nam", Unit.NATION, null, null));
        String province = e.path().get(0).code();
        String parent = Unit.NATION_CODE;
        for (UnitRef ref : e.path()) {
            out.add(new UnitLevel(ref.code(), ref.name(), ref.level(), parent, province));
            parent = ref.code();
        }
        return out;
    }
}

package vn.ispeed.stats.api;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import vn.ispeed.events.NetworkType;
import vn.ispeed.stats.catalogue.Unit;
import vn.ispeed.stats.catalogue.UnitCatalogue;
import vn.ispeed.stats.cell.CellCache;
import vn.ispeed.stats.cell.CellKey;
import vn.ispeed.stats.cell.CellReader;
import vn.ispeed.stats.cell.Figures;
import vn.ispeed.stats.config.StatsConfig;
import vn.ispeed.stats.period.Period;
import vn.ispeed.stats.publication.Publication;
import vn.ispeed.stats.publication.PublicationRule;
import vn.ispeed.stats.security.Viewer;

import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/** The statistics queries: one cell, a unit's children, its operators, its monthly series. */
@ApplicationScoped
public class StatsService {
    private static final int MAX_SERIES_MONTHS = 120;

    private final UnitCatalogue catalogue;
    private final CellCache cache;
    private final CellReader reader;
    private final PublicationRule rule;
    private final ZoneId zone;

    public StatsService(UnitCatalogue catalogue, CellCache cache, CellReader reader, PublicationRule rule, StatsConfig config) {
        this.cache = cache;
        this.catalogue = catalogue;
        this.reader = reader;
        this.rule = rule;
        this.zone = ZoneId.of(config.zone());
    }

    public record Query(UnitCatalogue.BoundarySet set, Unit unit, NetworkType network, Period period, String operator) {
    }

    public Query query(String set, String code, String network, String period, String operator) {
        UnitCatalogue.BoundarySet s = RequestParams.set(catalogue, set);
        Unit u = RequestParams.unit(s, code);
        Period p = RequestParams.period(period, zone);
        String op = RequestParams.operator(operator);
        if (op != null && p.kind() == Period.Kind.DAY) {
            throw ApiProblem.validation("operator", "operator figures exist per month, quarter and last12m, not per day");
        }
        return new Query(s, u, RequestParams.network(network), p, op);
    }

    public Uni<CellView> unit(Query q, Viewer viewer) {
        return cache.figures(q.set().name(), q.network(), q.operator(), q.period(), CellReader.Selection.units(List.of(q.unit().code())))
                .map(found -> view(q, q.unit(), found.getOrDefault(q.unit().code(), Figures.none()), viewer));
    }

    public record Children(CellView parent, List<CellView> children) {
    }

    public Uni<Children> children(Query q, Viewer viewer) {
        List<Unit> units = q.set().children(q.unit().code());
        return cache.figures(q.set().name(), q.network(), q.operator(), q.period(), CellReader.Selection.units(List.of(q.unit().code())))
                .flatMap(own -> cache.figures(q.set().name(), q.network(), q.operator(), q.period(),
                                units.isEmpty() ? CellReader.Selection.units(List.of())
                                        : CellReader.Selection.children(units.get(0).level(), q.unit().code()))
                        .map(found -> {
                            List<CellView> out = new ArrayList<>(units.size());
                            for (Unit u : units) {
                                out.add(view(q, u, found.getOrDefault(u.code(), Figures.none()), viewer));
                            }
                            return new Children(view(q, q.unit(), own.getOrDefault(q.unit().code(), Figures.none()), viewer), out);
                        }));
    }

    public record OperatorRank(int rank, String operator, CellView cell) {
    }

    /** Operators of a unit whose own cell is published, by median download, fastest first. */
    public Uni<List<OperatorRank>> operators(Query q, Viewer viewer) {
        return cache.figures(q.set().name(), q.network(), null, q.period(), CellReader.Selection.operatorsOf(q.unit().code()))
                .map(found -> {
                    List<CellView> published = new ArrayList<>();
                    found.forEach((op, f) -> {
                        Publication p = rule.evaluate(q.unit().level(), q.network(), f);
                        if (p.published()) {
                            published.add(CellView.of(q.unit(), q.network().name(), op, q.period().label(), f, p, viewer));
                        }
                    });
                    published.sort(Comparator.comparingDouble((CellView c) -> c.downloadKbps().median()).reversed());
                    List<OperatorRank> ranks = new ArrayList<>();
                    for (int i = 0; i < published.size(); i++) {
                        ranks.add(new OperatorRank(i + 1, published.get(i).operator(), published.get(i)));
                    }
                    return ranks;
                });
    }

    public Uni<List<CellView>> series(String set, String code, String network, String from, String to, String operator, Viewer viewer) {
        UnitCatalogue.BoundarySet s = RequestParams.set(catalogue, set);
        Unit u = RequestParams.unit(s, code);
        NetworkType n = RequestParams.network(network);
        String op = RequestParams.operator(operator);
        YearMonth end = to == null || to.isBlank() ? YearMonth.now(zone) : month(to, "to");
        YearMonth start = from == null || from.isBlank() ? end.minusMonths(11) : month(from, "from");
        if (start.isAfter(end)) {
            throw ApiProblem.validation("from", "from must not be after to");
        }
        if (start.plusMonths(MAX_SERIES_MONTHS).isBefore(end)) {
            throw ApiProblem.validation("from", "a series spans at most " + MAX_SERIES_MONTHS + " months");
        }
        List<String> months = new ArrayList<>();
        for (YearMonth m = start; !m.isAfter(end); m = m.plusMonths(1)) {
            months.add(m.toString());
        }
        return reader.series(s.name(), u.code(), n, op, months).map(found -> {
            List<CellView> out = new ArrayList<>();
            for (String m : months) {
                Figures f = found.getOrDefault(m, Figures.none());
                out.add(CellView.of(u, n.name(), op == null ? CellKey.ALL_OPERATORS : op, m, f, rule.evaluate(u.level(), n, f), viewer));
            }
            return out;
        });
    }

    private static YearMonth month(String text, String field) {
        try {
            return Period.parseMonth(text, field);
        } catch (IllegalArgumentException e) {
            throw ApiProblem.validation(field, e.getMessage());
        }
    }

    private CellView view(Query q, Unit u, Figures f, Viewer viewer) {
        Publication p = rule.evaluate(u.level(), q.network(), f);
        return CellView.of(u, q.network().name(), q.operator() == null ? CellKey.ALL_OPERATORS : q.operator(),
                q.period().label(), f, p, viewer);
    }

    Map<String, Figures> none() {
        return Map.of();
    }
}

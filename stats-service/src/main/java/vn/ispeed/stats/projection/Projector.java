package vn.ispeed.stats.projection;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import vn.ispeed.events.CoverageChanged;
import vn.ispeed.events.CoverageStatus;
import vn.ispeed.events.EventCodec;
import vn.ispeed.events.LocationEvent;
import vn.ispeed.events.MeasurementLocated;
import vn.ispeed.events.MeasurementUnlocated;
import vn.ispeed.events.Topics;
import vn.ispeed.events.UnitRef;
import vn.ispeed.stats.catalogue.Unit;
import vn.ispeed.stats.cell.CellKey;
import vn.ispeed.stats.cell.CellState;
import vn.ispeed.stats.cell.DistinctDevices;
import vn.ispeed.stats.cell.Figures;
import vn.ispeed.stats.cell.Quantiles;
import vn.ispeed.stats.cell.Stat;
import vn.ispeed.stats.config.StatsConfig;
import vn.ispeed.stats.period.Period;
import vn.ispeed.stats.publication.Publication;
import vn.ispeed.stats.publication.PublicationRule;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Applies one poll batch of {@code measurements-located} to the projection in ONE transaction, in two
 * halves. {@link #stage}: facts inserted ON CONFLICT DO NOTHING (only the new ones go on) and the new
 * tests folded into cell deltas in memory. {@link #apply(Staged, String, List, boolean)}: the touched
 * cells read, merged and upserted (only over the version read), coverage events written to the outbox,
 * and the checkpoint of every partition moved, then commit. A redelivered batch finds its facts
 * already there and changes nothing.
 *
 * <p>JDBC rather than the reactive client here: the consumer loop is a blocking thread anyway, and
 * JDBC gives array binding and one plain transaction per batch with no event-loop hand-offs.
 */
@ApplicationScoped
public class Projector {
    private static final EventCodec CODEC = EventCodec.standard();

    private final AgroalDataSource dataSource;
    private final PublicationRule rule;
    private final ZoneId zone;
    private final HotCells hot;

    public Projector(AgroalDataSource dataSource, PublicationRule rule, StatsConfig config) {
        this.dataSource = dataSource;
        this.rule = rule;
        this.zone = ZoneId.of(config.zone());
        this.hot = new HotCells(config.projection().hotCellsMb() * 1024L * 1024L);
    }

    /** Drops every cached cell state (after a seek or a table swap). */
    public void forgetHotCells() {
        synchronized (hot) {
            hot.clear();
        }
    }

    /** Where a batch ends in one partition: the next offset to read. */
    public record Position(String topic, int partition, long nextOffset) {
    }

    /** What a batch did. */
    public record Outcome(int events, int newFacts, int duplicates, int cells, int coverageEvents, Phases phases) {
        Outcome withCommit(long commitNanos) {
            return new Outcome(events, newFacts, duplicates, cells, coverageEvents,
                    new Phases(phases.facts(), phases.read(), phases.merge(), phases.write(), commitNanos));
        }
    }

    /** Where a batch spent its time, in nanoseconds: what the projection log line reports. */
    public record Phases(long facts, long read, long merge, long write, long commit) {
        public Phases plus(Phases o) {
            return new Phases(facts + o.facts, read + o.read, merge + o.merge, write + o.write, commit + o.commit);
        }

        public static final Phases NONE = new Phases(0, 0, 0, 0, 0);
    }

    /**
     * A poll batch deduplicated in itself (the first event of a test in a set wins), in Kafka order; {@code keys}
     * are the (test, set) keys it holds, {@code heldBefore} how many of them the batch before held.
     */
    public record Prepared(int events, List<MeasurementLocated> located, List<MeasurementUnlocated> unlocated,
            Set<String> keys, int heldBefore) {
    }

    public Prepared prepare(List<LocationEvent> events) {
        return prepare(events, Set.of());
    }

    /**
     * Prepares a batch leaving out the tests {@code before} holds: the keys of the batch applied just before
     * this one, which commits before it or is rolled back with it. Those tests are stored by then, so they are
     * duplicates here; inserting them again would make this batch's insert wait for the batch before's open
     * transaction (a test re-sent seconds later, common live, made the two stages run one after the other).
     */
    public Prepared prepare(List<LocationEvent> events, Set<String> before) {
        List<MeasurementLocated> located = new ArrayList<>();
        List<MeasurementUnlocated> unlocated = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        int heldBefore = 0;
        for (LocationEvent e : events) {
            String key = factKey(e.testId(), e.boundarySet());
            if (!seen.add(key)) {
                continue; // a duplicate inside the batch: the first wins
            }
            if (before.contains(key)) {
                heldBefore++;
                continue;
            }
            if (e instanceof MeasurementLocated l) {
                located.add(l);
            } else if (e instanceof MeasurementUnlocated u) {
                unlocated.add(u);
            }
        }
        return new Prepared(events.size(), located, unlocated, seen, heldBefore);
    }

    static String factKey(UUID testId, String boundarySet) {
        return testId + "|" + boundarySet;
    }

    /**
     * The first half of a batch: its facts inserted in its own transaction, still open, and its new tests
     * folded into cell deltas. The live projection stages batch N+1 on a second thread while batch N
     * writes its cells; {@link #apply(Staged, String, List, boolean)} finishes it after N committed.
     * Its insert can wait for N's uncommitted facts of the same tests (and then finds them there),
     * never the other way round; if N fails, N+1 must be closed (rolled back) with it, because it may
     * have taken as new a test only N's rolled-back insert held.
     */
    public static final class Staged implements AutoCloseable {
        private final Tables tables;
        private final Prepared batch;
        private Connection connection;
        private final int newFacts;
        private final CellFold fold;
        private final long factsNanos;

        private Staged(Tables tables, Prepared batch, Connection connection, int newFacts, CellFold fold, long factsNanos) {
            this.tables = tables;
            this.batch = batch;
            this.connection = connection;
            this.newFacts = newFacts;
            this.fold = fold;
            this.factsNanos = factsNanos;
        }

        /** Rolls the transaction back and returns the connection, unless it was committed; safe to call twice. */
        @Override
        public void close() throws SQLException {
            Connection c = connection;
            connection = null;
            if (c != null) {
                try (c) {
                    c.rollback();
                }
            }
        }
    }

    /** Inserts the batch's facts in a new transaction left open, and folds the tests that were new. */
    public Staged stage(Tables tables, Prepared batch) throws SQLException {
        long mark = System.nanoTime();
        Connection c = dataSource.getConnection();
        try {
            c.setAutoCommit(false);
            List<MeasurementLocated> fresh = insertFacts(c, tables, batch.located());
            insertUnlocated(c, tables, batch.unlocated());
            CellFold fold = new CellFold(zone);
            fresh.forEach(fold::add);
            return new Staged(tables, batch, c, fresh.size(), fold, System.nanoTime() - mark);
        } catch (SQLException | RuntimeException e) {
            try (c) {
                c.rollback();
            } catch (SQLException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }

    /** Stages and applies a batch in one go (the rebuild, tests). */
    public Outcome apply(Tables tables, String consumer, List<LocationEvent> events, List<Position> positions,
            boolean announce) throws SQLException {
        return apply(stage(tables, prepare(events)), consumer, positions, announce);
    }

    /** A write found a cell row another writer changed after it was read or cached (SQLSTATE 40001). */
    private static final String CONFLICT = "40001";
    private static final int ATTEMPTS = 3;
    private final AtomicLong conflictsRetried = new AtomicLong();

    /** Batches whose cells were read and written again because another writer changed one of them meanwhile. */
    public long conflictsRetried() {
        return conflictsRetried.get();
    }

    /**
     * The second half of a batch, in the transaction {@link #stage} opened: the touched cells read (or
     * taken from the cache), merged and upserted over the version read, coverage events written to the
     * outbox, the checkpoint moved, then commit. A conflict with another writer rolls back to before the
     * cells were read and does them again over what is stored (up to three times); any failure rolls the
     * whole batch back. The staged batch is closed in every case.
     */
    public Outcome apply(Staged staged, String consumer, List<Position> positions, boolean announce) throws SQLException {
        try (staged) {
            Connection c = staged.connection;
            List<Row> written = new ArrayList<>();
            Outcome outcome;
            for (int attempt = 1; ; attempt++) {
                Savepoint before = c.setSavepoint();
                try {
                    outcome = applyCells(c, staged, consumer, positions, announce, written);
                    break;
                } catch (SQLException e) {
                    // the batch merged into cached states in place: whatever failed, forget them
                    forgetHotCells();
                    if (!CONFLICT.equals(e.getSQLState()) || attempt == ATTEMPTS) {
                        throw e;
                    }
                    c.rollback(before);
                    written.clear();
                    conflictsRetried.incrementAndGet(); // another writer changed a cell: again over what is stored
                }
            }
            long t = System.nanoTime();
            c.commit();
            staged.connection = null;
            c.close();
            if (staged.tables == Tables.LIVE) {
                synchronized (hot) {
                    for (Row r : written) {
                        String key = r.key().key();
                        hot.put(key, r.version(), r.announced(), r.state(), HotCells.weigh(key, r.state()));
                    }
                }
            }
            return outcome.withCommit(System.nanoTime() - t);
        } catch (SQLException | RuntimeException e) {
            forgetHotCells();
            throw e;
        }
    }

    private Outcome applyCells(Connection c, Staged staged, String consumer, List<Position> positions,
            boolean announce, List<Row> written) throws SQLException {
        Tables t = staged.tables;
        CellFold fold = staged.fold;
        long mergeNs = 0;
        long readNs = 0;
        long mark = System.nanoTime();
        int coverageEvents = 0;
        int cells = 0;
        if (!fold.deltas().isEmpty()) {
            Map<String, Quarter> quarters = quarters(fold);
            Set<String> context = new HashSet<>(); // read for the quarters, not written: their other months
            Set<String> incremental = t == Tables.LIVE ? quartersHeldWhole(quarters.keySet()) : Set.of();
            for (Map.Entry<String, Quarter> q : quarters.entrySet()) {
                context.add(q.getKey());
                if (incremental.contains(q.getKey())) {
                    continue; // its state is cached whole: the batch's months are merged into it, the others not needed
                }
                for (String m : q.getValue().months()) {
                    if (!fold.deltas().containsKey(m)) {
                        context.add(m);
                    }
                }
            }
            Set<String> toRead = new HashSet<>(fold.deltas().keySet());
            toRead.addAll(context);
            Map<String, Existing> existing = existingCells(c, t, toRead, context, t == Tables.LIVE);
            readNs = System.nanoTime() - mark;
            mark = System.nanoTime();
            Map<String, Row> byKey = new TreeMap<>(); // in key order, so two instances writing the same cells lock
            List<CoverageChanged> changes = new ArrayList<>(); // them in the same order (no deadlock)
            Instant now = Instant.now();
            for (Map.Entry<String, CellFold.Delta> entry : fold.deltas().entrySet()) {
                CellFold.Delta d = entry.getValue();
                Existing old = existing.get(entry.getKey());
                CellState state = d.state();
                if (old != null) {
                    old.state.merge(state);
                    state = old.state;
                }
                Figures f = state.figures();
                byKey.put(entry.getKey(), new Row(d.key(), state, f, announce(d.key(), f, old, changes, now),
                        version(old), false));
            }
            for (Map.Entry<String, Quarter> q : quarters.entrySet()) {
                byKey.put(q.getKey(), quarterRow(q.getValue(), fold, byKey, existing, changes, now));
            }
            List<Row> rows = new ArrayList<>(byKey.values());
            mergeNs = System.nanoTime() - mark;
            mark = System.nanoTime();
            upsertCells(c, t, rows, now);
            written.addAll(rows);
            cells = rows.size();
            if (announce) {
                writeOutbox(c, changes, now);
                coverageEvents = changes.size();
            }
        }
        writeCheckpoint(c, t, consumer, positions);
        long writeNs = System.nanoTime() - mark; // cells, outbox and checkpoint
        Prepared batch = staged.batch;
        return new Outcome(batch.events(), staged.newFacts, batch.located().size() - staged.newFacts + batch.heldBefore(), cells,
                coverageEvents, new Phases(staged.factsNanos, readNs, mergeNs, writeNs, 0));
    }

    private static long version(Existing old) {
        return old == null ? 1 : old.version + 1;
    }

    /**
     * The announced status a cell's row carries after this batch: for the cells of all operators whose period
     * announces (months and quarters), the publication rule over the new figures, with a {@link CoverageChanged}
     * added to {@code changes} when it differs from the status announced before; else the status before.
     */
    private CoverageStatus announce(CellKey key, Figures f, Existing old, List<CoverageChanged> changes, Instant now) {
        CoverageStatus announced = old == null ? null : old.announced;
        if (!CellKey.ALL_OPERATORS.equals(key.operator()) || !Period.announces(key.period())) {
            return announced;
        }
        Publication p = rule.evaluate(key.level(), key.network(), f);
        CoverageStatus before = announced == null ? CoverageStatus.INSUFFICIENT : announced;
        if (p.status() != before) {
            changes.add(new CoverageChanged(key.boundarySet(), key.unitCode(), key.unitName(), key.level(),
                    key.provinceCode(), key.network(), key.period(), before, p.status(), f.tests(), f.devices(),
                    p.needTests(), p.needDevices(), now));
        }
        return p.status();
    }

    /** The quarter cell of all operators that a batch's month cell belongs to, and the keys of its three months. */
    record Quarter(CellKey key, List<String> months) {
    }

    private final Map<String, String[]> quarterOfMonth = new ConcurrentHashMap<>(); // by month label: a few a year

    /**
     * The quarters of the batch's month cells of all operators (a quarter of all operators is not folded: its row
     * is derived from its months, see {@link #quarterRow}).
     */
    private Map<String, Quarter> quarters(CellFold fold) {
        Map<String, Quarter> out = new HashMap<>();
        for (CellFold.Delta d : fold.deltas().values()) {
            CellKey k = d.key();
            if (!CellKey.ALL_OPERATORS.equals(k.operator()) || !Period.Kind.MONTH.name().equals(k.periodKind())) {
                continue;
            }
            // the quarter's label, then its months' labels
            String[] labels = quarterOfMonth.computeIfAbsent(k.period(), m -> {
                Period q = Period.quarter(YearMonth.parse(m));
                List<String> months = q.mergedMonths();
                return new String[] {q.label(), months.get(0), months.get(1), months.get(2)};
            });
            String quarterKey = CellKey.key(k.boundarySet(), k.unitCode(), k.network(), k.operator(), labels[0]);
            if (!out.containsKey(quarterKey)) {
                List<String> months = new ArrayList<>(3);
                for (int i = 1; i <= 3; i++) {
                    months.add(CellKey.key(k.boundarySet(), k.unitCode(), k.network(), k.operator(), labels[i]));
                }
                out.put(quarterKey, new Quarter(new CellKey(k.boundarySet(), k.unitCode(), k.unitName(), k.level(),
                        k.parentCode(), k.provinceCode(), k.network(), k.operator(), labels[0],
                        Period.Kind.QUARTER.name()), months));
            }
        }
        return out;
    }

    /**
     * Whether a state is a quarter's whole state (every test's values), not what a derived row stores (counts and
     * sums, empty sketches): every test has a download speed, so a whole state's download sketch counts its tests.
     */
    private static boolean whole(CellState s) {
        return s.tests() > 0 && s.download().count() == s.tests();
    }

    /** The quarters among {@code keys} whose whole state the hot cells hold. */
    private Set<String> quartersHeldWhole(Set<String> keys) {
        Set<String> out = new HashSet<>();
        synchronized (hot) {
            for (String key : keys) {
                HotCells.Entry e = hot.get(key);
                if (e != null && e.version() > 0 && whole(e.state())) {
                    out.add(key);
                }
            }
        }
        return out;
    }

    /**
     * The row of a quarter of all operators, derived from its three month cells, so its figures are those a quarter
     * cell folding the same tests would hold (sketches merge exactly, in any order). The row keeps the figures, the
     * counts and sums, and the announced status, but no sketches: nothing reads a quarter's state from the table,
     * since an operator's quarter merges its months and this row is derived again whenever one of its months
     * changes. Three ways, cheapest first:
     * <ul>
     * <li>its whole state cached (from an earlier batch): the batch's tests of its months merged into it, as a
     * folded quarter cell would be;</li>
     * <li>its tests in one month (a batch of recent tests in a quarter's first month): that month's figures, and only
     * the counts and sums cached, as stored;</li>
     * <li>else its months as this batch leaves them (written now, else stored) merged, and cached whole.</li>
     * </ul>
     *
     * <p>Every batch that writes one of its months writes the quarter over the version it read, so another
     * instance that changed one of the months meanwhile (and so the quarter) makes this batch apply again, with the
     * cache emptied and the months read back: the figures and the announcement never come from a stale month.
     */
    private Row quarterRow(Quarter q, CellFold fold, Map<String, Row> byKey, Map<String, Existing> existing,
            List<CoverageChanged> changes, Instant now) {
        Existing old = existing.get(q.key().key());
        CellState state;
        Figures f;
        if (old != null && whole(old.state)) {
            state = old.state;
            for (String m : q.months()) {
                CellFold.Delta d = fold.deltas().get(m);
                if (d != null) {
                    state.merge(d.state()); // read, not kept: a month's delta may be its new state
                }
            }
            f = state.figures();
        } else {
            Row only = null;
            List<CellState> months = new ArrayList<>(3);
            for (String m : q.months()) {
                Row w = byKey.get(m);
                CellState s = w != null ? w.state() : existing.get(m) == null ? null : existing.get(m).state;
                if (s != null && s.tests() > 0) {
                    months.add(s);
                    only = w;
                }
            }
            if (months.size() == 1 && only != null) {
                f = only.figures();
                CellState s = only.state();
                state = new CellState(f.tests(), s.downloadSum(), s.uploadSum(), s.latencySum(), DistinctDevices.empty(),
                        Quantiles.empty(), Quantiles.empty(), Quantiles.empty(), Quantiles.empty(), Quantiles.empty());
            } else {
                state = CellState.empty();
                months.forEach(state::merge);
                f = state.figures();
            }
        }
        return new Row(q.key(), state, f, announce(q.key(), f, old, changes, now), version(old), true);
    }

    private List<MeasurementLocated> insertFacts(Connection c, Tables t, List<MeasurementLocated> located)
            throws SQLException {
        if (located.isEmpty()) {
            return List.of();
        }
        int n = located.size();
        UUID[] ids = new UUID[n];
        String[] sets = new String[n];
        String[] provinces = new String[n];
        String[] districts = new String[n];
        String[] communes = new String[n];
        String[] units = new String[n];
        String[] devices = new String[n];
        String[] measured = new String[n];
        String[] networks = new String[n];
        String[] operators = new String[n];
        Double[] dl = new Double[n];
        Double[] ul = new Double[n];
        Double[] lat = new Double[n];
        Double[] jit = new Double[n];
        Double[] loss = new Double[n];
        for (int i = 0; i < n; i++) {
            MeasurementLocated e = located.get(i);
            ids[i] = e.testId();
            sets[i] = e.boundarySet();
            provinces[i] = e.path().get(0).code();
            for (UnitRef r : e.path()) {
                if (Unit.DISTRICT.equals(r.level())) {
                    districts[i] = r.code();
                } else if (Unit.COMMUNE.equals(r.level())) {
                    communes[i] = r.code();
                }
            }
            units[i] = e.unit().code();
            devices[i] = e.deviceId();
            measured[i] = e.measuredAt().toString();
            networks[i] = e.network().type().name();
            operators[i] = e.network().operator();
            dl[i] = e.metrics().downloadKbps();
            ul[i] = e.metrics().uploadKbps();
            lat[i] = e.metrics().latencyMs();
            jit[i] = e.metrics().jitterMs();
            loss[i] = e.metrics().packetLossPct();
        }
        // unnest in the select list (a ProjectSet, streamed row by row), not in FROM: a function scan stores its
        // whole result in a tuplestore first, and past work_mem (4 MB) that went to a temporary file, written and
        // read back on every batch (see upsertCells)
        String sql = "INSERT INTO " + t.fact() + " (test_id, boundary_set, province_code, district_code, commune_code,"
                + " unit_code, device_id, measured_at, network, operator, download_kbps, upload_kbps, latency_ms,"
                + " jitter_ms, loss_pct) SELECT unnest(?::uuid[]), unnest(?::text[]), unnest(?::text[]), unnest(?::text[]),"
                + " unnest(?::text[]), unnest(?::text[]), unnest(?::text[]), unnest(?::text[])::timestamptz, unnest(?::text[]),"
                + " unnest(?::text[]), unnest(?::float8[]), unnest(?::float8[]), unnest(?::float8[]), unnest(?::float8[]),"
                + " unnest(?::float8[])"
                + " ON CONFLICT DO NOTHING RETURNING test_id, boundary_set";
        Set<String> inserted = new HashSet<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            int i = 1;
            ps.setArray(i++, c.createArrayOf("uuid", ids));
            for (String[] a : List.of(sets, provinces, districts, communes, units, devices, measured, networks, operators)) {
                ps.setObject(i++, a); // a Java array: bound in binary (see upsertCells)
            }
            for (Double[] a : List.of(dl, ul, lat, jit, loss)) {
                ps.setObject(i++, a);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    inserted.add(factKey(rs.getObject(1, UUID.class), rs.getString(2)));
                }
            }
        }
        List<MeasurementLocated> fresh = new ArrayList<>(inserted.size());
        for (MeasurementLocated e : located) {
            if (inserted.contains(factKey(e.testId(), e.boundarySet()))) {
                fresh.add(e);
            }
        }
        return fresh;
    }

    private void insertUnlocated(Connection c, Tables t, List<MeasurementUnlocated> unlocated) throws SQLException {
        if (unlocated.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + t.unlocated()
                + " (test_id, boundary_set, reason, network, measured_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING")) {
            for (MeasurementUnlocated u : unlocated) {
                ps.setObject(1, u.testId());
                ps.setString(2, u.boundarySet());
                ps.setString(3, u.reason().name());
                ps.setString(4, u.network().type().name());
                ps.setTimestamp(5, Timestamp.from(u.measuredAt()));
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    private record Existing(CellState state, CoverageStatus announced, long version) {
    }

    /**
     * A row to write; {@code derived}: a quarter's row, written with its figures and sums but empty sketches
     * ({@link #quarterRow}); its state is cached as it is.
     */
    record Row(CellKey key, CellState state, Figures figures, CoverageStatus announced, long version, boolean derived) {
    }

    /**
     * The stored state of each of the batch's cells that exists: served from {@link HotCells} when this
     * projection wrote it last (not read at all: the upsert only overwrites the version cached, so a row
     * another writer changed meanwhile fails the batch, which is then applied again with the cache
     * emptied), the others read in one query and decoded. No row lock: the version-checked upsert makes
     * a concurrent writer's batch retry, never lose data.
     *
     * <p>{@code context}: the keys read for the quarters only (their rows, their months this batch does not
     * write). Those read are cached at once, and those not stored are cached as absent (version 0): another
     * instance that writes one of them writes its quarter too, which this projection then fails to overwrite
     * (see {@link #quarterRow}), and the cache is emptied.
     */
    private Map<String, Existing> existingCells(Connection c, Tables t, Set<String> keys, Set<String> context,
            boolean useHot) throws SQLException {
        Map<String, Existing> out = new HashMap<>();
        List<String> toRead = new ArrayList<>(keys.size());
        synchronized (hot) {
            for (String key : keys) {
                HotCells.Entry e = useHot ? hot.get(key) : null;
                if (e == null) {
                    toRead.add(key);
                } else if (e.version() > 0) {
                    out.put(key, new Existing(e.state(), e.announced(), e.version()));
                } // else cached as absent: not stored (a month this batch writes is then a new row)
            }
        }
        if (toRead.isEmpty()) {
            return out;
        }
        try (PreparedStatement ps = c.prepareStatement(SELECT_STATES + t.cell() + " c WHERE c.cell_key = ANY (?::text[])")) {
            ps.setObject(1, toRead.toArray(String[]::new));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getString(1), existing(rs));
                }
            }
        }
        if (useHot) {
            synchronized (hot) {
                for (String key : toRead) {
                    if (context.contains(key)) {
                        Existing e = out.get(key);
                        CellState state = e == null ? CellState.empty() : e.state;
                        hot.put(key, e == null ? 0 : e.version, e == null ? null : e.announced, state,
                                HotCells.weigh(key, state));
                    }
                }
            }
        }
        return out;
    }

    /** The columns {@link #existing} decodes, then the table: append the table name and its alias {@code c}. */
    private static final String SELECT_STATES = "SELECT c.cell_key, c.version, c.announced_status, c.tests, c.dl_sum,"
            + " c.ul_sum, c.lat_sum, c.devices_sketch, c.dl_sketch, c.ul_sketch, c.lat_sketch, c.jitter_sketch,"
            + " c.loss_sketch FROM ";

    private static Existing existing(ResultSet rs) throws SQLException {
        String a = rs.getString(3);
        CellState state = new CellState(rs.getLong(4), rs.getDouble(5), rs.getDouble(6), rs.getDouble(7),
                DistinctDevices.fromBytes(rs.getBytes(8)), Quantiles.fromBytes(rs.getBytes(9)),
                Quantiles.fromBytes(rs.getBytes(10)), Quantiles.fromBytes(rs.getBytes(11)),
                Quantiles.fromBytes(rs.getBytes(12)), Quantiles.fromBytes(rs.getBytes(13)));
        return new Existing(state, a == null ? null : CoverageStatus.valueOf(a), rs.getLong(2));
    }

    /** What {@link #preloadHotCells} did. */
    public record Preloaded(int cells, long bytes, int periods, boolean full, long millis) {
    }

    /**
     * Fills the hot cells, before the first batch, with the stored cells of the periods new tests fall in: the
     * days of the last {@code days} days (in the configured zone), their months and quarters, most recently
     * written first, until the budget is full or {@code maxTime} has passed. After a restart the first batches
     * otherwise read back nearly every cell they touch, one batch at a time, while the backlog grows; read here,
     * the same rows come in one streamed query. A cell already cached is left as it is; a stale version could
     * only make a batch meet a version conflict, which applies it again from what is stored.
     */
    public Preloaded preloadHotCells(Instant now, int days, Duration maxTime) throws SQLException {
        long start = System.nanoTime();
        long deadline = start + maxTime.toNanos();
        Set<String> labels = new LinkedHashSet<>();
        LocalDate today = LocalDate.ofInstant(now, zone);
        for (int d = 0; d < days; d++) {
            for (Period p : Period.containing(today.minusDays(d))) {
                labels.add(p.label());
            }
        }
        record Read(String key, Existing existing, long weight) {
        }
        List<Read> read = new ArrayList<>();
        long weight = 0;
        boolean full = false;
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false); // the driver streams with a cursor only inside a transaction
            try (PreparedStatement ps = c.prepareStatement(SELECT_STATES + Tables.LIVE.cell()
                    + " c WHERE c.period = ANY (?::text[]) ORDER BY c.updated_at DESC")) {
                ps.setFetchSize(1_000);
                ps.setObject(1, labels.toArray(String[]::new));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next() && System.nanoTime() < deadline) {
                        String key = rs.getString(1);
                        Existing e = existing(rs);
                        long w = HotCells.weigh(key, e.state());
                        synchronized (hot) {
                            if (!hot.fits(weight + w)) {
                                full = true;
                                break;
                            }
                        }
                        weight += w;
                        read.add(new Read(key, e, w));
                    }
                }
            } finally {
                c.rollback();
            }
        }
        int cells = 0;
        synchronized (hot) {
            // least recently written first: the cache evicts in the order entries came in
            for (int i = read.size() - 1; i >= 0; i--) {
                Read r = read.get(i);
                if (hot.get(r.key()) == null && hot.fits(r.weight())) {
                    hot.put(r.key(), r.existing().version(), r.existing().announced(), r.existing().state(), r.weight());
                    cells++;
                }
            }
            weight = hot.weight();
        }
        return new Preloaded(cells, weight, labels.size(), full, (System.nanoTime() - start) / 1_000_000);
    }

    private static final String[] CELL_COLUMNS = {
        "cell_key", "boundary_set", "unit_code", "unit_name", "level", "parent_code", "province_code", "network",
        "operator", "period", "period_kind", "announced_status",
        "tests", "devices", "version",
        "dl_median", "dl_mean", "dl_p10", "dl_p90", "ul_median", "ul_mean", "ul_p10", "ul_p90",
        "lat_median", "lat_mean", "lat_p10", "lat_p90", "jitter_median", "loss_median", "dl_ci_low", "dl_ci_high",
        "dl_sum", "ul_sum", "lat_sum",
        "devices_sketch", "dl_sketch", "ul_sketch", "lat_sketch", "jitter_sketch", "loss_sketch"};
    private static final int TEXT_COLUMNS = 12;
    private static final int LONG_COLUMNS = 3;
    private static final int DOUBLE_COLUMNS = 19;
    private static final int BYTES_COLUMNS = 6;

    private static final String UPSERT_SUFFIX;
    /** The sketches of a quarter's derived row: empty (read back, they decode as empty sketches). */
    private static final byte[] NO_DEVICES = DistinctDevices.empty().toBytes();
    private static final byte[] NO_VALUES = Quantiles.empty().toBytes();

    static {
        StringBuilder set = new StringBuilder();
        for (int i = 1; i < CELL_COLUMNS.length; i++) {
            set.append(i > 1 ? ", " : "").append(CELL_COLUMNS[i]).append(" = EXCLUDED.").append(CELL_COLUMNS[i]);
        }
        set.append(", updated_at = EXCLUDED.updated_at");
        // a row is only overwritten by the writer that read the version just before its own: a
        // cell another instance created or changed after this batch read it is left alone, and the batch retries
        UPSERT_SUFFIX = " ON CONFLICT (cell_key) DO UPDATE SET " + set + " WHERE c.version = EXCLUDED.version - 1";
    }

    private void upsertCells(Connection c, Tables t, List<Row> rows, Instant now) throws SQLException {
        int n = rows.size();
        String[][] text = new String[TEXT_COLUMNS][n];
        Long[][] longs = new Long[LONG_COLUMNS][n];
        Double[][] doubles = new Double[DOUBLE_COLUMNS][n];
        byte[][][] bytes = new byte[BYTES_COLUMNS][n][];
        for (int i = 0; i < n; i++) {
            Row r = rows.get(i);
            CellKey k = r.key();
            String[] tv = {k.key(), k.boundarySet(), k.unitCode(), k.unitName(), k.level(), k.parentCode(),
                k.provinceCode(), k.network().name(), k.operator(), k.period(), k.periodKind(),
                r.announced() == null ? null : r.announced().name()};
            for (int j = 0; j < TEXT_COLUMNS; j++) {
                text[j][i] = tv[j];
            }
            Figures f = r.figures();
            longs[0][i] = f.tests();
            longs[1][i] = f.devices();
            longs[2][i] = r.version();
            Double[] dv = new Double[DOUBLE_COLUMNS];
            put(dv, 0, f.download());
            put(dv, 4, f.upload());
            put(dv, 8, f.latency());
            dv[12] = f.jitterMedian();
            dv[13] = f.lossMedian();
            dv[14] = f.downloadCiLow();
            dv[15] = f.downloadCiHigh();
            dv[16] = r.state().downloadSum();
            dv[17] = r.state().uploadSum();
            dv[18] = r.state().latencySum();
            for (int j = 0; j < DOUBLE_COLUMNS; j++) {
                doubles[j][i] = dv[j];
            }
            CellState s = r.state();
            if (r.derived()) {
                bytes[0][i] = NO_DEVICES;
                for (int j = 1; j < BYTES_COLUMNS; j++) {
                    bytes[j][i] = NO_VALUES;
                }
                continue;
            }
            bytes[0][i] = s.devices().toBytes();
            bytes[1][i] = s.download().toBytes();
            bytes[2][i] = s.upload().toBytes();
            bytes[3][i] = s.latency().toBytes();
            bytes[4][i] = s.jitter().toBytes();
            bytes[5][i] = s.loss().toBytes();
        }
        StringBuilder sql = new StringBuilder("WITH w AS (INSERT INTO ").append(t.cell()).append(" AS c (")
                .append(String.join(", ", CELL_COLUMNS)).append(", updated_at) SELECT ");
        // One unnest per column in the select list, which PostgreSQL runs in lockstep as a ProjectSet, streaming
        // the rows into the insert. In FROM (unnest(a, b, ...) AS x) a function scan first stores every row in a
        // tuplestore, and a batch's cells (tens of MB of sketches) passed work_mem: the stats database wrote 79 GB
        // of temporary files in 25 minutes of e2e load, and the writer's backend was the busiest process.
        for (int j = 0; j < CELL_COLUMNS.length; j++) {
            String type = j < TEXT_COLUMNS ? "text[]" : j < TEXT_COLUMNS + LONG_COLUMNS ? "int8[]"
                    : j < TEXT_COLUMNS + LONG_COLUMNS + DOUBLE_COLUMNS ? "float8[]" : "bytea[]";
            sql.append("unnest(?::").append(type).append("), ");
        }
        // written rows, and rows inserted although the batch expected to update them (a cached cell whose row is gone)
        sql.append("now()").append(UPSERT_SUFFIX)
                .append(" RETURNING xmax = 0 AS inserted, c.version) SELECT count(*), count(*) FILTER (WHERE inserted AND version > 1) FROM w");
        try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
            // Java arrays, not Connection.createArrayOf: the driver binds these in PostgreSQL's binary array format.
            // createArrayOf sends an array literal: every sketch as hex text (twice its size), every double as
            // decimal text, all parsed again by array_in on the server; hex-escaping alone was 3 % of the writing
            // thread's samples in a JFR profile of the e2e run.
            int p = 1;
            for (String[] a : text) {
                ps.setObject(p++, a);
            }
            for (Long[] a : longs) {
                ps.setObject(p++, a);
            }
            for (Double[] a : doubles) {
                ps.setObject(p++, a);
            }
            for (byte[][] a : bytes) {
                ps.setObject(p++, a);
            }
            long stored;
            long vanished;
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                stored = rs.getLong(1);
                vanished = rs.getLong(2);
            }
            if (stored != n || vanished > 0) {
                throw new SQLException((n - stored) + " of " + n + " cells were written by another projection instance"
                        + " meanwhile and " + vanished + " were gone; the batch is rolled back and applied again", CONFLICT);
            }
        }
    }

    private static void put(Double[] target, int at, Stat s) {
        if (s != null) {
            target[at] = s.median();
            target[at + 1] = s.mean();
            target[at + 2] = s.p10();
            target[at + 3] = s.p90();
        }
    }

    private void writeOutbox(Connection c, List<CoverageChanged> changes, Instant now) throws SQLException {
        if (changes.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO outbox (id, topic, event_key, payload, created_at) VALUES (?, ?, ?, ?, ?)")) {
            for (CoverageChanged e : changes) {
                ps.setObject(1, UUID.randomUUID());
                ps.setString(2, Topics.COVERAGE);
                ps.setString(3, e.key());
                ps.setBytes(4, CODEC.encode(e));
                ps.setTimestamp(5, Timestamp.from(now));
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    private void writeCheckpoint(Connection c, Tables t, String consumer, List<Position> positions) throws SQLException {
        if (positions.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + t.checkpoint()
                + " (consumer, topic, partition, next_offset, updated_at) VALUES (?, ?, ?, ?, now())"
                + " ON CONFLICT (consumer, topic, partition) DO UPDATE SET next_offset = EXCLUDED.next_offset,"
                + " updated_at = EXCLUDED.updated_at")) {
            for (Position p : positions) {
                ps.setString(1, consumer);
                ps.setString(2, p.topic());
                ps.setInt(3, p.partition());
                ps.setLong(4, p.nextOffset());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /** The stored next offsets of a consumer, by partition. */
    public Map<Integer, Long> checkpoints(Tables t, String consumer, String topic) throws SQLException {
        Map<Integer, Long> out = new LinkedHashMap<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT partition, next_offset FROM " + t.checkpoint()
                     + " WHERE consumer = ? AND topic = ?")) {
            ps.setString(1, consumer);
            ps.setString(2, topic);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getInt(1), rs.getLong(2));
                }
            }
        }
        return out;
    }
}

package vn.ispeed.bench.geo;

import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.io.WKBWriter;
import vn.ispeed.geo.boundary.BoundarySet;
import vn.ispeed.geo.boundary.RingSet;
import vn.ispeed.geo.locate.LevelGrid;

import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * The same ward polygons in PostGIS (one MultiPolygon per ward, SRID 4326, GiST index) and the
 * same points through {@code ST_Covers}, smallest code first like geo-service's border rule. One
 * backend, no parallel workers: a single core, like the JMH figure.
 */
final class PostgisBaseline {
    private static final String LOOKUP = """
            SELECT p.i, (SELECT w.code FROM wards w
                         WHERE ST_Covers(w.geom, ST_SetSRID(ST_MakePoint(p.x, p.y), 4326))
                         ORDER BY w.code LIMIT 1)
            FROM unnest(?::float8[], ?::float8[]) WITH ORDINALITY AS p(x, y, i)""";

    record Result(String points, int sample, double seconds, double lookupsPerSecond, int agree,
                  List<String> disagreements) {
    }

    private final Connection connection;

    PostgisBaseline(String url) throws SQLException {
        connection = DriverManager.getConnection(url);
        try (Statement s = connection.createStatement()) {
            s.execute("CREATE EXTENSION IF NOT EXISTS postgis");
            s.execute("SET max_parallel_workers_per_gather = 0");
        }
    }

    /** Loads the wards unless the table already holds the same polygons; returns the load seconds (0 if kept). */
    double load(BoundarySet set) throws SQLException {
        BoundarySet.LocateLevel wards = set.locateLevels().get(0);
        long vertices = 0;
        for (RingSet rs : wards.polygons()) {
            vertices += rs.points();
        }
        try (Statement s = connection.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS wards (code text PRIMARY KEY, geom geometry(MultiPolygon, 4326) NOT NULL)");
            try (ResultSet rs = s.executeQuery("SELECT count(*), coalesce(sum(ST_NPoints(geom)), 0) FROM wards")) {
                rs.next();
                if (rs.getLong(1) == wards.polygons().size() && rs.getLong(2) == vertices) {
                    return 0;
                }
            }
            s.execute("TRUNCATE wards");
        }
        long t0 = System.nanoTime();
        GeometryFactory gf = new GeometryFactory();
        WKBWriter wkb = new WKBWriter(2);
        connection.setAutoCommit(false);
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO wards (code, geom) VALUES (?, ST_GeomFromWKB(?, 4326))")) {
            for (int i = 0; i < wards.polygons().size(); i++) {
                insert.setString(1, wards.unitOfPolygon()[i].code());
                insert.setBytes(2, wkb.write(wards.polygons().get(i).toGeometry(gf)));
                insert.addBatch();
                if (i % 100 == 99) {
                    insert.executeBatch();
                }
            }
            insert.executeBatch();
        }
        connection.commit();
        connection.setAutoCommit(true);
        try (Statement s = connection.createStatement()) {
            s.execute("CREATE INDEX IF NOT EXISTS wards_geom ON wards USING gist (geom)");
            s.execute("ANALYZE wards");
        }
        return (System.nanoTime() - t0) / 1e9;
    }

    Result run(BenchData.Points points, int sample, BoundarySet set) throws SQLException {
        int n = Math.min(sample, points.size());
        String[] codes = lookup(points, 0, n);
        long t0 = System.nanoTime();
        codes = lookup(points, 0, n); // second pass timed: PostGIS caches warm, same as JMH after warm-up
        double seconds = (System.nanoTime() - t0) / 1e9;
        BoundarySet.LocateLevel wards = set.locateLevels().get(0);
        LevelGrid grid = wards.grid();
        int agree = 0;
        List<String> disagreements = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int j = grid.locate(points.lon()[i], points.lat()[i]);
            String ours = j < 0 ? null : wards.unitOfPolygon()[j].code();
            if (java.util.Objects.equals(ours, codes[i])) {
                agree++;
            } else if (disagreements.size() < 10) {
                disagreements.add(String.format("(%.6f, %.6f): geo-service %s, PostGIS %s", points.lat()[i],
                        points.lon()[i], ours, codes[i]));
            }
        }
        return new Result(points.name(), n, seconds, n / seconds, agree, disagreements);
    }

    private String[] lookup(BenchData.Points points, int from, int to) throws SQLException {
        Double[] xs = new Double[to - from];
        Double[] ys = new Double[to - from];
        for (int i = from; i < to; i++) {
            xs[i - from] = points.lon()[i];
            ys[i - from] = points.lat()[i];
        }
        String[] codes = new String[to - from];
        try (PreparedStatement q = connection.prepareStatement(LOOKUP)) {
            Array ax = connection.createArrayOf("float8", xs);
            Array ay = connection.createArrayOf("float8", ys);
            q.setArray(1, ax);
            q.setArray(2, ay);
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    codes[(int) rs.getLong(1) - 1] = rs.getString(2);
                }
            }
        }
        return codes;
    }

    String version() throws SQLException {
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery("SELECT postgis_full_version()")) {
            rs.next();
            String v = rs.getString(1);
            return v.length() > 60 ? v.substring(0, 60) + "…" : v;
        }
    }
}

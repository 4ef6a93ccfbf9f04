package vn.ispeed.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * How many located tests stats-service has projected for a boundary set, read from its
 * PostgreSQL (one fact per test and set). Used for exact reconciliation and, polled, for freshness.
 */
public final class StatsProbe implements AutoCloseable {
    private final String url;
    private final String user;
    private final String password;
    private final String sql;
    private final String visibleSql;
    private Connection connection;

    /**
     * @param sql        counts the facts of a set (exact, for reconciliation; a scan of the facts table)
     * @param visibleSql what the statistics show for a set: the national quarter cells' test counts (a few
     *                   rows, cheap enough to poll every 100 ms without loading the database under test)
     */
    public StatsProbe(String url, String user, String password, String sql, String visibleSql) {
        this.url = url;
        this.user = user;
        this.password = password;
        this.sql = sql;
        this.visibleSql = visibleSql;
    }

    public long projected(String set) {
        return query(sql, set);
    }

    public long visible(String set) {
        return query(visibleSql, set);
    }

    private synchronized long query(String sql, String set) {
        for (int attempt = 0; ; attempt++) {
            try {
                if (connection == null || connection.isClosed()) {
                    connection = DriverManager.getConnection(url, user, password);
                }
                try (PreparedStatement ps = connection.prepareStatement(sql)) {
                    ps.setString(1, set);
                    try (ResultSet rs = ps.executeQuery()) {
                        return rs.next() ? rs.getLong(1) : 0;
                    }
                }
            } catch (SQLException e) {
                close();
                if (attempt >= 100) {
                    throw new IllegalStateException("cannot read stats projection: " + e.getMessage(), e);
                }
                sleep(500); // PostgreSQL may be restarting during a chaos run
            }
        }
    }

    @Override
    public synchronized void close() {
        try {
            if (connection != null) {
                connection.close();
            }
        } catch (SQLException ignored) {
            // closing a broken connection
        }
        connection = null;
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

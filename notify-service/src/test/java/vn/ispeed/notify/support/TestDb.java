package vn.ispeed.notify.support;

import vn.ispeed.testsupport.PostgresResource;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.UUID;

/** Direct SQL on the service's database, for arranging state and reading the delivery log. */
public final class TestDb {
    private TestDb() {
    }

    public static Connection connect() throws SQLException {
        return DriverManager.getConnection(PostgresResource.jdbcUrl("notify"), PostgresResource.USER,
                PostgresResource.PASSWORD);
    }

    /** Inserts an e-mail subscription as another office would have created it. */
    public static UUID insertEmailSubscription(String province, String address, String kinds) {
        UUID id = UUID.randomUUID();
        update("""
                INSERT INTO subscription (id, province_code, boundary_set, channel, emails, kinds, networks, language,
                    created_by, created_at, updated_at)
                VALUES (?, ?, 'vn-2025', 'email', ?, ?, 'FIXED,MOBILE', 'vi', 'test', now(), now())""",
                id, province, address, kinds);
        return id;
    }

    public static int update(String sql, Object... args) {
        try (Connection c = connect(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                s.setObject(i + 1, args[i]);
            }
            return s.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public static long count(String sql, Object... args) {
        try (Connection c = connect(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                s.setObject(i + 1, args[i]);
            }
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}

package vn.ispeed.testsupport;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Starts one real PostgreSQL server per test JVM (zonky's packaged binaries, no Docker) and
 * creates the database the test asks for (init arg {@code database}, default {@code ispeed}).
 */
public class PostgresResource implements QuarkusTestResourceLifecycleManager {
    public static final String USER = "postgres";
    public static final String PASSWORD = "postgres";

    private static EmbeddedPostgres server;
    private String database = "ispeed";

    public static synchronized EmbeddedPostgres server() {
        if (server == null) {
            try {
                EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                        .setServerConfig("max_connections", "200")
                        .setServerConfig("fsync", "off")
                        .setServerConfig("synchronous_commit", "off");
                extraSettings(System.getProperty(SETTINGS_PROPERTY, "")).forEach(builder::setServerConfig);
                EmbeddedPostgres started = builder.start();
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    try {
                        started.close();
                    } catch (IOException ignored) {
                        // the JVM is going away
                    }
                }, "postgres-test-stop"));
                server = started;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start embedded PostgreSQL", e);
            }
        }
        return server;
    }

    /**
     * Further server settings, {@code name=value} separated by commas or spaces (e.g. the benchmark passes the
     * dev stack's {@code shared_buffers=1GB,max_wal_size=4GB,checkpoint_timeout=15min,autovacuum_naptime=5s}).
     */
    public static final String SETTINGS_PROPERTY = "ispeed.postgres.settings";

    static Map<String, String> extraSettings(String spec) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String item : spec.trim().split("[,\\s]+")) {
            if (item.isEmpty()) {
                continue;
            }
            int eq = item.indexOf('=');
            if (eq <= 0 || !item.substring(0, eq).matches("[a-z_]+")) {
                throw new IllegalArgumentException(SETTINGS_PROPERTY + ": expected name=value, got '" + item + "'");
            }
            out.put(item.substring(0, eq), item.substring(eq + 1));
        }
        return out;
    }

    public static int port() {
        return server().getPort();
    }

    public static String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port() + "/" + database;
    }

    public static String reactiveUrl(String database) {
        return "postgresql://127.0.0.1:" + port() + "/" + database;
    }

    /** Creates the database if it does not exist yet. */
    public static synchronized void createDatabase(String database) {
        if (!database.matches("[a-z_][a-z0-9_]{0,62}")) {
            throw new IllegalArgumentException("not a plain database name: " + database);
        }
        try (Connection c = server().getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + database + "'")) {
                if (rs.next()) {
                    return;
                }
            }
            s.execute("CREATE DATABASE " + database);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create database " + database + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void init(Map<String, String> initArgs) {
        database = initArgs.getOrDefault("database", database);
    }

    @Override
    public Map<String, String> start() {
        createDatabase(database);
        Map<String, String> config = new HashMap<>();
        config.put("quarkus.datasource.reactive.url", reactiveUrl(database));
        config.put("quarkus.datasource.jdbc.url", jdbcUrl(database));
        config.put("quarkus.datasource.username", USER);
        config.put("quarkus.datasource.password", PASSWORD);
        return config;
    }

    @Override
    public void stop() {
        // shared by every test class of this JVM; stopped by the shutdown hook
    }
}

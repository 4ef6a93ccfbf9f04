package vn.ispeed.stats.support;

import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import vn.ispeed.events.Topics;
import vn.ispeed.testsupport.KafkaResource;
import vn.ispeed.testsupport.PostgresResource;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Direct looks into the service's database and the log, for assertions. */
public final class Db {
    private Db() {
    }

    public static Connection connect() throws SQLException {
        return DriverManager.getConnection(PostgresResource.jdbcUrl("stats"), PostgresResource.USER, PostgresResource.PASSWORD);
    }

    public static void execute(String sql) throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    public static long count(String sql) throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /**
     * A mean: a sum over the cell's tests divided by their count, so it depends on the order the tests were added in
     * by the last bits. Equal within 1e-9 of each other: rounding cannot do that, as a value next to a rounding
     * boundary rounds either way (a rebuild's mean of 52169.2984375 was 52169.298437 one way, ...438 the other).
     */
    public record Mean(double value) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Mean m && Math.abs(m.value - value) <= 1e-9 * Math.max(1, Math.abs(value));
        }

        @Override
        public int hashCode() {
            return 0; // equal means may differ in their last bits
        }
    }

    /**
     * Every figure of every cell by cell key: quantiles and counts as stored (their order statistics do not depend
     * on the order of merges), the means as {@link Mean}s.
     */
    public static Map<String, List<Object>> cellFigures() throws SQLException {
        Map<String, List<Object>> out = new TreeMap<>();
        try (Connection c = connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT cell_key, tests, devices, dl_median, dl_mean, dl_p10, dl_p90, ul_median,"
                     + " ul_mean, ul_p10, ul_p90, lat_median, lat_mean, lat_p10, lat_p90, jitter_median, loss_median,"
                     + " dl_ci_low, dl_ci_high, announced_status, unit_name, parent_code, province_code FROM cell")) {
            ResultSetMetaData md = rs.getMetaData();
            while (rs.next()) {
                List<Object> row = new ArrayList<>();
                for (int i = 2; i <= md.getColumnCount(); i++) {
                    Object v = rs.getObject(i);
                    row.add(v instanceof Double d && md.getColumnName(i).endsWith("_mean") ? new Mean(d) : v);
                }
                out.put(rs.getString(1), row);
            }
        }
        return out;
    }

    /** The figures of one boundary set's cells, keyed without the set, so the same tests in two sets compare. */
    public static Map<String, List<Object>> cellFigures(String set) throws SQLException {
        Map<String, List<Object>> out = new TreeMap<>();
        cellFigures().forEach((key, row) -> {
            if (key.startsWith(set + "|")) {
                out.put(key.substring(set.length() + 1), row);
            }
        });
        return out;
    }

    /** Whether the projection's checkpoint has reached the end of every partition of measurements-located. */
    public static boolean projectedToEnd() throws SQLException {
        Map<TopicPartition, Long> end;
        try (KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaResource.bootstrapServers(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName()))) {
            List<TopicPartition> parts = c.partitionsFor(Topics.MEASUREMENTS_LOCATED, Duration.ofSeconds(10)).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            end = c.endOffsets(parts);
        }
        try (Connection c = connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT partition, next_offset FROM checkpoint WHERE topic = '" + Topics.MEASUREMENTS_LOCATED + "'")) {
            Map<Integer, Long> stored = new TreeMap<>();
            while (rs.next()) {
                stored.put(rs.getInt(1), rs.getLong(2));
            }
            for (var e : end.entrySet()) {
                if (e.getValue() > 0 && stored.getOrDefault(e.getKey().partition(), 0L) < e.getValue()) {
                    return false;
                }
            }
            return true;
        }
    }
}

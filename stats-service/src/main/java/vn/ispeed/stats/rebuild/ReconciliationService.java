package vn.ispeed.stats.rebuild;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.TreeMap;

/** Counts for reconciling the projection with the log: located facts and unlocated tests by reason, per set. */
@ApplicationScoped
public class ReconciliationService {
    private final AgroalDataSource dataSource;

    public ReconciliationService(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    public record SetCounts(long located, Map<String, Long> unlocated) {
    }

    public Map<String, SetCounts> counts() throws SQLException {
        Map<String, Long> located = new TreeMap<>();
        Map<String, Map<String, Long>> unlocated = new TreeMap<>();
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT boundary_set, count(*) FROM fact GROUP BY boundary_set")) {
                while (rs.next()) {
                    located.put(rs.getString(1), rs.getLong(2));
                }
            }
            try (ResultSet rs = s.executeQuery("SELECT boundary_set, reason, count(*) FROM unlocated_fact GROUP BY boundary_set, reason")) {
                while (rs.next()) {
                    unlocated.computeIfAbsent(rs.getString(1), k -> new TreeMap<>()).put(rs.getString(2), rs.getLong(3));
                }
            }
        }
        Map<String, SetCounts> out = new TreeMap<>();
        located.keySet().forEach(set -> out.put(set, new SetCounts(located.get(set), unlocated.getOrDefault(set, Map.of()))));
        unlocated.keySet().forEach(set -> out.putIfAbsent(set, new SetCounts(0, unlocated.get(set))));
        return out;
    }
}

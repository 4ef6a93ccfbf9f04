package vn.ispeed.stats.projection;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * Per boundary set, the instant from which its events count: a set re-located by geo-service (the whole log replayed
 * through new or corrected boundary data) has its events from before the relocation superseded, and the projection
 * and every rebuild skip them ({@link BatchDecoder}), so the first fact of a test in that set is the one the new data
 * gave. Stored in {@code relocation_cutoff} (V9), read at start and whenever one is recorded.
 */
@ApplicationScoped
public class RelocationCutoffs {
    private final AgroalDataSource dataSource;
    private volatile Map<String, Instant> cutoffs;

    public RelocationCutoffs(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** The cutoffs by set (empty when no set was ever re-located). */
    public Map<String, Instant> current() {
        Map<String, Instant> c = cutoffs;
        if (c == null) {
            c = load();
            cutoffs = c;
        }
        return c;
    }

    /** Records that the events of {@code set} count from {@code since} on (the relocation job's {@code locatedSince}). */
    public synchronized void record(String set, Instant since) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("INSERT INTO relocation_cutoff (boundary_set, located_since, recorded_at)"
                     + " VALUES (?, ?, now()) ON CONFLICT (boundary_set) DO UPDATE SET located_since = EXCLUDED.located_since,"
                     + " recorded_at = now()")) {
            ps.setString(1, set);
            ps.setTimestamp(2, Timestamp.from(since));
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot record the relocation of " + set + ": " + e.getMessage(), e);
        }
        cutoffs = load();
    }

    private Map<String, Instant> load() {
        Map<String, Instant> out = new HashMap<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT boundary_set, located_since FROM relocation_cutoff");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.put(rs.getString(1), rs.getTimestamp(2).toInstant());
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the relocation cutoffs: " + e.getMessage(), e);
        }
        return Map.copyOf(out);
    }
}

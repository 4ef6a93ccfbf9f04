package vn.ispeed.events;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.Instant;

/**
 * A statistics cell moved between INSUFFICIENT and PUBLISHED.
 *
 * @param period       the cell's period ({@code 2026-11}, {@code 2026-Q4}, {@code 2026-11-25})
 * @param provinceCode the province the unit belongs to (the unit itself for a province; null for the nation)
 * @param previous     the status before; null when the cell is new
 * @param needTests    tests still needed to publish (0 when published)
 * @param needDevices  distinct devices still needed to publish (0 when published)
 */
public record CoverageChanged(
        String boundarySet,
        String unitCode,
        String unitName,
        String level,
        String provinceCode,
        NetworkType network,
        String period,
        CoverageStatus previous,
        CoverageStatus status,
        @JsonProperty(required = true) long tests,
        @JsonProperty(required = true) long devices,
        @JsonProperty(required = true) long needTests,
        @JsonProperty(required = true) long needDevices,
        Instant changedAt) implements CoverageEvent {

    public CoverageChanged {
        Require.text(boundarySet, "boundarySet");
        Require.text(unitCode, "unitCode");
        Require.text(level, "level");
        Require.field(network, "network");
        Require.text(period, "period");
        Require.field(status, "status");
        Require.field(changedAt, "changedAt");
    }

    /** The Kafka key of topic {@code coverage}. */
    public String key() {
        return boundarySet + ":" + unitCode + ":" + network;
    }

    /**
     * Identifies this change among all changes: the cell, the period, the new status and when it
     * changed. Consumers deduplicate on it (a redelivered copy has the same key).
     */
    public String changeKey() {
        return key() + ":" + period + ":" + status + ":" + changedAt;
    }
}

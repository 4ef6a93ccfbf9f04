package vn.ispeed.notify.coverage;

import org.junit.jupiter.api.Test;
import vn.ispeed.events.CoverageChanged;
import vn.ispeed.events.CoverageStatus;
import vn.ispeed.events.NetworkType;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class CoverageAlertRuleTest {
    private static final Instant NOW = Instant.parse("2026-11-25T08:00:00Z");
    private final CoverageAlertRule rule = new CoverageAlertRule("month", Duration.ofDays(2));

    private static CoverageChanged change(String level, String period, CoverageStatus previous, CoverageStatus status,
                                          Instant at) {
        return new CoverageChanged("vn-2025", "00070", "Phường Hoàn Kiếm", level, "01", NetworkType.FIXED, period,
                previous, status, 30, 12, 0, 0, at);
    }

    @Test
    void alertsOnAMonthlyCommuneChange() {
        assertThat(rule.alerts(change("commune", "2026-11", CoverageStatus.INSUFFICIENT, CoverageStatus.PUBLISHED, NOW), NOW)).isTrue();
        assertThat(rule.alerts(change("commune", "2026-11", CoverageStatus.PUBLISHED, CoverageStatus.INSUFFICIENT, NOW), NOW)).isTrue();
        assertThat(rule.alerts(change("commune", "2026-11", null, CoverageStatus.PUBLISHED, NOW), NOW)).isTrue();
    }

    @Test
    void staysQuietOnOtherPeriodsLevelsOldNewsAndNewInsufficientCells() {
        assertThat(rule.alerts(change("commune", "2026-11-25", CoverageStatus.INSUFFICIENT, CoverageStatus.PUBLISHED, NOW), NOW)).isFalse();
        assertThat(rule.alerts(change("commune", "2026-Q4", CoverageStatus.INSUFFICIENT, CoverageStatus.PUBLISHED, NOW), NOW)).isFalse();
        assertThat(rule.alerts(change("province", "2026-11", CoverageStatus.INSUFFICIENT, CoverageStatus.PUBLISHED, NOW), NOW)).isFalse();
        assertThat(rule.alerts(change("commune", "2026-11", null, CoverageStatus.INSUFFICIENT, NOW), NOW)).isFalse();
        assertThat(rule.alerts(change("commune", "2026-11", CoverageStatus.INSUFFICIENT, CoverageStatus.PUBLISHED,
                NOW.minus(Duration.ofDays(3))), NOW)).as("a replayed old change").isFalse();
    }

    @Test
    void eventKeyIdentifiesOneChangeOfOneCell() {
        assertThat(CoverageAlertRule.eventKey(change("commune", "2026-11", CoverageStatus.INSUFFICIENT, CoverageStatus.PUBLISHED, NOW)))
                .isEqualTo("vn-2025:00070:FIXED:2026-11:PUBLISHED:2026-11-25T08:00:00Z");
    }

    @Test
    void aCellThatFlippedAndFlippedBackWithinTheWindowIsLeftOut() {
        ReceivedCoverage up = received(1, "00070", CoverageStatus.INSUFFICIENT, CoverageStatus.PUBLISHED, NOW);
        ReceivedCoverage down = received(2, "00070", CoverageStatus.PUBLISHED, CoverageStatus.INSUFFICIENT, NOW.plusSeconds(60));
        ReceivedCoverage other = received(3, "00004", CoverageStatus.INSUFFICIENT, CoverageStatus.PUBLISHED, NOW);
        assertThat(CoverageBatcher.coalesce(List.of(up, down, other), "vi"))
                .extracting(c -> c.unitCode()).containsExactly("00004");
    }

    private static ReceivedCoverage received(long id, String unit, CoverageStatus previous, CoverageStatus status, Instant at) {
        ReceivedCoverage r = new ReceivedCoverage();
        r.id = id;
        r.unitCode = unit;
        r.unitName = "Phường " + unit;
        r.level = "commune";
        r.network = "FIXED";
        r.period = "2026-11";
        r.previous = previous.name();
        r.status = status.name();
        r.changedAt = at;
        return r;
    }
}

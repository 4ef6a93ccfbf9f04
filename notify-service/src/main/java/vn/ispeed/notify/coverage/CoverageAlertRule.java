package vn.ispeed.notify.coverage;

import vn.ispeed.events.CoverageChanged;

import java.time.Duration;
import java.time.Instant;
import java.util.regex.Pattern;

/**
 * Which received coverage changes are worth an alert: a unit below the province (commune, district)
 * whose status really moved (a new cell is only worth one when it is published straight away), in
 * the period kind alerts follow (the month by default: "2026-11"), and not older than the alert age,
 * so replaying {@code coverage} from offset 0 stores history without mailing it again.
 */
public final class CoverageAlertRule {
    private static final Pattern MONTH = Pattern.compile("\\d{4}-\\d{2}");
    private static final Pattern QUARTER = Pattern.compile("\\d{4}-Q[1-4]");
    private static final Pattern DAY = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");

    private final String periodKind;
    private final Duration maxAge;

    public CoverageAlertRule(String periodKind, Duration maxAge) {
        this.periodKind = periodKind;
        this.maxAge = maxAge;
    }

    public boolean alerts(CoverageChanged e, Instant now) {
        if (e.provinceCode() == null || "province".equals(e.level()) || "nation".equals(e.level())) {
            return false;
        }
        if (e.previous() == e.status() || (e.previous() == null && e.status() != vn.ispeed.events.CoverageStatus.PUBLISHED)) {
            return false;
        }
        return isKind(e.period()) && !e.changedAt().isBefore(now.minus(maxAge));
    }

    public boolean isKind(String period) {
        return pattern(periodKind).matcher(period).matches();
    }

    static Pattern pattern(String kind) {
        return switch (kind) {
            case "quarter" -> QUARTER;
            case "day" -> DAY;
            default -> MONTH;
        };
    }

    /** The unique key of a received change: set:unit:network:period:status:changedAt. */
    public static String eventKey(CoverageChanged e) {
        return e.changeKey();
    }
}

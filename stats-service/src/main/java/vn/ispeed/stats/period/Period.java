package vn.ispeed.stats.period;

import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A statistics period: a day ({@code 2026-11-25}), a month ({@code 2026-11}), a quarter
 * ({@code 2026-Q4}) or the twelve months ending with a given month ({@code last12m}, derived by
 * merging the twelve month cells, never stored).
 *
 * @param kind  the granularity
 * @param label the canonical text form, the one stored in cell keys
 * @param month for LAST_12_MONTHS the last month included; else null
 */
public record Period(Kind kind, String label, YearMonth month) {

    public enum Kind { DAY, MONTH, QUARTER, LAST_12_MONTHS }

    public static final String LAST_12M = "last12m";

    private static final Pattern DAY = Pattern.compile("(\\d{4})-(\\d{2})-(\\d{2})");
    private static final Pattern MONTH = Pattern.compile("(\\d{4})-(\\d{2})");
    private static final Pattern QUARTER = Pattern.compile("(\\d{4})-Q([1-4])");

    public static Period day(LocalDate date) {
        return new Period(Kind.DAY, date.toString(), null);
    }

    public static Period month(YearMonth month) {
        return new Period(Kind.MONTH, month.toString(), null);
    }

    public static Period quarter(YearMonth month) {
        return new Period(Kind.QUARTER, month.getYear() + "-Q" + ((month.getMonthValue() - 1) / 3 + 1), null);
    }

    public static Period last12Months(YearMonth endingWith) {
        return new Period(Kind.LAST_12_MONTHS, LAST_12M, endingWith);
    }

    /**
     * Parses the API's period parameter; {@code last12m} ends with the current month in {@code zone}.
     *
     * @throws IllegalArgumentException with a message fit for a problem detail
     */
    public static Period parse(String text, ZoneId zone) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("period is required (2026-11, 2026-Q4, 2026-11-25 or last12m)");
        }
        String t = text.trim();
        if (LAST_12M.equals(t)) {
            return last12Months(YearMonth.now(zone));
        }
        try {
            Matcher m = DAY.matcher(t);
            if (m.matches()) {
                return day(LocalDate.parse(t));
            }
            m = MONTH.matcher(t);
            if (m.matches()) {
                return month(YearMonth.parse(t));
            }
            m = QUARTER.matcher(t);
            if (m.matches()) {
                int year = Integer.parseInt(m.group(1));
                int q = Integer.parseInt(m.group(2));
                return quarter(YearMonth.of(year, q * 3));
            }
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("period '" + t + "' is not a valid date");
        }
        throw new IllegalArgumentException("period '" + t + "' is not one of 2026-11, 2026-Q4, 2026-11-25 or last12m");
    }

    /** Parses a month of a series ({@code 2026-01}). */
    public static YearMonth parseMonth(String text, String field) {
        if (text == null || !MONTH.matcher(text.trim()).matches()) {
            throw new IllegalArgumentException(field + " must be a month like 2026-01");
        }
        try {
            return YearMonth.parse(text.trim());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(field + " must be a month like 2026-01");
        }
    }

    /** The stored periods a test taken on {@code date} contributes to. */
    public static List<Period> containing(LocalDate date) {
        YearMonth m = YearMonth.from(date);
        return List.of(day(date), month(m), quarter(m));
    }

    /**
     * The month labels whose cells make this period when it is read by merging months: the twelve
     * months ending with {@link #month} for last12m, a quarter's three months (how per-operator quarters
     * are read); a month or a day is itself.
     */
    public List<String> mergedMonths() {
        if (kind == Kind.QUARTER) {
            Matcher m = QUARTER.matcher(label);
            if (!m.matches()) {
                throw new IllegalStateException("not a quarter label: " + label);
            }
            YearMonth first = YearMonth.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)) * 3 - 2);
            return List.of(first.toString(), first.plusMonths(1).toString(), first.plusMonths(2).toString());
        }
        if (kind != Kind.LAST_12_MONTHS) {
            return List.of(label);
        }
        List<String> months = new ArrayList<>(12);
        for (int i = 11; i >= 0; i--) {
            months.add(month.minusMonths(i).toString());
        }
        return months;
    }

    public boolean derived() {
        return kind == Kind.LAST_12_MONTHS;
    }

    /**
     * Whether this period's figures are merged from month cells when read: last12m always, a quarter
     * when {@code oneOperator} asks for a single operator's figures (the projection stores per-operator
     * cells for months only).
     */
    public boolean mergedFromMonths(boolean oneOperator) {
        return derived() || (oneOperator && kind == Kind.QUARTER);
    }

    /** Periods whose publication changes are announced on topic coverage (see README). */
    public static boolean announces(String label) {
        return MONTH.matcher(label).matches() || QUARTER.matcher(label).matches();
    }

    @Override
    public String toString() {
        return label;
    }
}

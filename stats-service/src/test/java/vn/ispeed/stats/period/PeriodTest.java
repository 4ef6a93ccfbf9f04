package vn.ispeed.stats.period;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PeriodTest {
    private static final ZoneId VN = ZoneId.of("Asia/Ho_Chi_Minh");

    @Test
    void parsesDayMonthQuarterAndLast12Months() {
        assertThat(Period.parse("2026-11-25", VN)).isEqualTo(Period.day(LocalDate.of(2026, 11, 25)));
        assertThat(Period.parse("2026-11", VN).kind()).isEqualTo(Period.Kind.MONTH);
        assertThat(Period.parse("2026-Q4", VN).label()).isEqualTo("2026-Q4");
        Period last = Period.parse("last12m", VN);
        assertThat(last.derived()).isTrue();
        assertThat(last.mergedMonths()).hasSize(12).endsWith(YearMonth.now(VN).toString());
    }

    @Test
    void rejectsMalformedPeriods() {
        for (String bad : new String[] {"2026-13", "2026-Q5", "2026-02-30", "26-11", "last", "", "2026-11-25T00:00"}) {
            assertThatThrownBy(() -> Period.parse(bad, VN)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(() -> Period.parse(null, VN)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aDayBelongsToItsMonthAndQuarter() {
        assertThat(Period.containing(LocalDate.of(2026, 11, 25))).extracting(Period::label)
                .containsExactly("2026-11-25", "2026-11", "2026-Q4");
        assertThat(Period.containing(LocalDate.of(2026, 3, 31))).extracting(Period::label)
                .containsExactly("2026-03-31", "2026-03", "2026-Q1");
    }

    @Test
    void last12MonthsSpanTheYearBoundary() {
        assertThat(Period.last12Months(YearMonth.of(2026, 2)).mergedMonths())
                .startsWith("2025-03").endsWith("2026-02").hasSize(12);
    }

    @Test
    void aQuarterMergesItsThreeMonthsAndAMonthIsItself() {
        assertThat(Period.parse("2026-Q4", VN).mergedMonths()).containsExactly("2026-10", "2026-11", "2026-12");
        assertThat(Period.parse("2026-Q1", VN).mergedMonths()).containsExactly("2026-01", "2026-02", "2026-03");
        assertThat(Period.parse("2026-11", VN).mergedMonths()).containsExactly("2026-11");
        assertThat(Period.parse("2026-Q4", VN).mergedFromMonths(true)).isTrue();
        assertThat(Period.parse("2026-Q4", VN).mergedFromMonths(false)).isFalse();
        assertThat(Period.parse("2026-11", VN).mergedFromMonths(true)).isFalse();
        assertThat(Period.parse("last12m", VN).mergedFromMonths(false)).isTrue();
    }

    @Test
    void monthsAndQuartersAnnounceCoverageChangesDaysDoNot() {
        assertThat(Period.announces("2026-11")).isTrue();
        assertThat(Period.announces("2026-Q4")).isTrue();
        assertThat(Period.announces("2026-11-25")).isFalse();
    }
}

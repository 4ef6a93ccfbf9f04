package vn.ispeed.bench;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FreshnessTest {
    private static final long MS = 1_000_000L;

    /** Freshness over the whole run (one window). */
    private static Histogram freshness(Map<UUID, Long> acceptedAt, Set<UUID> located, List<long[]> visibility) {
        return E2eRun.freshness(acceptedAt, located, visibility, 0, Long.MAX_VALUE, new java.util.TreeMap<>());
    }

    @Test
    void kth_accepted_test_is_visible_when_the_projected_count_first_reaches_k() {
        UUID a = UUID.randomUUID();
        UUID b = UUID.randomUUID();
        UUID c = UUID.randomUUID();
        Map<UUID, Long> acceptedAt = Map.of(a, 100 * MS, b, 150 * MS, c, 400 * MS);
        List<long[]> visibility = List.of(new long[] {200 * MS, 0}, new long[] {300 * MS, 2}, new long[] {900 * MS, 3});

        Histogram h = freshness(acceptedAt, Set.of(a, b, c), visibility);

        assertThat(h.getTotalCount()).isEqualTo(3);
        // a: 300-100 = 200 ms, b: 300-150 = 150 ms, c: 900-400 = 500 ms
        assertThat(h.getMinValue() / 1000.0).isBetween(149.0, 151.0);
        assertThat(h.getMaxValue() / 1000.0).isBetween(499.0, 501.0);
    }

    @Test
    void tests_never_seen_are_not_counted_as_fresh() {
        UUID a = UUID.randomUUID();
        UUID b = UUID.randomUUID();
        Histogram h = freshness(Map.of(a, 0L, b, 10 * MS), Set.of(a, b), List.of(new long[] {50 * MS, 1}));
        assertThat(h.getTotalCount()).isEqualTo(1);
    }

    @Test
    void the_run_ends_at_the_first_poll_that_sees_every_set_complete() {
        List<long[]> visibility = List.of(new long[] {100 * MS, 5, 2}, new long[] {200 * MS, 7, 6},
                new long[] {300 * MS, 7, 7}, new long[] {400 * MS, 7, 7});
        assertThat(E2eRun.allVisibleAt(visibility, new long[] {7, 7})).isEqualTo(300 * MS);
        assertThat(E2eRun.allVisibleAt(visibility, new long[] {7, 6})).isEqualTo(200 * MS);
        assertThat(E2eRun.allVisibleAt(visibility, new long[] {7, 8})).isEqualTo(-1);
    }

    @Test
    void each_window_holds_the_tests_accepted_in_it() {
        UUID a = UUID.randomUUID();
        UUID b = UUID.randomUUID();
        UUID c = UUID.randomUUID();
        Map<UUID, Long> acceptedAt = Map.of(a, 1_100 * MS, b, 1_900 * MS, c, 2_100 * MS);
        List<long[]> visibility = List.of(new long[] {2_000 * MS, 2}, new long[] {5_100 * MS, 3});
        java.util.SortedMap<Integer, Histogram> byWindow = new java.util.TreeMap<>();

        E2eRun.freshness(acceptedAt, Set.of(a, b, c), visibility, 1_000 * MS, 1_000 * MS, byWindow);

        assertThat(byWindow.keySet()).containsExactly(0, 1);
        assertThat(byWindow.get(0).getTotalCount()).isEqualTo(2); // a and b, accepted in the first second
        assertThat(byWindow.get(1).getMaxValue() / 1000.0).isBetween(2_999.0, 3_001.0); // c: 5,100 - 2,100 ms
    }

    @Test
    void a_freshness_window_under_a_second_is_refused_with_the_option_named() {
        assertThatThrownBy(() -> new E2eRun.Options(2000, 300, 10, 20000, 1, "http://ingest", "kafka:9092", null, null, 256, 300,
                null, null, 0, 0, 7)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--freshness-window");
        assertThat(new E2eRun.Options(2000, 300, 10, 20000, 1, "http://ingest", "kafka:9092", null, null, 256, 300,
                null, null, 0, 5, 7).freshnessWindowSeconds()).isEqualTo(5);
    }

    @Test
    void a_history_the_ingest_api_would_refuse_is_refused_with_the_option_named() {
        for (int days : new int[] {0, 30}) {
            assertThatThrownBy(() -> new E2eRun.Options(2000, 300, 10, 20000, 1, "http://ingest", "kafka:9092", null, null,
                    256, 300, null, null, 0, 30, days)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("--history-days").hasMessageContaining("30 days");
        }
        assertThat(new E2eRun.Options(2000, 300, 10, 20000, 1, "http://ingest", "kafka:9092", null, null, 256, 300,
                null, null, 0, 30, 29).historyDays()).isEqualTo(29);
    }
}

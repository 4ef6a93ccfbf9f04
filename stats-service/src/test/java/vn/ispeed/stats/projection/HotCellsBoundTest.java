package vn.ispeed.stats.projection;

import org.junit.jupiter.api.Test;
import vn.ispeed.events.Metrics;
import vn.ispeed.stats.cell.CellState;
import vn.ispeed.stats.cell.Quantiles;

import static org.assertj.core.api.Assertions.assertThat;

/** The hot-cell cache stays within its heap budget and lets the least recently used cells go first. */
class HotCellsBoundTest {

    private static CellState state(int tests) {
        CellState s = CellState.empty();
        for (int i = 0; i < tests; i++) {
            s.add("device-" + i, new Metrics(10_000 * Math.pow(1.02, i), 2_000, 20, 1.0, 0.0)); // 0.5 % buckets: one per value
        }
        return s;
    }

    @Test
    void theBudgetIsNeverExceededAndTheLeastRecentlyUsedGoFirst() {
        HotCells hot = new HotCells(10_000);
        CellState s = state(3);
        for (int i = 0; i < 10; i++) {
            hot.put("cell-" + i, 1, null, s, 1_000);
        }
        assertThat(hot.size()).isEqualTo(10);
        assertThat(hot.weight()).isEqualTo(10_000);
        hot.get("cell-0"); // used: cell-1 is now the least recently used
        hot.put("cell-10", 1, null, s, 2_500);
        assertThat(hot.weight()).isLessThanOrEqualTo(10_000);
        assertThat(hot.get("cell-0")).isNotNull();
        assertThat(hot.get("cell-1")).isNull();
        assertThat(hot.get("cell-2")).isNull();
        assertThat(hot.get("cell-3")).isNull();
        assertThat(hot.get("cell-10")).isNotNull();
        assertThat(hot.fits(10_000 - hot.weight())).isTrue(); // what the preload asks before adding
        assertThat(hot.fits(10_000 - hot.weight() + 1)).isFalse();
    }

    @Test
    void aNewVersionReplacesTheOldOneAndItsWeight() {
        HotCells hot = new HotCells(10_000);
        hot.put("a", 1, null, state(1), 4_000);
        hot.put("a", 2, null, state(2), 1_000);
        assertThat(hot.size()).isEqualTo(1);
        assertThat(hot.weight()).isEqualTo(1_000);
        assertThat(hot.get("a").version()).isEqualTo(2);
        hot.remove("a");
        assertThat(hot.weight()).isZero();
    }

    @Test
    void aStateBiggerThanTheWholeBudgetIsNotKeptAndDropsItsOlderVersion() {
        HotCells hot = new HotCells(10_000);
        hot.put("a", 1, null, state(1), 1_000);
        hot.put("a", 2, null, state(2), 20_000);
        assertThat(hot.get("a")).isNull();
        assertThat(hot.weight()).isZero();
        HotCells off = new HotCells(0);
        off.put("b", 1, null, state(1), 1);
        assertThat(off.size()).isZero();
    }

    @Test
    void aCellWeighsItsValuesThenPastTheExactLimitItsSketchBuckets() {
        long small = HotCells.weigh("k", state(10));
        long exact = HotCells.weigh("k", state(Quantiles.EXACT_LIMIT));
        long big = HotCells.weigh("k", state(Quantiles.EXACT_LIMIT + 200));
        assertThat(small).isBetween(1_000L, 3_500L);
        // five metrics of EXACT_LIMIT doubles, weighed a quarter more
        assertThat(exact - small).isGreaterThan((5L * 8 * (Quantiles.EXACT_LIMIT - 16)) * 5 / 4);
        // past the limit: download buckets of 4 bytes (an int each, one per value here) and a 2 KB HLL
        assertThat(big - small).isGreaterThan(((Quantiles.EXACT_LIMIT + 200) * 4 + 2_048) * 5 / 4);
    }
}

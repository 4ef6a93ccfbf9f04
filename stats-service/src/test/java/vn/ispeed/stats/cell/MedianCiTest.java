package vn.ispeed.stats.cell;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MedianCiTest {

    @Test
    void ranksOfTheNinetyFivePercentIntervalByOrderStatistics() {
        assertThat(MedianCi.ranks(100)).containsExactly(40, 61); // 50 ± 9.8 → [x(40), x(61)]
        assertThat(MedianCi.ranks(5)).isNull();
        assertThat(MedianCi.ranks(0)).isNull();
    }

    @Test
    void coversTheTrueMedianAboutNinetyFivePercentOfTheTime() {
        java.util.Random r = new java.util.Random(7);
        int covered = 0;
        int trials = 2_000;
        for (int t = 0; t < trials; t++) {
            double[] v = new double[60];
            for (int i = 0; i < v.length; i++) {
                v[i] = Math.exp(r.nextGaussian()); // true median 1.0
            }
            java.util.Arrays.sort(v);
            long[] k = MedianCi.ranks(v.length);
            if (v[(int) k[0] - 1] <= 1.0 && v[(int) k[1] - 1] >= 1.0) {
                covered++;
            }
        }
        assertThat(covered / (double) trials).isBetween(0.93, 0.99);
    }
}

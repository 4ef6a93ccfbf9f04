package vn.ispeed.stats.cell;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The sketch's quantiles against exact order statistics on real-shaped (log-normal) speeds. */
class QuantilesTest {

    private static double[] logNormal(int n, double medianKbps, double sigma, long seed) {
        Random r = new Random(seed);
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = medianKbps * Math.exp(sigma * r.nextGaussian());
        }
        return v;
    }

    /** The exact quantile at the same rank convention as the sketch: the value of rank ⌊q·(n−1)⌋. */
    private static double exact(double[] sorted, double q) {
        return sorted[(int) Math.floor(q * (sorted.length - 1))];
    }

    @Test
    void medianP10P90WithinOnePercentOfExactOnLogNormalSpeeds() {
        for (long seed = 1; seed <= 5; seed++) {
            double[] values = logNormal(50_001, 45_000, 0.9, seed);
            Quantiles q = Quantiles.empty();
            Arrays.stream(values).forEach(q::add);
            double[] sorted = values.clone();
            Arrays.sort(sorted);
            for (double p : new double[] {0.1, 0.5, 0.9}) {
                double exact = exact(sorted, p);
                assertThat(Math.abs(q.quantile(p) - exact) / exact).as("relative error at q=%s", p).isLessThan(0.01);
            }
        }
    }

    @Test
    void mergedSketchesGiveTheMedianOfTheUnionWithinOnePercent() {
        double[] a = logNormal(20_000, 30_000, 0.8, 11);
        double[] b = logNormal(7_000, 90_000, 0.6, 12);
        Quantiles qa = Quantiles.empty();
        Quantiles qb = Quantiles.empty();
        Arrays.stream(a).forEach(qa::add);
        Arrays.stream(b).forEach(qb::add);
        qa.merge(Quantiles.fromBytes(qb.toBytes()));
        double[] all = new double[a.length + b.length];
        System.arraycopy(a, 0, all, 0, a.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        Arrays.sort(all);
        double exact = exact(all, 0.5);
        assertThat(qa.count()).isEqualTo(27_000);
        assertThat(Math.abs(qa.quantile(0.5) - exact) / exact).isLessThan(0.01);
    }

    @Test
    void survivesSerialisationWithTheSameQuantiles() {
        Quantiles q = Quantiles.empty();
        Arrays.stream(logNormal(1_000, 10_000, 1.0, 3)).forEach(q::add);
        q.add(0.0);
        Quantiles back = Quantiles.fromBytes(q.toBytes());
        assertThat(back.count()).isEqualTo(1_001);
        assertThat(back.quantile(0.5)).isEqualTo(q.quantile(0.5));
        assertThat(back.quantile(0.0)).isCloseTo(0.0, within(1e-9));
    }

    @Test
    void emptySketchHasNoQuantile() {
        assertThat(Quantiles.empty().quantile(0.5)).isNull();
        assertThat(Quantiles.fromBytes(new byte[0]).isEmpty()).isTrue();
    }
}

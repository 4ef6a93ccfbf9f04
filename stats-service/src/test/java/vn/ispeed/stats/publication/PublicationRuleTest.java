package vn.ispeed.stats.publication;

import org.junit.jupiter.api.Test;
import vn.ispeed.events.CoverageStatus;
import vn.ispeed.events.NetworkType;
import vn.ispeed.stats.cell.Figures;
import vn.ispeed.stats.cell.Stat;
import vn.ispeed.stats.config.StatsConfig;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class PublicationRuleTest {

    private static Figures figures(long tests, long devices, double median, Double ciLow, Double ciHigh) {
        Stat s = new Stat(median, median, median / 2, median * 2);
        return new Figures(tests, devices, s, s, s, null, null, ciLow, ciHigh);
    }

    private static StatsConfig.Threshold threshold(Long tests, Long devices) {
        return new StatsConfig.Threshold() {
            public Optional<Long> minTests() {
                return Optional.ofNullable(tests);
            }

            public Optional<Long> minDevices() {
                return Optional.ofNullable(devices);
            }
        };
    }

    private static StatsConfig.Level level(StatsConfig.Threshold fixed, StatsConfig.Threshold mobile) {
        return new StatsConfig.Level() {
            public StatsConfig.Threshold fixed() {
                return fixed;
            }

            public StatsConfig.Threshold mobile() {
                return mobile;
            }
        };
    }

    private static PublicationRule rule(StatsConfig.Level commune, Double pct) {
        StatsConfig.Level none = level(threshold(null, null), threshold(null, null));
        return new PublicationRule(new StatsConfig.Publication() {
            public StatsConfig.Level commune() {
                return commune;
            }

            public StatsConfig.Level district() {
                return none;
            }

            public StatsConfig.Level province() {
                return none;
            }

            public StatsConfig.Level nation() {
                return none;
            }

            public Optional<Double> maxHalfWidthPct() {
                return Optional.ofNullable(pct);
            }
        });
    }

    @Test
    void defaultsPerLevel() {
        PublicationRule r = rule(level(threshold(null, null), threshold(null, null)), null);
        assertThat(r.minTests("commune", NetworkType.FIXED)).isEqualTo(30);
        assertThat(r.minDevices("commune", NetworkType.FIXED)).isEqualTo(10);
        assertThat(r.minTests("district", NetworkType.MOBILE)).isEqualTo(50);
        assertThat(r.minDevices("district", NetworkType.MOBILE)).isEqualTo(15);
        assertThat(r.minTests("province", NetworkType.FIXED)).isEqualTo(100);
        assertThat(r.minDevices("nation", NetworkType.FIXED)).isEqualTo(30);
    }

    @Test
    void insufficientCellKnowsWhatItStillNeeds() {
        PublicationRule r = rule(level(threshold(null, null), threshold(null, null)), null);
        Publication p = r.evaluate("commune", NetworkType.FIXED, figures(22, 7, 40_000, null, null));
        assertThat(p.status()).isEqualTo(CoverageStatus.INSUFFICIENT);
        assertThat(p.needTests()).isEqualTo(8);
        assertThat(p.needDevices()).isEqualTo(3);
        Publication zero = r.evaluate("commune", NetworkType.FIXED, Figures.none());
        assertThat(zero.needTests()).isEqualTo(30);
        assertThat(zero.needDevices()).isEqualTo(10);
    }

    @Test
    void publishedAtExactlyTheThresholds() {
        PublicationRule r = rule(level(threshold(null, null), threshold(null, null)), null);
        Publication p = r.evaluate("commune", NetworkType.FIXED, figures(30, 10, 40_000, null, null));
        assertThat(p.status()).isEqualTo(CoverageStatus.PUBLISHED);
        assertThat(p.needTests()).isZero();
        assertThat(p.needDevices()).isZero();
    }

    @Test
    void thresholdsArePerNetwork() {
        PublicationRule r = rule(level(threshold(5L, 2L), threshold(60L, 20L)), null);
        assertThat(r.evaluate("commune", NetworkType.FIXED, figures(5, 2, 1, null, null)).published()).isTrue();
        Publication mobile = r.evaluate("commune", NetworkType.MOBILE, figures(5, 2, 1, null, null));
        assertThat(mobile.published()).isFalse();
        assertThat(mobile.needTests()).isEqualTo(55);
        assertThat(mobile.needDevices()).isEqualTo(18);
    }

    @Test
    void precisionRuleHoldsBackAWideConfidenceInterval() {
        PublicationRule r = rule(level(threshold(null, null), threshold(null, null)), 10.0);
        Publication wide = r.evaluate("commune", NetworkType.FIXED, figures(40, 12, 100, 70.0, 130.0));
        assertThat(wide.status()).isEqualTo(CoverageStatus.INSUFFICIENT);
        assertThat(wide.precisionMet()).isFalse();
        assertThat(wide.needTests()).isEqualTo(320); // (30% / 10%)² · 40 = 360 → 320 more
        Publication narrow = r.evaluate("commune", NetworkType.FIXED, figures(40, 12, 100, 93.0, 108.0));
        assertThat(narrow.status()).isEqualTo(CoverageStatus.PUBLISHED);
        Publication undefined = r.evaluate("commune", NetworkType.FIXED, figures(40, 12, 100, null, null));
        assertThat(undefined.published()).isFalse();
    }
}

package vn.ispeed.stats.publication;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import vn.ispeed.events.CoverageStatus;
import vn.ispeed.events.NetworkType;
import vn.ispeed.stats.cell.Figures;
import vn.ispeed.stats.config.StatsConfig;

import java.util.Optional;

/**
 * The publication rule: at least N tests from at least D distinct devices per level and network,
 * and optionally a 95% CI of the median download within ±P% of the median.
 */
@ApplicationScoped
public class PublicationRule {
    private final StatsConfig.Publication config;

    @Inject
    public PublicationRule(StatsConfig config) {
        this(config.publication());
    }

    public PublicationRule(StatsConfig.Publication config) {
        this.config = config;
    }

    /** Default minimum tests of a level (DESIGN: commune 30, district 50, province 100, nation 100). */
    public static long defaultMinTests(String level) {
        return switch (level) {
            case "commune" -> 30;
            case "district" -> 50;
            default -> 100;
        };
    }

    /** Default minimum distinct devices of a level (commune 10, district 15, province 30, nation 30). */
    public static long defaultMinDevices(String level) {
        return switch (level) {
            case "commune" -> 10;
            case "district" -> 15;
            default -> 30;
        };
    }

    public long minTests(String level, NetworkType network) {
        return threshold(level, network).flatMap(StatsConfig.Threshold::minTests).orElse(defaultMinTests(level));
    }

    public long minDevices(String level, NetworkType network) {
        return threshold(level, network).flatMap(StatsConfig.Threshold::minDevices).orElse(defaultMinDevices(level));
    }

    public Optional<Double> maxHalfWidthPct() {
        return config == null ? Optional.empty() : config.maxHalfWidthPct();
    }

    public Publication evaluate(String level, NetworkType network, Figures f) {
        long needTests = Math.max(0, minTests(level, network) - f.tests());
        long needDevices = Math.max(0, minDevices(level, network) - f.devices());
        boolean precisionMet = true;
        Optional<Double> pct = maxHalfWidthPct();
        if (pct.isPresent()) {
            double allowed = pct.get() / 100.0;
            if (f.downloadCiLow() == null || f.download() == null || f.download().median() <= 0) {
                precisionMet = false;
                needTests = Math.max(needTests, 6 - f.tests());
            } else {
                double median = f.download().median();
                double halfWidth = Math.max(median - f.downloadCiLow(), f.downloadCiHigh() - median) / median;
                if (halfWidth > allowed) {
                    precisionMet = false;
                    // the half-width shrinks as 1/√n: n' = n·(w/allowed)²
                    long wanted = (long) Math.ceil(f.tests() * Math.pow(halfWidth / allowed, 2));
                    needTests = Math.max(needTests, Math.max(1, wanted - f.tests()));
                }
            }
        }
        CoverageStatus status = needTests == 0 && needDevices == 0 && precisionMet
                ? CoverageStatus.PUBLISHED : CoverageStatus.INSUFFICIENT;
        return new Publication(status, needTests, needDevices, precisionMet);
    }

    private Optional<StatsConfig.Threshold> threshold(String level, NetworkType network) {
        if (config == null) {
            return Optional.empty();
        }
        StatsConfig.Level l = switch (level) {
            case "commune" -> config.commune();
            case "district" -> config.district();
            case "province" -> config.province();
            case "nation" -> config.nation();
            default -> null;
        };
        if (l == null) {
            return Optional.empty();
        }
        return Optional.ofNullable(network == NetworkType.FIXED ? l.fixed() : l.mobile());
    }
}

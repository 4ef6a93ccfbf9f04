package vn.ispeed.stats.cell;

/**
 * The figures of a cell, computed from its state.
 *
 * @param downloadCiLow  lower bound of the 95% distribution-free CI of the median download (null when too few tests)
 * @param downloadCiHigh upper bound of that CI
 */
public record Figures(
        long tests,
        long devices,
        Stat download,
        Stat upload,
        Stat latency,
        Double jitterMedian,
        Double lossMedian,
        Double downloadCiLow,
        Double downloadCiHigh) {

    public static Figures none() {
        return new Figures(0, 0, null, null, null, null, null, null, null);
    }
}

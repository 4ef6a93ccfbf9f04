package vn.ispeed.stats.cell;

/** Summary of one metric in a cell: median, mean, 10th and 90th percentile. */
public record Stat(double median, double mean, double p10, double p90) {
}

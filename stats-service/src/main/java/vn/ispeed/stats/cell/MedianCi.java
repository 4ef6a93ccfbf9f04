package vn.ispeed.stats.cell;

/**
 * The 95% distribution-free confidence interval of a median by order statistics: with n values,
 * the interval [x(j), x(k)] with j = ⌊n/2 − 0.98·√n⌋ and k = ⌈n/2 + 1 + 0.98·√n⌉ (1-based ranks; the
 * normal approximation of Binomial(n, ½), 1.96/2 = 0.98). Undefined (null) while j < 1 or k > n,
 * i.e. for fewer than about 6 values.
 */
public final class MedianCi {
    private MedianCi() {
    }

    /** The two 1-based ranks, or null when n is too small for a 95% interval. */
    public static long[] ranks(long n) {
        if (n < 1) {
            return null;
        }
        double half = 0.98 * Math.sqrt(n);
        long j = (long) Math.floor(n / 2.0 - half);
        long k = (long) Math.ceil(n / 2.0 + 1 + half);
        if (j < 1 || k > n) {
            return null;
        }
        return new long[] {j, k};
    }
}

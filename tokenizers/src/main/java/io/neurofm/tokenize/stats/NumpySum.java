package io.neurofm.tokenize.stats;

/**
 * numpy's float64 summation order, so statistics that feed a threshold (sample entropy's
 * r = 0.2 SD) come out bit-identical to numpy's. {@code np.sum} of a contiguous array adds
 * blocks of at most 8192 elements (the ufunc buffer) one after another, and sums each block
 * pairwise: below 8 elements in sequence, up to 128 with eight interleaved accumulators, above
 * that by splitting in two halves (the first a multiple of 8 long).
 */
public final class NumpySum {
    private static final int BUFFER = 8192;
    private static final int BLOCK = 128;

    private NumpySum() {
    }

    /** numpy.sum(x[from:from+length]) for float64. */
    public static double sum(double[] x, int from, int length) {
        if (length <= BUFFER) {
            return pairwise(x, from, length);
        }
        double total = pairwise(x, from, BUFFER);
        for (int at = BUFFER; at < length; at += BUFFER) {
            total += pairwise(x, from + at, Math.min(BUFFER, length - at));
        }
        return total;
    }

    public static double sum(double[] x) {
        return sum(x, 0, x.length);
    }

    /** numpy.mean(x[from:from+length]): the sum above divided by the count. */
    public static double mean(double[] x, int from, int length) {
        return sum(x, from, length) / length;
    }

    /**
     * numpy.std(x) with ddof = 0, as numpy computes it: mean, deviations, their squares summed
     * pairwise, divided by n, square root. {@code scratch} (at least x.length long) holds the squares.
     */
    public static double std(double[] x, double[] scratch) {
        if (x.length == 0) {
            throw new IllegalArgumentException("std of an empty array");
        }
        double mean = mean(x, 0, x.length);
        for (int i = 0; i < x.length; i++) {
            double d = x[i] - mean;
            scratch[i] = d * d;
        }
        return Math.sqrt(sum(scratch, 0, x.length) / x.length);
    }

    private static double pairwise(double[] a, int from, int n) {
        if (n < 8) {
            double res = 0.0;
            for (int i = 0; i < n; i++) {
                res += a[from + i];
            }
            return res;
        }
        if (n <= BLOCK) {
            double r0 = a[from], r1 = a[from + 1], r2 = a[from + 2], r3 = a[from + 3];
            double r4 = a[from + 4], r5 = a[from + 5], r6 = a[from + 6], r7 = a[from + 7];
            int i = 8;
            int whole = n - n % 8;
            for (; i < whole; i += 8) {
                int o = from + i;
                r0 += a[o];
                r1 += a[o + 1];
                r2 += a[o + 2];
                r3 += a[o + 3];
                r4 += a[o + 4];
                r5 += a[o + 5];
                r6 += a[o + 6];
                r7 += a[o + 7];
            }
            double res = ((r0 + r1) + (r2 + r3)) + ((r4 + r5) + (r6 + r7));
            for (; i < n; i++) {
                res += a[from + i];
            }
            return res;
        }
        int half = n / 2;
        half -= half % 8;
        return pairwise(a, from, half) + pairwise(a, from + half, n - half);
    }
}

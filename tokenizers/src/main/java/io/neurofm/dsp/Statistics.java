package io.neurofm.dsp;

import java.util.Arrays;

/** Per-channel statistics with numpy's definitions (population std, linear percentile interpolation). */
public final class Statistics {
    private Statistics() {
    }

    public static double mean(float[] x) {
        requireNonEmpty(x);
        double sum = 0;
        for (float v : x) {
            sum += v;
        }
        return sum / x.length;
    }

    /** numpy.std with ddof = 0: sqrt(mean((x - mean)^2)), two-pass for accuracy. */
    public static double std(float[] x, double mean) {
        requireNonEmpty(x);
        double sum = 0;
        for (float v : x) {
            double d = v - mean;
            sum += d * d;
        }
        return Math.sqrt(sum / x.length);
    }

    /** A sorted copy in double, for repeated percentile queries. */
    public static double[] sorted(float[] x) {
        requireNonEmpty(x);
        double[] s = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            s[i] = x[i];
        }
        Arrays.sort(s);
        return s;
    }

    /**
     * numpy.percentile(x, q) with the default 'linear' method on already sorted values: the value
     * at virtual index (n - 1) * q / 100, interpolated as numpy's _lerp does.
     */
    public static double percentileOfSorted(double[] sorted, double q) {
        if (!(q >= 0 && q <= 100)) {
            throw new IllegalArgumentException("percentile must be in [0, 100], got " + q);
        }
        if (sorted.length == 0) {
            throw new IllegalArgumentException("percentile of an empty array");
        }
        double index = (sorted.length - 1) * (q / 100);
        int below = (int) Math.floor(index);
        int above = Math.min(below + 1, sorted.length - 1);
        double gamma = index - below;
        double a = sorted[below];
        double b = sorted[above];
        double diff = b - a;
        return gamma >= 0.5 ? b - diff * (1 - gamma) : a + diff * gamma;
    }

    /** numpy.median: the middle value, or the mean of the two middle values. */
    public static double medianOfSorted(double[] sorted) {
        int n = sorted.length;
        if (n == 0) {
            throw new IllegalArgumentException("median of an empty array");
        }
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    private static void requireNonEmpty(float[] x) {
        if (x.length == 0) {
            throw new IllegalArgumentException("statistics of an empty channel");
        }
    }
}

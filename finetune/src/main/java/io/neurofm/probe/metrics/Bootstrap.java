package io.neurofm.probe.metrics;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Percentile bootstrap over test samples: {@code resamples} resamples of n samples drawn with
 * replacement (seeded {@link SplittableRandom}, so the interval is reproducible), the metric on
 * each, and the (1 - level)/2 and (1 + level)/2 percentiles with numpy's default linear
 * interpolation. Resamples on which the metric is undefined are left out and counted.
 */
public final class Bootstrap {
    /** Default number of resamples. */
    public static final int DEFAULT_RESAMPLES = 1000;
    public static final double DEFAULT_LEVEL = 0.95;

    private Bootstrap() {
    }

    public static Interval percentile(Predictions p, Metric metric, int resamples, double level, long seed) {
        if (resamples < 1) {
            throw new IllegalArgumentException("need at least one resample, got " + resamples);
        }
        if (!(level > 0 && level < 1)) {
            throw new IllegalArgumentException("level must be in (0, 1), got " + level);
        }
        double estimate = metric.compute(p);
        SplittableRandom random = new SplittableRandom(seed);
        double[] values = new double[resamples];
        int kept = 0;
        int n = p.size();
        int[] index = new int[n];
        for (int b = 0; b < resamples; b++) {
            for (int i = 0; i < n; i++) {
                index[i] = random.nextInt(n);
            }
            Predictions resample = p.select(index);
            if (metric.needsTwoTrueClasses() && !allClassesPresent(resample)) {
                continue;
            }
            double v = metric.compute(resample);
            if (Double.isFinite(v)) {
                values[kept++] = v;
            }
        }
        if (kept == 0) {
            return new Interval(estimate, Double.NaN, Double.NaN, level, resamples, resamples, seed);
        }
        double[] sorted = Arrays.copyOf(values, kept);
        Arrays.sort(sorted);
        return new Interval(estimate, quantile(sorted, (1 - level) / 2), quantile(sorted, (1 + level) / 2), level,
                resamples, resamples - kept, seed);
    }

    /** numpy.percentile's default ('linear') of an ascending array, q in [0, 1]. */
    public static double quantile(double[] sorted, double q) {
        double position = q * (sorted.length - 1);
        int below = (int) Math.floor(position);
        int above = Math.min(below + 1, sorted.length - 1);
        return sorted[below] + (sorted[above] - sorted[below]) * (position - below);
    }

    private static boolean allClassesPresent(Predictions p) {
        boolean[] seen = new boolean[p.classes()];
        int count = 0;
        for (int y : p.yTrue()) {
            if (!seen[y]) {
                seen[y] = true;
                count++;
            }
        }
        return count == p.classes();
    }
}

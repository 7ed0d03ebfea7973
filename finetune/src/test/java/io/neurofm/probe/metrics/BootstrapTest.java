package io.neurofm.probe.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BootstrapTest {
    private static Predictions sample(int n, double noise, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        int[] y = new int[n];
        int[] p = new int[n];
        double[][] s = new double[n][];
        for (int i = 0; i < n; i++) {
            y[i] = i % 2;
            double score = Math.min(1, Math.max(0, 0.5 + (y[i] == 1 ? 0.2 : -0.2) + noise * (r.nextDouble() - 0.5)));
            s[i] = new double[] {1 - score, score};
            p[i] = score >= 0.5 ? 1 : 0;
        }
        return new Predictions(y, p, s, 2);
    }

    @Test
    void seededAndOrdered() {
        Predictions p = sample(80, 1.0, 3);
        Interval a = Bootstrap.percentile(p, Metric.BALANCED_ACCURACY, 500, 0.95, 11);
        Interval b = Bootstrap.percentile(p, Metric.BALANCED_ACCURACY, 500, 0.95, 11);
        assertEquals(a, b);
        assertTrue(a.low() <= a.estimate() && a.estimate() <= a.high(), a.toString());
        assertEquals(Metric.BALANCED_ACCURACY.compute(p), a.estimate(), 0);
    }

    @Test
    void intervalNarrowsWithMoreSamples() {
        Interval small = Bootstrap.percentile(sample(40, 1.0, 5), Metric.AUROC, 300, 0.95, 1);
        Interval large = Bootstrap.percentile(sample(4000, 1.0, 5), Metric.AUROC, 300, 0.95, 1);
        // the width of a percentile interval shrinks like 1/sqrt(n): 100x the samples, about a tenth
        assertTrue(large.high() - large.low() < 0.3 * (small.high() - small.low()), small + " vs " + large);
    }

    @Test
    void numpyLinearPercentile() {
        // numpy.percentile([1, 2, 3, 4], 25) = 1.75 (position 0.75 between 1 and 2)
        assertEquals(1.75, Bootstrap.quantile(new double[] {1, 2, 3, 4}, 0.25), 1e-15);
        assertEquals(4, Bootstrap.quantile(new double[] {1, 2, 3, 4}, 1.0), 0);
    }
}

package io.neurofm.tokenize.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Sample entropy's counting against its definition, hand-derivable cases, and numpy's summation order. */
class SampleEntropyTest {
    @Test
    void diagonalRunCountingEqualsTheDefinitionPairByPair() {
        Random rng = new Random(7);
        for (int trial = 0; trial < 40; trial++) {
            int n = 10 + rng.nextInt(150);
            int m = 1 + rng.nextInt(3);
            double[] x = new double[n];
            for (int i = 0; i < n; i++) {
                // few levels, so exact ties at distance r occur and the <= boundary is exercised
                x[i] = rng.nextInt(6) * 0.25;
            }
            double r = rng.nextInt(4) * 0.25;
            SampleEntropy.Result fast = SampleEntropy.withTolerance(x, m, r);
            long[] ab = byDefinition(x, m, r);
            assertEquals(ab[0], fast.a(), "A, trial " + trial);
            assertEquals(ab[1], fast.b(), "B, trial " + trial);
        }
    }

    /** Every pair i < j of the first N - m templates, Chebyshev distance over m and m + 1 points. */
    private static long[] byDefinition(double[] x, int m, double r) {
        int templates = x.length - m;
        long a = 0;
        long b = 0;
        for (int i = 0; i < templates; i++) {
            for (int j = i + 1; j < templates; j++) {
                double d = 0;
                for (int k = 0; k < m; k++) {
                    d = Math.max(d, Math.abs(x[i + k] - x[j + k]));
                }
                if (d <= r) {
                    b++;
                    if (Math.max(d, Math.abs(x[i + m] - x[j + m])) <= r) {
                        a++;
                    }
                }
            }
        }
        return new long[] {a, b};
    }

    @Test
    void aStrictlyAlternatingSignalIsPerfectlyPredictable() {
        // templates match exactly when they start at the same parity, at every length: A = B
        double[] x = new double[101];
        for (int i = 0; i < x.length; i++) {
            x[i] = i % 2;
        }
        SampleEntropy.Result r = SampleEntropy.compute(x, 2, 0.2);
        assertEquals(r.a(), r.b());
        // 99 templates: 50 even starts, 49 odd: C(50,2) + C(49,2) matching pairs
        assertEquals(50 * 49 / 2 + 49 * 48 / 2, r.b());
        assertEquals(0.0, r.value(), 0.0);
    }

    @Test
    void whiteNoiseIsNearMinusLogErfOfOneTenth() {
        // iid Gaussian: a length-m match says nothing about the next point, so A / B estimates
        // P(|X - Y| <= 0.2 sd) for X - Y ~ N(0, 2 sd^2), which is erf(0.1) = 0.11246: SampEn 2.185
        Random rng = new Random(20261127);
        double[] x = new double[3000];
        for (int i = 0; i < x.length; i++) {
            x[i] = rng.nextGaussian();
        }
        double value = SampleEntropy.compute(x, 2, 0.2).value();
        assertTrue(value > 2.0 && value < 2.4, "white noise SampEn " + value);
        double[] sine = new double[3000];
        for (int i = 0; i < sine.length; i++) {
            sine[i] = Math.sin(2 * Math.PI * 10 * i / 160.0);
        }
        double regular = SampleEntropy.compute(sine, 2, 0.2).value();
        assertTrue(regular < 0.5 * value, "a sine is far more regular than noise: " + regular);
    }

    @Test
    void aSignalWithNoLongerMatchesHasInfiniteEntropy() {
        double[] x = {0, 10, 0, 20, 1, 30, 2};
        SampleEntropy.Result r = SampleEntropy.withTolerance(x, 1, 1.0);
        assertEquals(0, r.a());
        assertTrue(r.b() > 0);
        assertTrue(!r.isFinite() && Double.isInfinite(r.value()));
    }

    @Test
    void refusesTooShortInputsAndBadParameters() {
        assertThrows(IllegalArgumentException.class, () -> SampleEntropy.compute(new double[3], 2, 0.2));
        assertThrows(IllegalArgumentException.class, () -> SampleEntropy.compute(new double[30], 0, 0.2));
        assertThrows(IllegalArgumentException.class, () -> SampleEntropy.compute(new double[30], 2, Double.NaN));
    }

    @Test
    void numpySummationOrderIsReproducedBitForBit() {
        for (JsonNode c : NdsGolden.ROOT.get("harmonic_sums")) {
            int n = c.get("n").asInt();
            double[] x = new double[n];
            for (int k = 1; k <= n; k++) {
                x[k - 1] = 1.0 / k;
            }
            assertEquals(c.get("sum").asDouble(), NumpySum.sum(x), 0.0, "np.sum of 1/k, n = " + n);
        }
    }
}

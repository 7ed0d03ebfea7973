package io.neurofm.probe;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.neurofm.probe.metrics.Metric;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class TemporalProbeTest {
    private static final int T = 16;
    private static final int D = 4;
    /** Fewer, larger steps than the default, to keep the test short. */
    private static final TemporalProbe.Settings QUICK = new TemporalProbe.Settings(40, 64, 2e-2, 0.01, 0);

    /**
     * Sequences [T][D] of Gaussian noise (sd 0.5) in which feature 0 rises by 2 for 4 steps: from
     * step 1-3 in class 0, from step 9-11 in class 1. Each class has the same bump, so every
     * feature's mean over time has the same distribution in both classes: only WHEN it rises
     * tells them apart.
     */
    static double[][][] whenSequences(int n, long seed, int[] yOut) {
        SplittableRandom r = new SplittableRandom(seed);
        double[][][] x = new double[n][T][D];
        for (int i = 0; i < n; i++) {
            yOut[i] = i % 2;
            int onset = (yOut[i] == 0 ? 1 : 9) + r.nextInt(3);
            for (int t = 0; t < T; t++) {
                for (int j = 0; j < D; j++) {
                    x[i][t][j] = 0.5 * gaussian(r) + (j == 0 && t >= onset && t < onset + 4 ? 2 : 0);
                }
            }
        }
        return x;
    }

    private static double gaussian(SplittableRandom r) {
        return Math.sqrt(-2 * Math.log(1 - r.nextDouble())) * Math.cos(2 * Math.PI * r.nextDouble());
    }

    private static double[][] meanOverTime(double[][][] x) {
        double[][] out = new double[x.length][D];
        for (int i = 0; i < x.length; i++) {
            for (double[] step : x[i]) {
                for (int j = 0; j < D; j++) {
                    out[i][j] += step[j] / T;
                }
            }
        }
        return out;
    }

    private static List<String> names(String prefix, int n) {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            names.add(prefix + i);
        }
        return names;
    }

    private static double balancedAccuracy(ProbeDataset data, Probe probe) {
        ProbeResult r = ProbeEvaluation.run(data, probe, Splitter.stratified(5), List.of(0L), 50);
        return r.summary().get(Metric.BALANCED_ACCURACY).mean();
    }

    @Test
    void readsWhenAFeatureRisesWhereMeanPoolingIsAtChance() {
        int[] y = new int[120];
        double[][][] x = whenSequences(120, 7, y);
        List<String> classes = List.of("early", "late");
        ProbeDataset pooled = ProbeDataset.singleRecording(meanOverTime(x), y, classes, names("f", D), "s");
        ProbeDataset sequences = ProbeDataset.singleRecording(TemporalProbe.flatten(x), y, classes,
                names("v", T * D), "s");
        double linear = balancedAccuracy(pooled, new LogisticRegressionCvProbe());
        double temporal = balancedAccuracy(sequences, new TemporalProbe(T, QUICK));
        System.out.printf("balanced accuracy, 5-fold: mean pooling + logreg-cv %.3f, temporal %.3f%n", linear, temporal);
        assertTrue(linear < 0.65, "mean pooling + logistic regression should be near chance, got " + linear);
        assertTrue(temporal > 0.95, "the temporal probe should read the onset, got " + temporal);
    }

    @Test
    void learnsOppositeWeightsForEarlyAndLateSteps() {
        int[] y = new int[100];
        double[][][] x = whenSequences(100, 8, y);
        double[] w = new TemporalProbe(T, QUICK).fit(TemporalProbe.flatten(x), y, 2).timeWeights();
        double early = Arrays.stream(w, 1, 7).average().orElseThrow();
        double late = Arrays.stream(w, 9, 15).average().orElseThrow();
        // Starting from 1/T everywhere, only a difference between the two windows separates the classes.
        assertTrue(Math.signum(early) != Math.signum(late), "early " + early + ", late " + late + ", weights "
                + Arrays.toString(w));
    }

    @Test
    void aSeededFitIsReproducibleAndTheSeedMatters() {
        int[] y = new int[60];
        double[][] x = TemporalProbe.flatten(whenSequences(60, 3, y));
        TemporalProbe.Settings settings = new TemporalProbe.Settings(10, 16, 1e-2, 0.05, 11);
        double[][] a = new TemporalProbe(T, settings).fit(x, y, 2).predictProba(x);
        double[][] b = new TemporalProbe(T, settings).fit(x, y, 2).predictProba(x);
        for (int i = 0; i < a.length; i++) {
            assertArrayEquals(a[i], b[i], 0.0, "sample " + i);
            assertEquals(1.0, a[i][0] + a[i][1], 1e-12);
        }
        double[][] c = new TemporalProbe(T, settings.withSeed(12)).fit(x, y, 2).predictProba(x);
        assertFalse(Arrays.deepEquals(a, c), "another seed should give another fit");
    }

    @Test
    void refusesRowsThatAreNotSequencesOfTheGivenLength() {
        assertThrows(IllegalArgumentException.class,
                () -> new TemporalProbe(5).fit(new double[][] {{1, 2, 3, 4}, {4, 3, 2, 1}}, new int[] {0, 1}, 2));
        assertThrows(IllegalStateException.class, () -> TemporalProbe.unsized(TemporalProbe.Settings.DEFAULT)
                .fit(new double[][] {{1, 2}, {2, 1}}, new int[] {0, 1}, 2));
        assertEquals("temporal(T=2)", TemporalProbe.unsized(QUICK).withTimeSteps(2).name());
        assertThrows(IllegalArgumentException.class,
                () -> new TemporalProbe(4).fit(new double[][] {{1, 2, 3, 4}, {4, 3, 2, 1}}, new int[] {0, 1}, 2));
    }
}

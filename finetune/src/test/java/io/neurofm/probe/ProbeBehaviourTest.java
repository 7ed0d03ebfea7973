package io.neurofm.probe;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ProbeBehaviourTest {
    /** Two Gaussian blobs in 3-D, class 1 shifted along the first axis by {@code shift}. */
    private static double[][] blobs(int n, double shift, long seed, int[] yOut) {
        SplittableRandom r = new SplittableRandom(seed);
        double[][] x = new double[n][3];
        for (int i = 0; i < n; i++) {
            yOut[i] = i % 2;
            for (int j = 0; j < 3; j++) {
                x[i][j] = gaussian(r) + (j == 0 && yOut[i] == 1 ? shift : 0);
            }
        }
        return x;
    }

    private static double gaussian(SplittableRandom r) {
        return Math.sqrt(-2 * Math.log(1 - r.nextDouble())) * Math.cos(2 * Math.PI * r.nextDouble());
    }

    @Test
    void knnHandVotesAndDeterministicTieBreak() {
        // 1-D training points; the query at 0 has neighbours 0.1 (class 1), -0.2 (class 0),
        // 0.3 (class 0), -0.4 (class 1): with k = 4 the votes tie 2:2 and the nearest (class 1) wins
        double[][] x = {{0.1}, {-0.2}, {0.3}, {-0.4}, {5}};
        int[] y = {1, 0, 0, 1, 0};
        KnnProbe.Fitted knn = new KnnProbe(4, KnnProbe.Distance.EUCLIDEAN, false).fit(x, y, 2);
        assertArrayEquals(new int[] {1}, knn.predict(new double[][] {{0}}));
        assertArrayEquals(new double[] {0.5, 0.5}, knn.predictProba(new double[][] {{0}})[0], 0);
        // k = 3: two of class 0 among 0.1, -0.2, 0.3
        assertArrayEquals(new int[] {0}, new KnnProbe(3, KnnProbe.Distance.EUCLIDEAN, false).fit(x, y, 2)
                .predict(new double[][] {{0}}));
    }

    @Test
    void knnCosineIgnoresLength() {
        double[][] x = {{1, 0}, {0, 1}};
        int[] y = {0, 1};
        KnnProbe.Fitted knn = new KnnProbe(1, KnnProbe.Distance.COSINE, false).fit(x, y, 2);
        assertArrayEquals(new int[] {0, 1}, knn.predict(new double[][] {{100, 1}, {0.01, 0.5}}));
    }

    @Test
    void separableBlobsAreLearnt() {
        int[] y = new int[200];
        double[][] x = blobs(200, 4, 1, y);
        int[] yTest = new int[200];
        double[][] xTest = blobs(200, 4, 2, yTest);
        for (Probe p : new Probe[] {new LogisticRegressionCvProbe(), new KnnProbe(), new LdaProbe(true),
                new LdaProbe(false)}) {
            int[] pred = p.fit(x, y, 2).predict(xTest);
            int hit = 0;
            for (int i = 0; i < pred.length; i++) {
                hit += pred[i] == yTest[i] ? 1 : 0;
            }
            // the Bayes accuracy for a 4-sigma shift is Phi(2) = 0.977
            assertTrue(hit / 200.0 > 0.93, p.name() + " accuracy " + hit / 200.0);
        }
    }

    @Test
    void cvChoosesStrongerRegularisationOnNoise() {
        int[] y = new int[60];
        double[][] x = blobs(60, 0, 3, y);
        LogisticRegressionCvProbe.Fitted noise = new LogisticRegressionCvProbe().fit(x, y, 2);
        int[] y2 = new int[60];
        double[][] x2 = blobs(60, 6, 3, y2);
        LogisticRegressionCvProbe.Fitted signal = new LogisticRegressionCvProbe().fit(x2, y2, 2);
        assertEquals(10, noise.innerAccuracy().length);
        // with a 6-sigma shift every C above the smallest separates perfectly
        assertTrue(signal.innerAccuracy()[9] > 0.95, java.util.Arrays.toString(signal.innerAccuracy()));
        assertTrue(noise.innerAccuracy()[9] < 0.8, java.util.Arrays.toString(noise.innerAccuracy()));
    }

    @Test
    void probabilitiesSumToOne() {
        int[] y = new int[30];
        double[][] x = blobs(30, 1, 4, y);
        for (Probe p : new Probe[] {new LogisticRegressionProbe(1), new KnnProbe(), new LdaProbe(true)}) {
            for (double[] row : p.fit(x, y, 2).predictProba(x)) {
                assertEquals(1, row[0] + row[1], 1e-12, p.name());
            }
        }
    }

    @Test
    void refusesBadInput() {
        assertThrows(IllegalArgumentException.class,
                () -> new LogisticRegressionProbe(1).fit(new double[][] {{1}, {Double.NaN}}, new int[] {0, 1}, 2));
        assertThrows(IllegalArgumentException.class,
                () -> new KnnProbe(5, KnnProbe.Distance.EUCLIDEAN, true).fit(new double[][] {{1}, {2}}, new int[] {0, 1}, 2));
        assertThrows(IllegalArgumentException.class, () -> new LogisticRegressionProbe(0));
        var fitted = new LdaProbe(false).fit(new double[][] {{1, 0}, {2, 1}, {0, 3}, {4, 1}}, new int[] {0, 1, 0, 1}, 2);
        assertThrows(IllegalArgumentException.class, () -> fitted.predictProba(new double[][] {{1, 2, 3}}));
    }
}

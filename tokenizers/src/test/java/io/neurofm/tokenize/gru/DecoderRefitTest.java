package io.neurofm.tokenize.gru;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The least-squares refit reproduces a signal made by K-tap waveforms exactly. (The waveforms
 * themselves are not identifiable: a constant added to tap j of every code and taken off the bias
 * gives the same output, so the test compares reconstructions.)
 */
class DecoderRefitTest {
    @Test
    void recoversTheGeneratingWaveformsForBothPaddings() {
        for (DecoderPadding padding : DecoderPadding.values()) {
            int codes = 5;
            int k = 4;
            int left = padding.left(k);
            Random random = new Random(3);
            float[] truth = new float[codes * k];
            for (int i = 0; i < truth.length; i++) {
                truth[i] = (float) random.nextGaussian();
            }
            float bias = 0.25f;
            int n = 2000;
            int[] c = new int[n];
            for (int t = 0; t < n; t++) {
                c[t] = random.nextInt(codes - 1); // the last code is never used
            }
            float[] x = new float[n];
            for (int t = 0; t < n; t++) {
                x[t] = bias;
                for (int j = 0; j < k; j++) {
                    int src = t + j - left;
                    if (src >= 0 && src < n) {
                        x[t] += truth[c[src] * k + j];
                    }
                }
            }
            float[] initial = new float[codes * k];
            java.util.Arrays.fill(initial, 7f);
            float[] fit = DecoderRefit.fit(List.of(x), new int[][] {c}, codes, k, left, initial);
            float[] back = new float[n];
            for (int t = 0; t < n; t++) {
                back[t] = fit[fit.length - 1];
                for (int j = 0; j < k; j++) {
                    int src = t + j - left;
                    if (src >= 0 && src < n) {
                        back[t] += fit[c[src] * k + j];
                    }
                }
            }
            // The interior is exact; the first and last K samples (partly silent neighbours) carry the
            // tiny ridge's pull on the otherwise unidentified direction.
            assertArrayEquals(java.util.Arrays.copyOfRange(x, k, n - k), java.util.Arrays.copyOfRange(back, k, n - k),
                    1e-3f, padding.name());
            assertArrayEquals(x, back, 1e-2f, padding.name());
            for (int i = (codes - 1) * k; i < codes * k; i++) {
                assertEquals(7f, fit[i], "an unused code keeps its trained waveform");
            }
        }
    }

    @Test
    void reportsTheTrainingErrorOfTheDecoderItReturns() {
        int codes = 6;
        int k = 5;
        int left = DecoderPadding.SAME.left(k);
        Random random = new Random(11);
        List<float[]> sequences = new java.util.ArrayList<>();
        int[][] c = new int[3][];
        double squares = 0;
        long samples = 0;
        for (int s = 0; s < 3; s++) {
            int n = 500 + 100 * s;
            float[] x = new float[n];
            c[s] = new int[n];
            for (int t = 0; t < n; t++) {
                x[t] = (float) random.nextGaussian(); // noise: the codes cannot explain it all
                c[s][t] = random.nextInt(codes);
            }
            sequences.add(x);
        }
        DecoderRefit.Solution solution = DecoderRefit.solve(sequences, c, codes, k, left, new float[codes * k]);
        float[] w = solution.decoder();
        for (int s = 0; s < 3; s++) {
            float[] x = sequences.get(s);
            for (int t = 0; t < x.length; t++) {
                double y = w[w.length - 1];
                for (int j = 0; j < k; j++) {
                    int src = t + j - left;
                    if (src >= 0 && src < x.length) {
                        y += w[c[s][src] * k + j];
                    }
                }
                squares += (x[t] - y) * (x[t] - y);
                samples++;
            }
        }
        double direct = squares / samples;
        assertEquals(direct, solution.meanSquaredError(), 1e-6 * direct, "error from the normal equations");
        assertEquals(true, direct > 0.5 && direct < 1, "noise is mostly unexplained: " + direct);
    }
}

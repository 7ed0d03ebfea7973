package io.neurofm.tokenize.gru;

import java.util.List;

/**
 * Refits the decoder (one K-tap waveform per code plus a bias) to the hard codes by linear least
 * squares on the training sequences.
 *
 * <p>Why: training ends on a quantiser that is still partly soft ({@code T * softmax + (1 - T) *
 * onehot}), and the few steps at T near 0 leave the waveforms tuned to soft mixtures; encode and
 * decode use hard codes only. Given the codes, the decoder is linear in its weights
 * ({@code x̂_t = b + Σ_j w[c_{t - j + left}][j]}), so the waveforms that minimise the MSE of
 * the hard-code reconstruction have a closed form. The encoder is untouched, so tokens do not
 * change. Sequences are decoded whole, with silence beyond their ends, exactly as
 * {@link GruTokenizer#decode} does.
 */
final class DecoderRefit {
    /** Ridge on the normal equations, relative to their mean diagonal: keeps rarely used taps finite. */
    private static final double RIDGE = 1e-6;

    private DecoderRefit() {
    }

    /**
     * @param sequences z-scored training sequences
     * @param codes     hard code per sample of each sequence
     * @param codeCount network codes N
     * @param kernel    taps K
     * @param left      taps of look-ahead ({@link DecoderPadding#left})
     * @param initial   current decoder weight {@code [N][K]} flattened, kept for codes never used
     * @return {@code [N*K weights..., bias]}
     */
    static float[] fit(List<float[]> sequences, int[][] codes, int codeCount, int kernel, int left, float[] initial) {
        int p = codeCount * kernel + 1;
        int bias = p - 1;
        double[] a = new double[p * p];
        double[] r = new double[p];
        int[] active = new int[kernel + 1];
        for (int s = 0; s < sequences.size(); s++) {
            float[] x = sequences.get(s);
            int[] c = codes[s];
            for (int t = 0; t < x.length; t++) {
                int m = 0;
                // Output t receives tap j of the token at t + j - left (as GruTokenizer.decode).
                for (int j = 0; j < kernel; j++) {
                    int src = t + j - left;
                    if (src >= 0 && src < x.length) {
                        active[m++] = c[src] * kernel + j;
                    }
                }
                active[m++] = bias;
                for (int u = 0; u < m; u++) {
                    int row = active[u] * p;
                    for (int v = 0; v < m; v++) {
                        a[row + active[v]] += 1;
                    }
                    r[active[u]] += x[t];
                }
            }
        }
        double trace = 0;
        for (int i = 0; i < p; i++) {
            trace += a[i * p + i];
        }
        double ridge = RIDGE * trace / p;
        boolean[] used = new boolean[p];
        for (int i = 0; i < p; i++) {
            used[i] = a[i * p + i] > 0;
            a[i * p + i] += ridge;
        }
        double[] theta = solveSymmetricPositive(a, r, p);
        float[] out = new float[p];
        for (int i = 0; i < p - 1; i++) {
            out[i] = used[i] ? (float) theta[i] : initial[i];
        }
        out[bias] = (float) theta[bias];
        return out;
    }

    /** Cholesky solve of A x = b (A symmetric positive definite, row-major, overwritten). */
    static double[] solveSymmetricPositive(double[] a, double[] b, int n) {
        for (int j = 0; j < n; j++) {
            double d = a[j * n + j];
            for (int k = 0; k < j; k++) {
                d -= a[j * n + k] * a[j * n + k];
            }
            if (!(d > 0)) {
                throw new IllegalStateException("normal equations are not positive definite at column " + j);
            }
            double l = Math.sqrt(d);
            a[j * n + j] = l;
            for (int i = j + 1; i < n; i++) {
                double v = a[i * n + j];
                for (int k = 0; k < j; k++) {
                    v -= a[i * n + k] * a[j * n + k];
                }
                a[i * n + j] = v / l;
            }
        }
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            double v = b[i];
            for (int k = 0; k < i; k++) {
                v -= a[i * n + k] * y[k];
            }
            y[i] = v / a[i * n + i];
        }
        double[] x = new double[n];
        for (int i = n - 1; i >= 0; i--) {
            double v = y[i];
            for (int k = i + 1; k < n; k++) {
                v -= a[k * n + i] * x[k];
            }
            x[i] = v / a[i * n + i];
        }
        return x;
    }
}

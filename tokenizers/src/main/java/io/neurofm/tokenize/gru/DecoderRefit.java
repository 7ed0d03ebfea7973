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
        return solve(sequences, codes, codeCount, kernel, left, initial).decoder();
    }

    /**
     * The refit decoder and the mean squared error of the training reconstruction it gives.
     *
     * @param decoder          {@code [N*K weights..., bias]}
     * @param meanSquaredError over every sample of the sequences (z-scored units)
     */
    record Solution(float[] decoder, double meanSquaredError) {
    }

    /** As {@link #fit}, also returning the training reconstruction error (from the normal equations, exact). */
    static Solution solve(List<float[]> sequences, int[][] codes, int codeCount, int kernel, int left,
                          float[] initial) {
        int p = codeCount * kernel + 1;
        int bias = p - 1;
        double[] a = new double[p * p];
        double[] r = new double[p];
        double sumSquares = 0;
        long samples = 0;
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
                sumSquares += (double) x[t] * x[t];
            }
            samples += x.length;
        }
        double[] gram = a.clone(); // the solve overwrites a; the error needs A without the ridge
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
        // |x - Φθ|² = x·x - 2 θ·(Φᵀx) + θᵀ(ΦᵀΦ)θ, with the float weights actually kept (unused taps have zero rows).
        double quadratic = 0;
        double linear = 0;
        for (int i = 0; i < p; i++) {
            if (gram[i * p + i] == 0) {
                continue;
            }
            double row = 0;
            for (int j = 0; j < p; j++) {
                row += gram[i * p + j] * out[j];
            }
            quadratic += out[i] * row;
            linear += out[i] * r[i];
        }
        double error = Math.max(0, sumSquares - 2 * linear + quadratic);
        return new Solution(out, samples == 0 ? 0 : error / samples);
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

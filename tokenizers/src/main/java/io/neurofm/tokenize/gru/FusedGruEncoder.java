package io.neurofm.tokenize.gru;

import io.neurofm.tokenize.TokenizerState;
import java.util.Map;

/**
 * Inference-only encoder in plain Java: GRU(1 -> H) -> Linear(H -> N) -> LayerNorm -> argmax
 * over the allowed codes, for a block of equally long windows run in lockstep.
 *
 * <p>Why not libtorch: at::gru on CPU is a per-timestep loop of small kernels, so encoding paid
 * the JNI and kernel-launch cost of ~10 operations per sample step and did not get faster with
 * larger batches (measured 12x real time at 32k samples per batch, 3-4x at 256k-1M). Here the
 * recurrent weights are stored transposed, one Java array per input unit, so every update is an
 * {@code axpy} over a contiguous row that HotSpot's auto-vectoriser turns into SIMD code, one
 * weight row serving the whole block from L1; the nonlinearities are branch-free rational
 * approximations (see {@link #tanh}) so they vectorise too.
 *
 * <p>Equations and gate order are PyTorch's ({@code r, z, n} rows; {@code n = tanh(Wi_n x + b_in +
 * r * (Wh_n h + b_hn))}, {@code h' = n + z * (h - n)}), so codes agree with the libtorch encoder up to
 * float rounding; they can differ only where the two best logits are within rounding of each other
 * (argmax ties, see docs/gru.md for the measured rate). Results do not depend on thread count or
 * block composition: each window's arithmetic is the same whatever runs beside it.
 */
final class FusedGruEncoder {
    private static final float LAYER_NORM_EPS = 1e-5f;
    private final int h;
    private final int n;
    // Each gate's input weight/bias row and hidden bias split out, and every matrix as one Java array
    // per row: HotSpot 17 vectorises a[j] += s * b[j] only when all arrays in the loop share an offset.
    private final float[] wiRz;
    private final float[] biRz;
    private final float[] wiN;
    private final float[] biN;
    /** Per hidden unit k: [W_hh[:, k] (3H) | W_linear[:, k] (N)], so one pass gives the next step's hidden
     *  gates and the current state's logits. */
    private final float[][] wT;
    /** [b_hh (3H) | b_linear (N)]. */
    private final float[] bias;
    private final float[] gamma;
    private final float[] beta;
    /** beta with -inf at codes that may not win, so the argmax needs no mask test. */
    private final float[] maskedBeta;

    FusedGruEncoder(GruConfig config, Map<String, TokenizerState.Tensor> weights, boolean[] allowed) {
        Weights.check(config, weights);
        h = config.hidden();
        n = config.vocabulary();
        float[] wi = tensor(weights, "gru.weight_ih_l0");
        float[] bi = tensor(weights, "gru.bias_ih_l0");
        float[] bh = tensor(weights, "gru.bias_hh_l0");
        wiRz = java.util.Arrays.copyOfRange(wi, 0, 2 * h);
        biRz = java.util.Arrays.copyOfRange(bi, 0, 2 * h);
        wiN = java.util.Arrays.copyOfRange(wi, 2 * h, 3 * h);
        biN = java.util.Arrays.copyOfRange(bi, 2 * h, 3 * h);
        float[] whh = tensor(weights, "gru.weight_hh_l0"); // [3H][H]
        float[] wl = tensor(weights, "linear.weight"); // [N][H]
        wT = new float[h][3 * h + n];
        for (int k = 0; k < h; k++) {
            for (int r = 0; r < 3 * h; r++) {
                wT[k][r] = whh[r * h + k];
            }
            for (int i = 0; i < n; i++) {
                wT[k][3 * h + i] = wl[i * h + k];
            }
        }
        bias = new float[3 * h + n];
        System.arraycopy(tensor(weights, "gru.bias_hh_l0"), 0, bias, 0, 3 * h);
        System.arraycopy(tensor(weights, "linear.bias"), 0, bias, 3 * h, n);
        gamma = tensor(weights, "norm.weight");
        beta = tensor(weights, "norm.bias");
        if (allowed != null && allowed.length != n) {
            throw new IllegalArgumentException("mask has " + allowed.length + " codes, the network " + n);
        }
        maskedBeta = beta.clone();
        for (int i = 0; i < n; i++) {
            if (allowed != null && !allowed[i]) {
                maskedBeta[i] = Float.NEGATIVE_INFINITY;
            }
        }
    }

    /** Scratch for one block of windows (rounded up to a multiple of 4); one per thread. */
    final class Block {
        final int size;
        final float[][] state;
        final float[][] out;
        final float[][] ghN;
        final float[][] rz;
        final float[][] z;
        final float[][] nn;
        final float[] normalised;

        Block(int windows) {
            size = (windows + 3) / 4 * 4;
            state = new float[size][h];
            out = new float[size][3 * h + n];
            ghN = new float[size][h];
            rz = new float[size][2 * h];
            z = new float[size][h];
            nn = new float[size][h];
            normalised = new float[n];
        }
    }

    Block block(int windows) {
        return new Block(windows);
    }

    /**
     * Encodes {@code count <= block.size} windows of {@code length} samples held row-major in
     * {@code x} ({@code x[s * length + t]}), writing the winning code of each sample to
     * {@code codes[s * length + t]}. The state starts at zero.
     */
    void encode(Block b, float[] x, int count, int length, int[] codes) {
        int rows = (count + 3) / 4 * 4;
        for (int s = 0; s < rows; s++) {
            java.util.Arrays.fill(b.state[s], 0f);
        }
        // Time-major copies: each step then reads its inputs and writes its codes contiguously, where
        // window-major indexing touched one cache line per window per step, lines a window apart.
        float[] xByTime = new float[length * rows];
        for (int s = 0; s < count; s++) {
            for (int t = 0; t < length; t++) {
                xByTime[t * rows + s] = x[s * length + t];
            }
        }
        int[] codesByTime = new int[length * count];
        float[] xt = new float[rows];
        for (int t = 0; t <= length; t++) {
            // One pass over the weights: hidden gates for step t and logits of the state after step t - 1.
            matmulRows(b.state, wT, bias, b.out, rows);
            if (t > 0) {
                int at = (t - 1) * count;
                for (int s = 0; s < count; s++) {
                    codesByTime[at + s] = argmaxNormalised(b.out[s], 3 * h, b.normalised);
                }
            }
            if (t == length) {
                break;
            }
            System.arraycopy(xByTime, t * rows, xt, 0, rows);
            gates(b, xt, rows);
        }
        for (int s = 0; s < count; s++) {
            for (int t = 0; t < length; t++) {
                codes[s * length + t] = codesByTime[t * count + s];
            }
        }
    }

    private void gates(Block b, float[] xt, int rows) {
        for (int s = 0; s < rows; s++) {
            float xv = xt[s];
            float[] rz = b.rz[s];
            float[] gh = b.out[s];
            for (int j = 0; j < rz.length; j++) {
                rz[j] = (xv * wiRz[j] + biRz[j]) + gh[j];
            }
            sigmoid(rz, rz.length);
            float[] nn = b.nn[s];
            float[] ghN = b.ghN[s];
            System.arraycopy(gh, 2 * h, ghN, 0, h);
            for (int j = 0; j < nn.length; j++) {
                nn[j] = (xv * wiN[j] + biN[j]) + rz[j] * ghN[j];
            }
            tanh(nn, nn.length);
            float[] z = b.z[s];
            System.arraycopy(rz, h, z, 0, h);
            float[] state = b.state[s];
            for (int j = 0; j < state.length; j++) {
                float nv = nn[j];
                state[j] = nv + z[j] * (state[j] - nv);
            }
        }
    }

    /**
     * {@code out[s] = bias + in[s] · wT} for rows {@code s < rows} (a multiple of 4): with the Vector API
     * when the JVM has it ({@link VectorRows}), the columns it does not cover here: four rows per pass
     * over each weight row, so every loaded weight feeds four multiply-adds.
     */
    private static void matmulRows(float[][] in, float[][] wT, float[] bias, float[][] out, int rows) {
        int from = 0;
        if (VectorRows.AVAILABLE) {
            VectorRows.matmulRows(in, wT, bias, out, rows);
            from = VectorRows.coveredColumns(bias.length);
        }
        if (from < bias.length) {
            plainRows(in, wT, bias, out, rows, from);
        }
    }

    /** The same product for columns {@code j >= from}, in plain Java (auto-vectorised). */
    static void plainRows(float[][] in, float[][] wT, float[] bias, float[][] out, int rows, int from) {
        for (int s = 0; s < rows; s++) {
            System.arraycopy(bias, from, out[s], from, bias.length - from);
        }
        for (int k = 0; k < wT.length; k++) {
            float[] w = wT[k];
            for (int s = 0; s < rows; s += 4) {
                float h0 = in[s][k];
                float h1 = in[s + 1][k];
                float h2 = in[s + 2][k];
                float h3 = in[s + 3][k];
                float[] a0 = out[s];
                float[] a1 = out[s + 1];
                float[] a2 = out[s + 2];
                float[] a3 = out[s + 3];
                for (int j = from; j < w.length; j++) {
                    float wj = w[j];
                    a0[j] += h0 * wj;
                    a1[j] += h1 * wj;
                    a2[j] += h2 * wj;
                    a3[j] += h3 * wj;
                }
            }
        }
    }

    /**
     * argmax of LayerNorm(z) * gamma + beta over the allowed codes (first index on exact ties, as torch).
     * The two sums run as eight interleaved partial sums: a single float accumulator is a chain of
     * dependent adds that cost more than the rest of the function. (libtorch sums in its own order
     * too; codes can then differ from its only at near-ties, see the test.)
     */
    private int argmaxNormalised(float[] row, int from, float[] v) {
        float mean = sum8(row, from, n, 0f, false) / n;
        float std = (float) Math.sqrt(sum8(row, from, n, mean, true) / n + LAYER_NORM_EPS);
        float[] b = maskedBeta;
        for (int i = 0; i < n; i++) {
            v[i] = (row[from + i] - mean) / std * gamma[i] + b[i];
        }
        int best = 0;
        float bestValue = v[0];
        for (int i = 1; i < n; i++) {
            if (v[i] > bestValue) {
                best = i;
                bestValue = v[i];
            }
        }
        return best;
    }

    /** Over {@code z[from, from + len)}: the sum, or {@code sum((z - centre)^2)} when {@code squares}; eight partial sums. */
    private static float sum8(float[] row, int from, int len, float centre, boolean squares) {
        float s0 = 0;
        float s1 = 0;
        float s2 = 0;
        float s3 = 0;
        float s4 = 0;
        float s5 = 0;
        float s6 = 0;
        float s7 = 0;
        int i = 0;
        for (; i + 8 <= len; i += 8) {
            if (squares) {
                float d0 = row[from + i] - centre;
                float d1 = row[from + i + 1] - centre;
                float d2 = row[from + i + 2] - centre;
                float d3 = row[from + i + 3] - centre;
                float d4 = row[from + i + 4] - centre;
                float d5 = row[from + i + 5] - centre;
                float d6 = row[from + i + 6] - centre;
                float d7 = row[from + i + 7] - centre;
                s0 += d0 * d0;
                s1 += d1 * d1;
                s2 += d2 * d2;
                s3 += d3 * d3;
                s4 += d4 * d4;
                s5 += d5 * d5;
                s6 += d6 * d6;
                s7 += d7 * d7;
            } else {
                s0 += row[from + i];
                s1 += row[from + i + 1];
                s2 += row[from + i + 2];
                s3 += row[from + i + 3];
                s4 += row[from + i + 4];
                s5 += row[from + i + 5];
                s6 += row[from + i + 6];
                s7 += row[from + i + 7];
            }
        }
        for (; i < len; i++) {
            float d = squares ? row[from + i] - centre : row[from + i];
            s0 += squares ? d * d : d;
        }
        return ((s0 + s1) + (s2 + s3)) + ((s4 + s5) + (s6 + s7));
    }

    private static final float TANH_CLAMP = 7.90531110763549805f;
    private static final float A1 = 4.89352455891786e-03f;
    private static final float A3 = 6.37261928875436e-04f;
    private static final float A5 = 1.48572235717979e-05f;
    private static final float A7 = 5.12229709037114e-08f;
    private static final float A9 = -8.60467152213735e-11f;
    private static final float A11 = 2.00018790482477e-13f;
    private static final float A13 = -2.76076847742355e-16f;
    private static final float B0 = 4.89352518554385e-03f;
    private static final float B2 = 2.26843463243900e-03f;
    private static final float B4 = 1.18534705686654e-04f;
    private static final float B6 = 1.19825839466702e-06f;

    /**
     * tanh in place over {@code a[0, len)}: the 13/6 odd/even rational minimax approximation
     * used by Eigen for float tanh on a clamped argument (absolute error a few 1e-7, tested
     * against Math.tanh); branch-free so HotSpot vectorises the loop.
     */
    static void tanh(float[] a, int len) {
        for (int i = 0; i < len; i++) {
            a[i] = tanhOf(a[i]);
        }
    }

    /** Logistic sigmoid in place, as 0.5 + 0.5 tanh(x / 2). */
    static void sigmoid(float[] a, int len) {
        for (int i = 0; i < len; i++) {
            a[i] = 0.5f + 0.5f * tanhOf(0.5f * a[i]);
        }
    }

    static float tanhOf(float v) {
        float x = Math.max(-TANH_CLAMP, Math.min(TANH_CLAMP, v));
        float x2 = x * x;
        float p = A13;
        p = p * x2 + A11;
        p = p * x2 + A9;
        p = p * x2 + A7;
        p = p * x2 + A5;
        p = p * x2 + A3;
        p = p * x2 + A1;
        p = p * x;
        float q = B6;
        q = q * x2 + B4;
        q = q * x2 + B2;
        q = q * x2 + B0;
        return p / q;
    }

    /** The named tensor's values; shapes are checked by {@link Weights#check}. */
    private static float[] tensor(Map<String, TokenizerState.Tensor> weights, String name) {
        return weights.get(name).data();
    }

}

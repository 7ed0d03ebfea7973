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
 * recurrent weights are stored transposed ({@code [k][gate row]}), so every update is an
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
    private final int g;
    private final int n;
    private final float[] wi;
    private final float[] bi;
    private final float[] bh;
    private final float[] whhT;
    private final float[] wlT;
    private final float[] bl;
    private final float[] gamma;
    private final float[] beta;
    private final boolean[] allowed;

    FusedGruEncoder(GruConfig config, Map<String, TokenizerState.Tensor> weights, boolean[] allowed) {
        Weights.check(config, weights);
        h = config.hidden();
        g = 3 * h;
        n = config.vocabulary();
        wi = tensor(weights, "gru.weight_ih_l0");
        bi = tensor(weights, "gru.bias_ih_l0");
        bh = tensor(weights, "gru.bias_hh_l0");
        whhT = transpose(tensor(weights, "gru.weight_hh_l0"), g, h);
        wlT = transpose(tensor(weights, "linear.weight"), n, h);
        bl = tensor(weights, "linear.bias");
        gamma = tensor(weights, "norm.weight");
        beta = tensor(weights, "norm.bias");
        this.allowed = allowed == null ? null : allowed.clone();
        if (this.allowed != null && this.allowed.length != n) {
            throw new IllegalArgumentException("mask has " + this.allowed.length + " codes, the network " + n);
        }
    }

    /** Scratch buffers for one block; one per thread. */
    final class Block {
        final int size;
        final float[] state;
        final float[] gh;
        final float[] rz;
        final float[] nn;
        final float[] logits;

        Block(int size) {
            this.size = size;
            state = new float[size * h];
            gh = new float[size * g];
            rz = new float[size * 2 * h];
            nn = new float[size * h];
            logits = new float[size * n];
        }
    }

    Block block(int size) {
        return new Block(size);
    }

    /**
     * Encodes {@code count <= block.size} windows of {@code length} samples held row-major in
     * {@code x} ({@code x[s * length + t]}), writing the winning code of each sample to
     * {@code codes[s * length + t]}. The state starts at zero.
     */
    void encode(Block b, float[] x, int count, int length, int[] codes) {
        java.util.Arrays.fill(b.state, 0, count * h, 0f);
        for (int t = 0; t < length; t++) {
            step(b, x, count, length, t);
            head(b, count, length, t, codes);
        }
    }

    private void step(Block b, float[] x, int count, int length, int t) {
        float[] state = b.state;
        float[] gh = b.gh;
        float[] rz = b.rz;
        float[] nn = b.nn;
        for (int s = 0; s < count; s++) {
            System.arraycopy(bh, 0, gh, s * g, g);
        }
        for (int k = 0; k < h; k++) {
            int row = k * g;
            for (int s = 0; s < count; s++) {
                float hk = state[s * h + k];
                int o = s * g;
                for (int j = 0; j < g; j++) {
                    gh[o + j] += hk * whhT[row + j];
                }
            }
        }
        int h2 = 2 * h;
        for (int s = 0; s < count; s++) {
            float xv = x[s * length + t];
            int o = s * g;
            int r = s * h2;
            for (int j = 0; j < h2; j++) {
                rz[r + j] = (xv * wi[j] + bi[j]) + gh[o + j];
            }
        }
        sigmoid(rz, count * h2);
        for (int s = 0; s < count; s++) {
            float xv = x[s * length + t];
            int o = s * g + h2;
            int r = s * h2;
            int q = s * h;
            for (int j = 0; j < h; j++) {
                nn[q + j] = (xv * wi[h2 + j] + bi[h2 + j]) + rz[r + j] * gh[o + j];
            }
        }
        tanh(nn, count * h);
        for (int s = 0; s < count; s++) {
            int zo = s * h2 + h;
            int q = s * h;
            for (int j = 0; j < h; j++) {
                float nv = nn[q + j];
                state[q + j] = nv + rz[zo + j] * (state[q + j] - nv);
            }
        }
    }

    private void head(Block b, int count, int length, int t, int[] codes) {
        float[] logits = b.logits;
        float[] state = b.state;
        for (int s = 0; s < count; s++) {
            System.arraycopy(bl, 0, logits, s * n, n);
        }
        for (int k = 0; k < h; k++) {
            int row = k * n;
            for (int s = 0; s < count; s++) {
                float hk = state[s * h + k];
                int o = s * n;
                for (int i = 0; i < n; i++) {
                    logits[o + i] += hk * wlT[row + i];
                }
            }
        }
        for (int s = 0; s < count; s++) {
            codes[s * length + t] = argmaxNormalised(logits, s * n);
        }
    }

    /** argmax of LayerNorm(z) * gamma + beta over the allowed codes (first index on exact ties, as torch). */
    private int argmaxNormalised(float[] z, int o) {
        float sum = 0;
        for (int i = 0; i < n; i++) {
            sum += z[o + i];
        }
        float mean = sum / n;
        float sq = 0;
        for (int i = 0; i < n; i++) {
            float c = z[o + i] - mean;
            sq += c * c;
        }
        float std = (float) Math.sqrt(sq / n + LAYER_NORM_EPS);
        int best = -1;
        float bestValue = Float.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            if (allowed != null && !allowed[i]) {
                continue;
            }
            float v = (z[o + i] - mean) / std * gamma[i] + beta[i];
            if (best < 0 || v > bestValue) {
                best = i;
                bestValue = v;
            }
        }
        return best;
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

    /** [rows][cols] row-major to [cols][rows]. */
    private static float[] transpose(float[] a, int rows, int cols) {
        float[] out = new float[a.length];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                out[c * rows + r] = a[r * cols + c];
            }
        }
        return out;
    }
}

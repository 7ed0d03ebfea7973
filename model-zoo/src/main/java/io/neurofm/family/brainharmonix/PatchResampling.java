package io.neurofm.family.brainharmonix;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

/**
 * Per-TR handling of fMRI patches. A token covers a fixed duration, so a scan at TR t has
 * n = round(duration / t) volumes per token and a padded batch holds vectors of Lmax >= n values of
 * which only the first n are real. Each token is linearly resampled over its own duration onto
 * Lm points: output j reads input position u = j·n/Lm (both grids start at the token's start and
 * span the same time), interpolating between volumes floor(u) and min(floor(u)+1, n-1). Values at
 * indices >= n get weight exactly 0, so padding never reaches the model, and index j of the
 * patch embedding means the same time within a token for every TR.
 */
public final class PatchResampling {
    private PatchResampling() {}

    /** Interpolation matrices [B, Lm, Lmax] for the real lengths n[b] of each sample. */
    public static float[][][] matrices(int[] lengths, int paddedLength, int samples) {
        float[][][] out = new float[lengths.length][samples][paddedLength];
        for (int b = 0; b < lengths.length; b++) {
            int n = lengths[b];
            if (n < 1 || n > paddedLength) {
                throw new IllegalArgumentException("sample " + b + " claims " + n + " real values per patch, "
                        + "the batch holds " + paddedLength);
            }
            for (int j = 0; j < samples; j++) {
                double u = (double) j * n / samples;
                int lo = (int) Math.floor(u);
                int hi = Math.min(lo + 1, n - 1);
                double w = u - lo;
                out[b][j][lo] += (float) (1 - w);
                out[b][j][hi] += (float) w;
            }
        }
        return out;
    }

    /** patches [B, R, P, Lmax] to [B, R, P, Lm]. */
    static NDArray apply(NDArray patches, int[] lengths, int samples) {
        long b = patches.getShape().get(0);
        long r = patches.getShape().get(1);
        long p = patches.getShape().get(2);
        int padded = (int) patches.getShape().get(3);
        float[][][] m = matrices(lengths, padded, samples);
        float[] flat = new float[(int) b * samples * padded];
        for (int i = 0; i < b; i++) {
            for (int j = 0; j < samples; j++) {
                System.arraycopy(m[i][j], 0, flat, (i * samples + j) * padded, padded);
            }
        }
        NDManager manager = patches.getManager();
        NDArray transposed = manager.create(flat).reshape(b, samples, padded).transpose(0, 2, 1)
                .toType(patches.getDataType(), false);
        return patches.reshape(b, r * p, padded).matMul(transposed).reshape(b, r, p, samples);
    }
}

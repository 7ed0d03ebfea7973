package io.neurofm.family.deeperbrain;

import java.util.Random;

/** Random patch masks for masked-reconstruction pretraining. */
public final class PatchMasking {
    private PatchMasking() {}

    /**
     * A mask [B][C][P] with exactly {@code round(ratio * C * P)} ones per sample (at least one),
     * placed uniformly at random (a partial Fisher-Yates shuffle per sample). The same
     * {@code random} state gives the same mask.
     */
    public static float[][][] random(int batch, int channels, int patches, double ratio, Random random) {
        if (batch <= 0 || channels <= 0 || patches <= 0) {
            throw new IllegalArgumentException("batch, channels and patches must be positive, got "
                    + batch + ", " + channels + ", " + patches);
        }
        if (!(ratio > 0 && ratio < 1)) {
            throw new IllegalArgumentException("ratio must be in (0, 1), got " + ratio);
        }
        int tokens = channels * patches;
        int masked = (int) Math.max(1, Math.min(tokens, Math.round(ratio * tokens)));
        float[][][] mask = new float[batch][channels][patches];
        int[] order = new int[tokens];
        for (int b = 0; b < batch; b++) {
            for (int i = 0; i < tokens; i++) {
                order[i] = i;
            }
            for (int i = 0; i < masked; i++) {
                int j = i + random.nextInt(tokens - i);
                int swap = order[i];
                order[i] = order[j];
                order[j] = swap;
                mask[b][order[i] / patches][order[i] % patches] = 1f;
            }
        }
        return mask;
    }
}

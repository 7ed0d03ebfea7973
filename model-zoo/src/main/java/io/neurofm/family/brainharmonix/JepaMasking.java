package io.neurofm.family.brainharmonix;

import java.util.Random;

/**
 * JEPA target masks: one contiguous block of time steps per sample, over all ROIs. A sample's
 * valid steps are those where any ROI has a valid token; the block covers
 * k = round(ratio · steps) of them (at least 1, at most steps - 1 so some context remains) at a
 * start drawn uniformly from the caller's seeded generator. Only valid tokens are flagged.
 */
public final class JepaMasking {
    private JepaMasking() {}

    /** @return target [B][R][P], 1 = predict this token */
    public static float[][][] timeBlock(boolean[][][] valid, double ratio, Random random) {
        int b = valid.length;
        float[][][] out = new float[b][][];
        for (int i = 0; i < b; i++) {
            int r = valid[i].length;
            int p = valid[i][0].length;
            int first = -1;
            int last = -1;
            for (int s = 0; s < p; s++) {
                for (int c = 0; c < r; c++) {
                    if (valid[i][c][s]) {
                        first = first < 0 ? s : first;
                        last = s;
                    }
                }
            }
            int steps = last - first + 1;
            if (first < 0 || steps < 2) {
                throw new IllegalArgumentException("sample " + i + " has " + Math.max(0, steps)
                        + " valid time steps; a JEPA block mask needs at least 2");
            }
            int k = (int) Math.max(1, Math.min(steps - 1, Math.round(ratio * steps)));
            int start = first + random.nextInt(steps - k + 1);
            out[i] = new float[r][p];
            for (int c = 0; c < r; c++) {
                for (int s = start; s < start + k; s++) {
                    out[i][c][s] = valid[i][c][s] ? 1f : 0f;
                }
            }
        }
        return out;
    }
}

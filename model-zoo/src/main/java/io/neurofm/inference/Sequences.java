package io.neurofm.inference;

import ai.djl.ndarray.NDArray;

/** Copies a batch of hidden-state sequences [G, T, d] back to the windows they came from. */
final class Sequences {
    private Sequences() {}

    /** {@code out[group[i]] = sequences[i]} as [T][d]. */
    static void scatter(NDArray sequences, int[] group, float[][][] out) {
        int t = (int) sequences.getShape().get(1);
        int d = (int) sequences.getShape().get(2);
        float[] flat = sequences.toFloatArray();
        for (int i = 0; i < group.length; i++) {
            float[][] rows = new float[t][d];
            for (int s = 0; s < t; s++) {
                System.arraycopy(flat, (i * t + s) * d, rows[s], 0, d);
            }
            out[group[i]] = rows;
        }
    }
}

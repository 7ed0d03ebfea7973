package io.neurofm.tokenize;

import java.util.List;

/**
 * Continuous tokens of several windows padded to one shape for a model batch: rows, steps and
 * vector length are each padded to the largest among the windows (fMRI windows of different TRs
 * have different patch lengths). Padding is zero.
 *
 * @param vectors [window][row][step][dim]
 * @param valid   [window][row][step]: true where the token is real (inside its window and valid there)
 * @param lengths [window]: how many leading values of each vector are real for that window
 */
public record TokenBatch(float[][][][] vectors, boolean[][][] valid, int[] lengths) {
    public static TokenBatch pad(List<Tokens> windows) {
        if (windows.isEmpty()) {
            throw new IllegalArgumentException("nothing to batch");
        }
        int rows = 0;
        int steps = 0;
        int dim = 0;
        for (Tokens t : windows) {
            if (t.isDiscrete()) {
                throw new IllegalArgumentException("TokenBatch pads continuous tokens; these are discrete ids");
            }
            rows = Math.max(rows, t.rows());
            steps = Math.max(steps, t.steps());
            dim = Math.max(dim, t.dimension());
        }
        float[][][][] vectors = new float[windows.size()][rows][steps][dim];
        boolean[][][] valid = new boolean[windows.size()][rows][steps];
        int[] lengths = new int[windows.size()];
        for (int w = 0; w < windows.size(); w++) {
            Tokens t = windows.get(w);
            lengths[w] = t.steps() == 0 ? 0 : t.dimension();
            for (int r = 0; r < t.rows(); r++) {
                for (int s = 0; s < t.steps(); s++) {
                    float[] v = t.vectors()[r][s];
                    System.arraycopy(v, 0, vectors[w][r][s], 0, v.length);
                    valid[w][r][s] = t.isValid(r, s);
                }
            }
        }
        return new TokenBatch(vectors, valid, lengths);
    }
}

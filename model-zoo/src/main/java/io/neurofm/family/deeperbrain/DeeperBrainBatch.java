package io.neurofm.family.deeperbrain;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.neurofm.signal.Position;

/**
 * Builds the model's batch {@code NDList(patches, positions, known, mask[, statistics])} from Java
 * arrays, with unknown positions written as a zero position and a 0 flag.
 */
public final class DeeperBrainBatch {
    private DeeperBrainBatch() {}

    /**
     * @param patches [B][C][P][L], already scaled (the model reconstructs these values)
     * @param positions [B][C] electrode positions in metres; null for a channel without one
     * @param mask [B][C][P], 1 = masked
     * @param statistics [B][D] neurodynamics targets, or null to leave them out (lambda = 0)
     */
    public static NDList of(NDManager manager, float[][][][] patches, Position[][] positions,
                            float[][][] mask, float[][] statistics) {
        int b = patches.length;
        if (b == 0 || patches[0].length == 0 || patches[0][0].length == 0) {
            throw new IllegalArgumentException("a batch needs at least one sample, channel and patch");
        }
        int c = patches[0].length;
        int p = patches[0][0].length;
        int l = patches[0][0][0].length;
        float[] flat = new float[b * c * p * l];
        float[] xyz = new float[b * c * 3];
        float[] known = new float[b * c];
        float[] masked = new float[b * c * p];
        require(positions.length == b && mask.length == b, "positions and mask need " + b + " samples");
        for (int i = 0; i < b; i++) {
            require(patches[i].length == c && positions[i].length == c && mask[i].length == c,
                    "sample " + i + " needs " + c + " channels of patches, positions and mask");
            for (int j = 0; j < c; j++) {
                require(patches[i][j].length == p && mask[i][j].length == p,
                        "sample " + i + " channel " + j + " needs " + p + " patches and mask entries");
                for (int k = 0; k < p; k++) {
                    require(patches[i][j][k].length == l, "every patch needs " + l + " samples");
                    System.arraycopy(patches[i][j][k], 0, flat, ((i * c + j) * p + k) * l, l);
                    masked[(i * c + j) * p + k] = mask[i][j][k];
                }
                Position pos = positions[i][j];
                if (pos != null) {
                    known[i * c + j] = 1f;
                    xyz[(i * c + j) * 3] = (float) pos.x();
                    xyz[(i * c + j) * 3 + 1] = (float) pos.y();
                    xyz[(i * c + j) * 3 + 2] = (float) pos.z();
                }
            }
        }
        NDList batch = new NDList(manager.create(flat, new Shape(b, c, p, l)),
                manager.create(xyz, new Shape(b, c, 3)), manager.create(known, new Shape(b, c)),
                manager.create(masked, new Shape(b, c, p)));
        if (statistics != null) {
            require(statistics.length == b, "statistics need " + b + " samples");
            int d = statistics[0].length;
            float[] s = new float[b * d];
            for (int i = 0; i < b; i++) {
                require(statistics[i].length == d, "every statistics vector needs " + d + " values");
                System.arraycopy(statistics[i], 0, s, i * d, d);
            }
            batch.add(manager.create(s, new Shape(b, d)));
        }
        return batch;
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }
}

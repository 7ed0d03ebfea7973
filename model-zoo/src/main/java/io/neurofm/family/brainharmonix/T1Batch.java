package io.neurofm.family.brainharmonix;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.neurofm.tokenize.VolumePatches;
import java.util.List;
import java.util.Random;

/**
 * The T1 part of a batch: {@code NDList(patches [B, N, p^3], grid [B, N, 3][, mask [B, N]])}, float32;
 * grid holds each patch's index in the patch grid ({@link VolumePatches#gridIndex()}), mask is 1
 * where the MAE hides the patch (only the MAE stage needs it).
 */
public final class T1Batch {
    public static final int PATCHES = 0;
    public static final int GRID = 1;
    public static final int MASK = 2;

    private T1Batch() {}

    /** All volumes must have the same number of patches and patch size. Mask may be null. */
    public static NDList of(NDManager manager, List<VolumePatches> volumes, float[][] mask) {
        int b = volumes.size();
        int n = volumes.get(0).count();
        int dim = volumes.get(0).dimension();
        float[] patches = new float[b * n * dim];
        float[] grid = new float[b * n * 3];
        for (int i = 0; i < b; i++) {
            VolumePatches v = volumes.get(i);
            if (v.count() != n || v.dimension() != dim) {
                throw new IllegalArgumentException("volume " + i + " has " + v.count() + " patches of " + v.dimension()
                        + " values, the first has " + n + " of " + dim);
            }
            for (int k = 0; k < n; k++) {
                System.arraycopy(v.values()[k], 0, patches, (i * n + k) * dim, dim);
                for (int a = 0; a < 3; a++) {
                    grid[(i * n + k) * 3 + a] = v.gridIndex()[k][a];
                }
            }
        }
        NDList out = new NDList(manager.create(patches, new Shape(b, n, dim)), manager.create(grid, new Shape(b, n, 3)));
        if (mask != null) {
            float[] flat = new float[b * n];
            for (int i = 0; i < b; i++) {
                System.arraycopy(mask[i], 0, flat, i * n, n);
            }
            out.add(manager.create(flat, new Shape(b, n)));
        }
        return out;
    }

    /** Exactly round(ratio · N) (at least 1, at most N - 1) masked patches per sample, from {@code random}. */
    public static float[][] randomMask(int batch, int patches, double ratio, Random random) {
        if (patches < 2) {
            throw new IllegalArgumentException("masking needs at least 2 patches, got " + patches);
        }
        int masked = (int) Math.max(1, Math.min(patches - 1, Math.round(ratio * patches)));
        float[][] out = new float[batch][patches];
        for (int b = 0; b < batch; b++) {
            int[] order = new int[patches];
            for (int i = 0; i < patches; i++) {
                order[i] = i;
            }
            for (int i = patches - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                int t = order[i];
                order[i] = order[j];
                order[j] = t;
            }
            for (int i = 0; i < masked; i++) {
                out[b][order[i]] = 1f;
            }
        }
        return out;
    }

    /**
     * One-hot selection [B, Nv, N] of each sample's visible patches in ascending order; every
     * sample must hide the same number of patches.
     */
    static NDArray visibleSelection(NDArray mask) {
        long b = mask.getShape().get(0);
        int n = (int) mask.getShape().get(1);
        float[] m = mask.toType(DataType.FLOAT32, false).toFloatArray();
        int visible = -1;
        for (int i = 0; i < b; i++) {
            int count = 0;
            for (int k = 0; k < n; k++) {
                count += m[(int) (i * n + k)] == 0f ? 1 : 0;
            }
            if (visible >= 0 && count != visible) {
                throw new IllegalArgumentException("every sample must hide the same number of patches: sample 0 shows "
                        + visible + ", sample " + i + " shows " + count);
            }
            visible = count;
        }
        if (visible == 0) {
            throw new IllegalArgumentException("the mask hides every patch");
        }
        float[] select = new float[(int) b * visible * n];
        for (int i = 0; i < b; i++) {
            int row = 0;
            for (int k = 0; k < n; k++) {
                if (m[(int) (i * n + k)] == 0f) {
                    select[(i * visible + row) * n + k] = 1f;
                    row++;
                }
            }
        }
        return mask.getManager().create(select, new Shape(b, visible, n));
    }
}

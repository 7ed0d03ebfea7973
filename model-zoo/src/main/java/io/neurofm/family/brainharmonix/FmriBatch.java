package io.neurofm.family.brainharmonix;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.neurofm.tokenize.TokenBatch;

/**
 * The fMRI part of a batch: {@code NDList(patches [B, R, P, Lmax], valid [B, R, P], repetition [B]
 * seconds, lengths [B] real values per patch, coords [B, R, 3] mm, known [B, R][, target [B, R, P]])},
 * all float32. Valid, known and target are 0/1; target (the JEPA block mask, 1 = to predict) is
 * only needed by the JEPA stage.
 */
public final class FmriBatch {
    public static final int PATCHES = 0;
    public static final int VALID = 1;
    public static final int REPETITION = 2;
    public static final int LENGTHS = 3;
    public static final int COORDS = 4;
    public static final int KNOWN = 5;
    public static final int TARGET = 6;
    /** Arrays of a batch without the JEPA target mask. */
    public static final int SIZE = 6;

    private FmriBatch() {}

    /**
     * @param tokens padded windows ({@link TokenBatch#pad})
     * @param repetitionSeconds TR of each window
     * @param coordsMm [window][row] ROI centroid (x, y, z) in mm, a null row for an unknown position
     *     (null for the whole batch when no position is known)
     * @param target [window][row][step] JEPA mask, or null
     */
    public static NDList of(NDManager manager, TokenBatch tokens, double[] repetitionSeconds, double[][][] coordsMm,
                            float[][][] target) {
        float[][][][] v = tokens.vectors();
        int b = v.length;
        int r = v[0].length;
        int p = v[0][0].length;
        int l = v[0][0][0].length;
        if (repetitionSeconds.length != b) {
            throw new IllegalArgumentException(b + " windows but " + repetitionSeconds.length + " TRs");
        }
        float[] patches = new float[b * r * p * l];
        float[] valid = new float[b * r * p];
        float[] coords = new float[b * r * 3];
        float[] known = new float[b * r];
        float[] lengths = new float[b];
        float[] tr = new float[b];
        for (int i = 0; i < b; i++) {
            lengths[i] = tokens.lengths()[i];
            tr[i] = (float) repetitionSeconds[i];
            for (int c = 0; c < r; c++) {
                double[] xyz = coordsMm == null ? null : coordsMm[i][c];
                if (xyz != null) {
                    known[i * r + c] = 1f;
                    for (int a = 0; a < 3; a++) {
                        coords[(i * r + c) * 3 + a] = (float) xyz[a];
                    }
                }
                for (int s = 0; s < p; s++) {
                    valid[(i * r + c) * p + s] = tokens.valid()[i][c][s] ? 1f : 0f;
                    System.arraycopy(v[i][c][s], 0, patches, ((i * r + c) * p + s) * l, l);
                }
            }
        }
        NDList out = new NDList(manager.create(patches, new Shape(b, r, p, l)),
                manager.create(valid, new Shape(b, r, p)), manager.create(tr), manager.create(lengths),
                manager.create(coords, new Shape(b, r, 3)), manager.create(known, new Shape(b, r)));
        if (target != null) {
            out.add(manager.create(flatten(target), new Shape(b, r, p)));
        }
        return out;
    }

    static float[] flatten(float[][][] x) {
        int b = x.length;
        int r = x[0].length;
        int p = x[0][0].length;
        float[] out = new float[b * r * p];
        for (int i = 0; i < b; i++) {
            for (int c = 0; c < r; c++) {
                System.arraycopy(x[i][c], 0, out, (i * r + c) * p, p);
            }
        }
        return out;
    }

    /** Checks the six (or seven) arrays' shapes against the patches'. */
    static void check(NDList batch, boolean needTarget) {
        int need = needTarget ? SIZE + 1 : SIZE;
        if (batch.size() < need) {
            throw new IllegalArgumentException("an fMRI batch is NDList(patches [B, R, P, L], valid [B, R, P], "
                    + "repetition [B], lengths [B], coords [B, R, 3], known [B, R]"
                    + (needTarget ? ", target [B, R, P])" : ")") + ", got " + batch.size() + " arrays");
        }
        Shape s = batch.get(PATCHES).getShape();
        if (s.dimension() != 4) {
            throw new IllegalArgumentException("fMRI patches must be [B, R, P, L], got " + s);
        }
        long b = s.get(0);
        long r = s.get(1);
        long p = s.get(2);
        require(batch.get(VALID), new Shape(b, r, p), "valid");
        require(batch.get(REPETITION), new Shape(b), "repetition");
        require(batch.get(LENGTHS), new Shape(b), "lengths");
        require(batch.get(COORDS), new Shape(b, r, 3), "coords");
        require(batch.get(KNOWN), new Shape(b, r), "known");
        if (needTarget) {
            require(batch.get(TARGET), new Shape(b, r, p), "target");
        }
    }

    private static void require(NDArray x, Shape shape, String name) {
        if (!x.getShape().equals(shape)) {
            throw new IllegalArgumentException(name + " must be " + shape + ", got " + x.getShape());
        }
    }

    /** Start time of every patch, [B, P] seconds: p · n[b] · TR[b]. */
    static NDArray starts(NDList batch) {
        long p = batch.get(PATCHES).getShape().get(2);
        NDArray span = batch.get(REPETITION).mul(batch.get(LENGTHS)).toType(DataType.FLOAT32, false);
        NDArray steps = batch.get(PATCHES).getManager().arange(0f, (float) p);
        return span.expandDims(1).mul(steps.expandDims(0));
    }

    static int[] lengths(NDList batch) {
        float[] f = batch.get(LENGTHS).toType(DataType.FLOAT32, false).toFloatArray();
        int[] out = new int[f.length];
        for (int i = 0; i < f.length; i++) {
            out[i] = Math.round(f[i]);
        }
        return out;
    }
}

package io.neurofm.family.brainharmonix;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;

/** 0/1 "this token may be attended to" flags to the additive key-padding mask of io.neurofm.nn. */
final class KeyMask {
    private KeyMask() {}

    /** keep [B, T] (1 = attend) to [B, 1, 1, T] of 0 / -inf in {@code type}. */
    static NDArray additive(NDArray keep, DataType type) {
        long b = keep.getShape().get(0);
        long t = keep.getShape().get(1);
        float[] flags = keep.toType(DataType.FLOAT32, false).toFloatArray();
        float[] mask = new float[flags.length];
        for (int i = 0; i < b; i++) {
            boolean any = false;
            for (int j = 0; j < t; j++) {
                boolean kept = flags[(int) (i * t + j)] != 0f;
                any |= kept;
                mask[(int) (i * t + j)] = kept ? 0f : Float.NEGATIVE_INFINITY;
            }
            if (!any) {
                throw new IllegalArgumentException("sample " + i + " has no token to attend to (every token "
                        + "is padding or masked)");
            }
        }
        return keep.getManager().create(mask).reshape(b, 1, 1, t).toType(type, false);
    }
}

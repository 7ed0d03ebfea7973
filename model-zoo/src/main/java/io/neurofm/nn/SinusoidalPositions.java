package io.neurofm.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/**
 * The fixed sinusoidal position table of "Attention Is All You Need":
 * PE[t, 2i] = sin(t / 10000^(2i/d)), PE[t, 2i+1] = cos(t / 10000^(2i/d)), computed in double.
 */
public final class SinusoidalPositions {
    private SinusoidalPositions() {}

    /** The [length, dim] table; dim must be even. */
    public static double[] values(int length, int dim) {
        if (length <= 0 || dim <= 0 || dim % 2 != 0) {
            throw new IllegalArgumentException(
                    "length must be positive and dim positive and even, got " + length + ", " + dim);
        }
        double[] table = new double[Math.multiplyExact(length, dim)];
        for (int t = 0; t < length; t++) {
            for (int i = 0; i < dim / 2; i++) {
                double angle = t / Math.pow(10_000, 2.0 * i / dim);
                table[t * dim + 2 * i] = Math.sin(angle);
                table[t * dim + 2 * i + 1] = Math.cos(angle);
            }
        }
        return table;
    }

    /** The table as a [length, dim] array of {@code type} in {@code manager}. */
    public static NDArray table(NDManager manager, int length, int dim, DataType type) {
        return TableCache.create(manager, values(length, dim), new Shape(length, dim), type);
    }
}

package io.neurofm.family.brainharmonix;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;

/**
 * Fixed sin-cos encodings of real-valued coordinates (seconds, millimetres, patch-grid indices).
 * Unlike {@code io.neurofm.nn.SinusoidalPositions} the position need not be an integer, so tokens
 * of scans with different TRs get encodings of their actual start times.
 */
public final class SinCos {
    /** Wavelength scale of every encoding: frequencies base^(-2i/width) radians per unit. */
    public static final double BASE = 10000.0;

    private SinCos() {}

    /**
     * values [...] to [..., width]: feature 2i = sin(v * BASE^(-2i/width)), 2i+1 = cos(...).
     * Width must be even.
     */
    public static NDArray encode(NDArray values, int width) {
        if (width % 2 != 0 || width < 2) {
            throw new IllegalArgumentException("sin-cos width must be even and >= 2, got " + width);
        }
        int half = width / 2;
        float[] inverse = new float[half];
        for (int i = 0; i < half; i++) {
            inverse[i] = (float) Math.pow(BASE, -2.0 * i / width);
        }
        NDArray frequencies = values.getManager().create(inverse).toType(values.getDataType(), false);
        NDArray angles = values.expandDims(-1).mul(frequencies);
        Shape s = angles.getShape();
        NDArray pairs = NDArrays.stack(new NDList(angles.sin(), angles.cos()), -1);
        return pairs.reshape(s.slice(0, s.dimension() - 1).add(width));
    }

    /**
     * coords [..., 3] to [..., width]: each axis gets its own {@link #encode} block of
     * 2·floor(width/6) features (x, then y, then z); the width - 3·that remaining features are 0.
     */
    public static NDArray encode3d(NDArray coords, int width) {
        int axis = 2 * (width / 6);
        if (axis < 2) {
            throw new IllegalArgumentException("a 3-D sin-cos encoding needs width >= 6, got " + width);
        }
        NDList parts = new NDList();
        for (int i = 0; i < 3; i++) {
            parts.add(encode(coords.get(new NDIndex("..., " + i)), axis));
        }
        if (width > 3 * axis) {
            Shape s = coords.getShape();
            parts.add(coords.getManager().zeros(s.slice(0, s.dimension() - 1).add(width - 3 * axis),
                    coords.getDataType()));
        }
        return NDArrays.concat(parts, -1);
    }
}

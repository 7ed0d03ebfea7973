package io.neurofm.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

/** Argument checks shared by the blocks, so shape errors name the block and both shapes. */
final class Shapes {
    private Shapes() {}

    static void requireRank(NDArray x, int rank, String what) {
        if (x.getShape().dimension() != rank) {
            throw new IllegalArgumentException(
                    what + " must have rank " + rank + ", got shape " + x.getShape());
        }
    }

    static void requireLastDim(NDArray x, long dim, String what) {
        Shape s = x.getShape();
        if (s.dimension() == 0 || s.get(s.dimension() - 1) != dim) {
            throw new IllegalArgumentException(
                    what + " must end in dimension " + dim + ", got shape " + s);
        }
    }
}

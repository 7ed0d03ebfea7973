package io.neurofm.tensor;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

/**
 * Scalars for arithmetic on arrays that take part in a backward pass. DJL's {@code x.mul(2f)},
 * {@code x.div(n)}, {@code x.minimum(1)} wrap the number in an array made by {@code torch::from_blob}
 * over a Java direct buffer, run the operation, and close that array at once: the buffer is freed by
 * the garbage collector later, but autograd keeps the scalar for the backward pass (a product's or
 * quotient's gradient needs it) and reads whatever memory now holds. The result was intermittent
 * non-finite gradients with a finite loss, more often when the garbage collector ran often or malloc
 * reused memory eagerly, never without a collector. An array from {@link #of} is filled by libtorch
 * in memory libtorch owns, so autograd may keep it as long as it likes.
 */
public final class Scalars {
    private Scalars() {}

    /** A 0-d array holding {@code value}, in {@code like}'s type, device and manager, owned by libtorch. */
    public static NDArray of(NDArray like, double value) {
        return like.getManager().full(new Shape(), (float) value, like.getDataType(), like.getDevice());
    }

    /** {@code x * value}, safe to differentiate. */
    public static NDArray mul(NDArray x, double value) {
        return x.mul(of(x, value));
    }

    /** {@code x / value}, safe to differentiate. */
    public static NDArray div(NDArray x, double value) {
        return x.div(of(x, value));
    }

    /** {@code max(x, value)} elementwise, safe to differentiate. */
    public static NDArray maximum(NDArray x, double value) {
        return x.maximum(of(x, value));
    }

    /** {@code min(x, value)} elementwise, safe to differentiate. */
    public static NDArray minimum(NDArray x, double value) {
        return x.minimum(of(x, value));
    }
}

package io.neurofm.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;

/**
 * The additive causal mask: 0 where key position &lt;= query position, -inf above the diagonal
 * (the values of {@code torch.nn.Transformer.generate_square_subsequent_mask}).
 *
 * <p>-inf rather than a large negative number makes masked probabilities exactly 0, so outputs
 * before a changed position are bitwise unchanged.
 */
public final class CausalMask {
    private static final Object KIND = new Object();

    private CausalMask() {}

    /**
     * A [length, length] mask on the device and in the data type of {@code like}, cached and shared:
     * the caller must not close it.
     */
    public static NDArray additive(NDArray like, long length) {
        if (length <= 0) {
            throw new IllegalArgumentException("sequence length must be positive, got " + length);
        }
        return TableCache.lookup(KIND, like, length,
                (manager, type, capacity) -> {
                    int n = Math.toIntExact(capacity);
                    double[] values = new double[Math.multiplyExact(n, n)];
                    for (int q = 0; q < n; q++) {
                        for (int k = q + 1; k < n; k++) {
                            values[q * n + k] = Double.NEGATIVE_INFINITY;
                        }
                    }
                    return TableCache.create(manager, values, new Shape(n, n), type);
                },
                (table, manager, n) -> table.get(manager, new NDIndex(":{}, :{}", n, n)));
    }
}

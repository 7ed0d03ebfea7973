package io.neurofm.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;

/**
 * Rotary position embedding (RoFormer) in the "rotate half" layout used by GPT-NeoX and Hugging
 * Face LLaMA: feature i of the first half of a head is paired with feature i of the second half,
 * and the pair at position t is rotated by the angle t * base^(-2i/headDim).
 *
 * <p>{@code x * cos + rotateHalf(x) * sin} is computed as {@code x * cos + swapHalves(x) * sinSigned}
 * with the sign folded into a cached table, so one application costs five native calls. Because
 * R(m)^T R(n) = R(n - m), the dot product of a query rotated for position m and a key rotated for
 * position n depends on m - n alone.
 */
public final class RotaryPositionEmbedding {
    /** The base of the original paper and of most released models. */
    public static final double DEFAULT_BASE = 10_000;

    private record Kind(boolean cosine, int copies, int headDim, double base) {}

    private final int headDim;
    private final double base;

    public RotaryPositionEmbedding(int headDim) {
        this(headDim, DEFAULT_BASE);
    }

    public RotaryPositionEmbedding(int headDim, double base) {
        if (headDim <= 0 || headDim % 2 != 0) {
            throw new IllegalArgumentException("rotary head width must be even and positive, got "
                    + headDim);
        }
        if (!(base > 1)) {
            throw new IllegalArgumentException("rotary base must be > 1, got " + base);
        }
        this.headDim = headDim;
        this.base = base;
    }

    public int headDim() {
        return headDim;
    }

    /** Rotates {@code x} of shape [..., T, headDim] for positions 0..T-1. */
    public NDArray apply(NDArray x) {
        Shape s = x.getShape();
        Shapes.requireLastDim(x, headDim, "rotary input");
        if (s.dimension() < 2) {
            throw new IllegalArgumentException("rotary input must be [..., T, headDim], got " + s);
        }
        long length = s.get(s.dimension() - 2);
        NDArray cos = table(x, length, true, 1);
        NDArray sin = table(x, length, false, 1);
        return rotate(x, cos, sin);
    }

    /**
     * Rotates the query and key slices of a stacked [3, B, H, T, headDim] projection and leaves the
     * value slice bitwise unchanged (its cos is 1 and its sin 0), all in one pass.
     */
    public NDArray applyToQueryKey(NDArray qkv) {
        Shape s = qkv.getShape();
        if (s.dimension() != 5 || s.get(0) != 3 || s.get(4) != headDim) {
            throw new IllegalArgumentException(
                    "stacked projection must be [3, B, H, T, " + headDim + "], got " + s);
        }
        long length = s.get(3);
        NDArray cos = table(qkv, length, true, 3);
        NDArray sin = table(qkv, length, false, 3);
        return rotate(qkv, cos, sin);
    }

    private NDArray rotate(NDArray x, NDArray cos, NDArray sinSigned) {
        int last = x.getShape().dimension() - 1;
        NDList halves = x.split(2, last);
        NDArray swapped = NDArrays.concat(new NDList(halves.get(1), halves.get(0)), last);
        return x.mul(cos).add(swapped.mul(sinSigned));
    }

    /**
     * The cos ({@code cosine}) or signed-sin table: [T, headDim] for {@code copies == 1}; for
     * {@code copies == 3} a [3, 1, 1, T, headDim] table whose third (value) slice is the identity
     * rotation (cos 1, sin 0).
     */
    private NDArray table(NDArray like, long length, boolean cosine, int copies) {
        Kind kind = new Kind(cosine, copies, headDim, base);
        return TableCache.lookup(kind, like, length,
                (manager, type, capacity) -> {
                    int n = Math.toIntExact(capacity);
                    int half = headDim / 2;
                    int plane = Math.multiplyExact(n, headDim);
                    double[] values = new double[Math.multiplyExact(plane, copies)];
                    for (int t = 0; t < n; t++) {
                        for (int i = 0; i < half; i++) {
                            double angle = t * Math.pow(base, -2.0 * i / headDim);
                            double first = cosine ? Math.cos(angle) : -Math.sin(angle);
                            double second = cosine ? Math.cos(angle) : Math.sin(angle);
                            for (int c = 0; c < Math.min(copies, 2); c++) {
                                values[c * plane + t * headDim + i] = first;
                                values[c * plane + t * headDim + half + i] = second;
                            }
                        }
                    }
                    if (copies == 3 && cosine) {
                        Arrays.fill(values, 2 * plane, 3 * plane, 1.0);
                    }
                    Shape shape = copies == 1
                            ? new Shape(n, headDim)
                            : new Shape(3, 1, 1, n, headDim);
                    return TableCache.create(manager, values, shape, type);
                },
                (table, manager, n) -> copies == 1
                        ? table.get(manager, new NDIndex(":{}", n))
                        : table.get(manager, new NDIndex(":, :, :, :{}", n)));
    }
}

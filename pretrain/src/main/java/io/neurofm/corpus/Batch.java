package io.neurofm.corpus;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.nio.ByteBuffer;

/**
 * One batch of windows of one shape, as flat row-major Java arrays.
 *
 * @param epoch, index   its place in the stream (see {@link LoaderPosition})
 * @param shape          [batch, rows, steps] for ids, [batch, rows, steps, dim] for vectors
 * @param ids            int32 ids, or null for vectors
 * @param vectors        float32 vectors, or null for ids
 * @param valid          [batch, rows, steps], false on padding steps; null when every step is real
 * @param windows        the windows' numbers in their split
 * @param sources        the windows' source indices (manifest "sources")
 * @param startSamples   the windows' first samples in their source
 */
public record Batch(long epoch, long index, int[] shape, int[] ids, float[] vectors, boolean[] valid, long[] windows,
                    int[] sources, long[] startSamples) {
    public int size() {
        return windows.length;
    }

    public LoaderPosition position() {
        return new LoaderPosition(epoch, index);
    }

    private Shape ndShape() {
        long[] dims = new long[shape.length];
        for (int i = 0; i < dims.length; i++) {
            dims[i] = shape[i];
        }
        return new Shape(dims);
    }

    /** The tokens as an int32 or float32 NDArray of {@link #shape()}. */
    public NDArray data(NDManager manager) {
        return ids != null ? manager.create(ids, ndShape()) : manager.create(vectors, ndShape());
    }

    /** The mask as a boolean NDArray [batch, rows, steps], or null when every step is real. */
    public NDArray valid(NDManager manager) {
        if (valid == null) {
            return null;
        }
        byte[] bytes = new byte[valid.length];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) (valid[i] ? 1 : 0);
        }
        return manager.create(ByteBuffer.wrap(bytes), new Shape(shape[0], shape[1], shape[2]),
                ai.djl.ndarray.types.DataType.BOOLEAN);
    }

    /** data, then the mask when there is one. */
    public NDList toNDList(NDManager manager) {
        NDList list = new NDList(data(manager));
        if (valid != null) {
            list.add(valid(manager));
        }
        return list;
    }
}

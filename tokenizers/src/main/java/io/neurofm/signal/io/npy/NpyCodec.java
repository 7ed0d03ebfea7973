package io.neurofm.signal.io.npy;

import java.nio.ByteBuffer;

/** Element decoding and encoding between byte buffers (byte order already set) and primitive arrays. */
final class NpyCodec {
    private NpyCodec() {
    }

    static Object allocate(NpyDtype dtype, int n) {
        return switch (dtype) {
            case BOOL -> new boolean[n];
            case UINT8 -> new byte[n];
            case INT16 -> new short[n];
            case INT32 -> new int[n];
            case INT64 -> new long[n];
            case FLOAT32 -> new float[n];
            case FLOAT64 -> new double[n];
        };
    }

    /** Decodes {@code count} elements from the buffer's position into {@code target[at..]}, advancing it. */
    static void decode(NpyDtype dtype, ByteBuffer in, Object target, int at, int count) {
        switch (dtype) {
            case BOOL -> {
                boolean[] t = (boolean[]) target;
                for (int i = 0; i < count; i++) {
                    t[at + i] = in.get() != 0;
                }
            }
            case UINT8 -> in.get((byte[]) target, at, count);
            case INT16 -> in.asShortBuffer().get((short[]) target, at, count);
            case INT32 -> in.asIntBuffer().get((int[]) target, at, count);
            case INT64 -> in.asLongBuffer().get((long[]) target, at, count);
            case FLOAT32 -> in.asFloatBuffer().get((float[]) target, at, count);
            case FLOAT64 -> in.asDoubleBuffer().get((double[]) target, at, count);
        }
        if (dtype.size() > 1) {
            in.position(in.position() + count * dtype.size());
        }
    }

    /** The element at an absolute buffer index as a float, for recordings (samples are float32). */
    static float floatAt(NpyDtype dtype, ByteBuffer in, int index) {
        return switch (dtype) {
            case BOOL -> in.get(index) != 0 ? 1f : 0f;
            case UINT8 -> in.get(index) & 0xFF;
            case INT16 -> in.getShort(index);
            case INT32 -> in.getInt(index);
            case INT64 -> in.getLong(index);
            case FLOAT32 -> in.getFloat(index);
            case FLOAT64 -> (float) in.getDouble(index);
        };
    }

    /** Encodes {@code count} elements of {@code source[at..]} at the buffer's position, advancing it. */
    static void encode(NpyDtype dtype, Object source, int at, int count, ByteBuffer out) {
        switch (dtype) {
            case BOOL -> {
                boolean[] s = (boolean[]) source;
                for (int i = 0; i < count; i++) {
                    out.put((byte) (s[at + i] ? 1 : 0));
                }
            }
            case UINT8 -> out.put((byte[]) source, at, count);
            case INT16 -> out.asShortBuffer().put((short[]) source, at, count);
            case INT32 -> out.asIntBuffer().put((int[]) source, at, count);
            case INT64 -> out.asLongBuffer().put((long[]) source, at, count);
            case FLOAT32 -> out.asFloatBuffer().put((float[]) source, at, count);
            case FLOAT64 -> out.asDoubleBuffer().put((double[]) source, at, count);
        }
        if (dtype.size() > 1) {
            out.position(out.position() + count * dtype.size());
        }
    }

    /**
     * Reorders a Fortran-order (first index fastest) flat array into C order (last index fastest).
     */
    static Object fortranToC(NpyDtype dtype, long[] shape, Object fortran) {
        int n = java.lang.reflect.Array.getLength(fortran);
        if (shape.length < 2 || n == 0) {
            return fortran;
        }
        int dims = shape.length;
        long[] fStride = new long[dims];
        long stride = 1;
        for (int k = 0; k < dims; k++) {
            fStride[k] = stride;
            stride *= shape[k];
        }
        Object c = allocate(dtype, n);
        long[] index = new long[dims];
        long f = 0;
        for (int i = 0; i < n; i++) {
            System.arraycopy(fortran, (int) f, c, i, 1);
            // odometer over C order: the last index turns fastest
            for (int k = dims - 1; k >= 0; k--) {
                index[k]++;
                f += fStride[k];
                if (index[k] < shape[k]) {
                    break;
                }
                f -= fStride[k] * shape[k];
                index[k] = 0;
            }
        }
        return c;
    }
}

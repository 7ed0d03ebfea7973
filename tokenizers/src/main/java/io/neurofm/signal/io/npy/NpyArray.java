package io.neurofm.signal.io.npy;

import java.util.Arrays;
import java.util.Objects;

/**
 * An n-dimensional array in C order (last index fastest), held as the primitive array of its
 * type: boolean[] (BOOL), byte[] (UINT8, read unsigned), short[], int[], long[], float[], double[].
 * Arrays read in Fortran order are transposed to C order on reading.
 */
public final class NpyArray {
    /** Java arrays hold at most this many elements. */
    public static final long MAX_ELEMENTS = Integer.MAX_VALUE - 8;

    private final NpyDtype dtype;
    private final long[] shape;
    private final Object data;

    private NpyArray(NpyDtype dtype, long[] shape, Object data) {
        this.dtype = Objects.requireNonNull(dtype, "dtype");
        this.shape = shape.clone();
        this.data = data;
        long n = 1;
        for (long d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException("negative dimension in shape " + Arrays.toString(shape));
            }
            n = Math.multiplyExact(n, d);
        }
        if (n != java.lang.reflect.Array.getLength(data)) {
            throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " needs " + n + " elements, got "
                    + java.lang.reflect.Array.getLength(data));
        }
    }

    public static NpyArray ofBooleans(long[] shape, boolean[] data) {
        return new NpyArray(NpyDtype.BOOL, shape, data);
    }

    /** Unsigned bytes: the byte -1 stands for 255. */
    public static NpyArray ofUnsignedBytes(long[] shape, byte[] data) {
        return new NpyArray(NpyDtype.UINT8, shape, data);
    }

    public static NpyArray ofShorts(long[] shape, short[] data) {
        return new NpyArray(NpyDtype.INT16, shape, data);
    }

    public static NpyArray ofInts(long[] shape, int[] data) {
        return new NpyArray(NpyDtype.INT32, shape, data);
    }

    public static NpyArray ofLongs(long[] shape, long[] data) {
        return new NpyArray(NpyDtype.INT64, shape, data);
    }

    public static NpyArray ofFloats(long[] shape, float[] data) {
        return new NpyArray(NpyDtype.FLOAT32, shape, data);
    }

    public static NpyArray ofDoubles(long[] shape, double[] data) {
        return new NpyArray(NpyDtype.FLOAT64, shape, data);
    }

    /** A float32 [rows, columns] array from rows of equal length (copied). */
    public static NpyArray ofFloatRows(float[][] rows) {
        int columns = rows.length == 0 ? 0 : rows[0].length;
        float[] flat = new float[Math.multiplyExact(rows.length, columns)];
        for (int r = 0; r < rows.length; r++) {
            if (rows[r].length != columns) {
                throw new IllegalArgumentException("row " + r + " has " + rows[r].length + " values, row 0 has " + columns);
            }
            System.arraycopy(rows[r], 0, flat, r * columns, columns);
        }
        return ofFloats(new long[] {rows.length, columns}, flat);
    }

    /** Wraps a primitive array of the type's Java class without copying. */
    static NpyArray wrap(NpyDtype dtype, long[] shape, Object data) {
        return new NpyArray(dtype, shape, data);
    }

    public NpyDtype dtype() {
        return dtype;
    }

    public long[] shape() {
        return shape.clone();
    }

    public int size() {
        return java.lang.reflect.Array.getLength(data);
    }

    /** The element at a flat C-order index, as a double (exact except for int64 beyond 2^53). */
    public double getDouble(int index) {
        return switch (dtype) {
            case BOOL -> ((boolean[]) data)[index] ? 1 : 0;
            case UINT8 -> ((byte[]) data)[index] & 0xFF;
            case INT16 -> ((short[]) data)[index];
            case INT32 -> ((int[]) data)[index];
            case INT64 -> ((long[]) data)[index];
            case FLOAT32 -> ((float[]) data)[index];
            case FLOAT64 -> ((double[]) data)[index];
        };
    }

    /** The element at a flat C-order index as a long; fractional values are refused. */
    public long getLong(int index) {
        if (dtype == NpyDtype.INT64) {
            return ((long[]) data)[index];
        }
        double v = getDouble(index);
        if (v != Math.rint(v) || Double.isInfinite(v)) {
            throw new IllegalStateException("element " + index + " is " + v + ", not an integer");
        }
        return (long) v;
    }

    /** All elements as doubles, C order. */
    public double[] toDoubles() {
        double[] out = new double[size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = getDouble(i);
        }
        return out;
    }

    /** All elements as floats, C order (float64 and int64 values are rounded to float). */
    public float[] toFloats() {
        if (dtype == NpyDtype.FLOAT32) {
            return ((float[]) data).clone();
        }
        float[] out = new float[size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = dtype == NpyDtype.INT64 ? (float) ((long[]) data)[i] : (float) getDouble(i);
        }
        return out;
    }

    /** The primitive array itself (not a copy), for the writer. */
    Object data() {
        return data;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof NpyArray a) || dtype != a.dtype || !Arrays.equals(shape, a.shape)) {
            return false;
        }
        return switch (dtype) {
            case BOOL -> Arrays.equals((boolean[]) data, (boolean[]) a.data);
            case UINT8 -> Arrays.equals((byte[]) data, (byte[]) a.data);
            case INT16 -> Arrays.equals((short[]) data, (short[]) a.data);
            case INT32 -> Arrays.equals((int[]) data, (int[]) a.data);
            case INT64 -> Arrays.equals((long[]) data, (long[]) a.data);
            case FLOAT32 -> Arrays.equals((float[]) data, (float[]) a.data);
            case FLOAT64 -> Arrays.equals((double[]) data, (double[]) a.data);
        };
    }

    @Override
    public int hashCode() {
        return dtype.hashCode() * 31 + Arrays.hashCode(shape);
    }

    @Override
    public String toString() {
        return "NpyArray[" + dtype + " " + Arrays.toString(shape) + "]";
    }
}

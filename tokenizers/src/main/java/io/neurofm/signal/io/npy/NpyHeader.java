package io.neurofm.signal.io.npy;

import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * The header of a .npy array.
 *
 * @param version      format major version (1, 2 or 3)
 * @param dtype        element type
 * @param byteOrder    of multi-byte elements
 * @param fortranOrder true when the first index varies fastest in the data
 * @param shape        dimensions; empty for a scalar
 * @param dataOffset   bytes from the start of the .npy to the first element
 */
public record NpyHeader(int version, NpyDtype dtype, ByteOrder byteOrder, boolean fortranOrder, long[] shape,
                        long dataOffset) {
    public NpyHeader {
        shape = shape.clone();
    }

    @Override
    public long[] shape() {
        return shape.clone();
    }

    /** Number of elements (1 for a scalar); the parser has checked it does not overflow. */
    public long elementCount() {
        long n = 1;
        for (long d : shape) {
            n *= d;
        }
        return n;
    }

    /** Bytes of element data after the header. */
    public long dataBytes() {
        return elementCount() * dtype.size();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NpyHeader h && version == h.version && dtype == h.dtype && byteOrder.equals(h.byteOrder)
                && fortranOrder == h.fortranOrder && Arrays.equals(shape, h.shape) && dataOffset == h.dataOffset;
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(shape) * 31 + Long.hashCode(dataOffset) + dtype.hashCode();
    }

    @Override
    public String toString() {
        return "NpyHeader[v" + version + " " + dtype + " " + byteOrder + (fortranOrder ? " Fortran" : " C")
                + " shape " + Arrays.toString(shape) + " data at " + dataOffset + "]";
    }
}

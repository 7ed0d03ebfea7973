package io.neurofm.signal.io.nifti;

import java.nio.ByteBuffer;

/**
 * The NIfTI-1 voxel types this reader decodes. Each converts {@code count} raw values starting at
 * the buffer's position to doubles, which the reader then scales; floats are exact for every
 * type up to 24 bits of integer precision.
 */
public enum NiftiDataType {
    UINT8(2, 8),
    INT16(4, 16),
    INT32(8, 32),
    FLOAT32(16, 32),
    FLOAT64(64, 64),
    INT8(256, 8),
    UINT16(512, 16),
    UINT32(768, 32),
    INT64(1024, 64),
    UINT64(1280, 64);

    private final int code;
    private final int bitpix;

    NiftiDataType(int code, int bitpix) {
        this.code = code;
        this.bitpix = bitpix;
    }

    public int code() {
        return code;
    }

    public int bitpix() {
        return bitpix;
    }

    public int bytesPerVoxel() {
        return bitpix / 8;
    }

    /** The type with this datatype code, or null when the code is not one we decode. */
    public static NiftiDataType ofCode(int code) {
        for (NiftiDataType t : values()) {
            if (t.code == code) {
                return t;
            }
        }
        return null;
    }

    /**
     * Why a known but unsupported code is refused, or null when the code is unknown altogether
     * (codes from nifti1.h).
     */
    static String unsupportedReason(int code) {
        return switch (code) {
            case 1 -> "binary (1-bit) voxels are not supported";
            case 32 -> "complex64 voxels are not supported";
            case 128 -> "RGB24 voxels are not supported";
            case 1536 -> "float128 voxels are not supported";
            case 1792 -> "complex128 voxels are not supported";
            case 2048 -> "complex256 voxels are not supported";
            case 2304 -> "RGBA32 voxels are not supported";
            default -> null;
        };
    }

    /** Decodes {@code count} values from {@code in} (whose byte order is set) into {@code out}. */
    void decode(ByteBuffer in, int count, float[] out, int outOffset, double slope, double inter) {
        for (int i = 0; i < count; i++) {
            out[outOffset + i] = (float) (raw(in) * slope + inter);
        }
    }

    private double raw(ByteBuffer in) {
        return switch (this) {
            case UINT8 -> in.get() & 0xFF;
            case INT8 -> in.get();
            case INT16 -> in.getShort();
            case UINT16 -> in.getShort() & 0xFFFF;
            case INT32 -> in.getInt();
            case UINT32 -> in.getInt() & 0xFFFFFFFFL;
            case INT64 -> (double) in.getLong();
            case UINT64 -> unsignedToDouble(in.getLong());
            case FLOAT32 -> in.getFloat();
            case FLOAT64 -> in.getDouble();
        };
    }

    private static double unsignedToDouble(long v) {
        double d = (double) (v >>> 1) * 2.0;
        return d + (v & 1L);
    }
}

package io.neurofm.signal.io.gdf;

import java.nio.ByteBuffer;

/** The GDF sample types this reader decodes, by their GDFTYP code; all little-endian. */
public enum GdfDataType {
    INT8(1, 1),
    UINT8(2, 1),
    INT16(3, 2),
    UINT16(4, 2),
    INT32(5, 4),
    UINT32(6, 4),
    INT64(7, 8),
    UINT64(8, 8),
    FLOAT32(16, 4),
    FLOAT64(17, 8),
    /** GDF codes bit-sized integers as 255 + bits (signed) and 511 + bits (unsigned). */
    INT24(255 + 24, 3),
    UINT24(511 + 24, 3);

    private static final double TWO_TO_64 = 0x1p64;

    private final int code;
    private final int bytes;

    GdfDataType(int code, int bytes) {
        this.code = code;
        this.bytes = bytes;
    }

    public int code() {
        return code;
    }

    public int bytes() {
        return bytes;
    }

    /** The type for a GDFTYP code, or null when the code is not one of those above. */
    public static GdfDataType fromCode(long code) {
        for (GdfDataType t : values()) {
            if (t.code == code) {
                return t;
            }
        }
        return null;
    }

    /** The digital value at an absolute position of a little-endian buffer. */
    double decode(ByteBuffer buf, int pos) {
        return switch (this) {
            case INT8 -> buf.get(pos);
            case UINT8 -> buf.get(pos) & 0xFF;
            case INT16 -> buf.getShort(pos);
            case UINT16 -> buf.getShort(pos) & 0xFFFF;
            case INT32 -> buf.getInt(pos);
            case UINT32 -> buf.getInt(pos) & 0xFFFFFFFFL;
            case INT64 -> buf.getLong(pos);
            case UINT64 -> unsigned64(buf.getLong(pos));
            case FLOAT32 -> buf.getFloat(pos);
            case FLOAT64 -> buf.getDouble(pos);
            case INT24 -> uint24(buf, pos) << 8 >> 8;
            case UINT24 -> uint24(buf, pos);
        };
    }

    private static int uint24(ByteBuffer buf, int pos) {
        return (buf.get(pos) & 0xFF) | (buf.get(pos + 1) & 0xFF) << 8 | (buf.get(pos + 2) & 0xFF) << 16;
    }

    private static double unsigned64(long v) {
        return v >= 0 ? v : v + TWO_TO_64;
    }
}

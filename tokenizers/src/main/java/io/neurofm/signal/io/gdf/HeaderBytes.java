package io.neurofm.signal.io.gdf;

import io.neurofm.signal.SignalFormatException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * A block of header bytes read from a known file offset, with little-endian field access and
 * errors that name the file, the field and its absolute byte offset.
 */
final class HeaderBytes {
    private final Path file;
    private final long fileOffset;
    private final ByteBuffer buf;

    HeaderBytes(Path file, long fileOffset, byte[] bytes) {
        this.file = file;
        this.fileOffset = fileOffset;
        this.buf = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    }

    int length() {
        return buf.capacity();
    }

    long absolute(int offset) {
        return fileOffset + offset;
    }

    /** Text as written, latin-1, cut at the first NUL, surrounding whitespace removed (as MNE reads it). */
    String text(int offset, int length) {
        String s = new String(buf.array(), offset, length, StandardCharsets.ISO_8859_1);
        int nul = s.indexOf('\0');
        return (nul >= 0 ? s.substring(0, nul) : s).strip();
    }

    /** The raw latin-1 text, nothing removed (for fixed-format fields checked character by character). */
    String rawText(int offset, int length) {
        return new String(buf.array(), offset, length, StandardCharsets.ISO_8859_1);
    }

    byte[] bytes(int offset, int length) {
        byte[] out = new byte[length];
        System.arraycopy(buf.array(), offset, out, 0, length);
        return out;
    }

    int u8(int offset) {
        return buf.get(offset) & 0xFF;
    }

    int u16(int offset) {
        return buf.getShort(offset) & 0xFFFF;
    }

    int u24(int offset) {
        return u8(offset) | u8(offset + 1) << 8 | u8(offset + 2) << 16;
    }

    long u32(int offset) {
        return buf.getInt(offset) & 0xFFFFFFFFL;
    }

    long i64(int offset) {
        return buf.getLong(offset);
    }

    float f32(int offset) {
        return buf.getFloat(offset);
    }

    double f64(int offset) {
        return buf.getDouble(offset);
    }

    SignalFormatException error(String field, int offset, String expected, Object found) {
        return new SignalFormatException(file, field, absolute(offset), expected,
                found == null ? null : String.valueOf(found));
    }
}

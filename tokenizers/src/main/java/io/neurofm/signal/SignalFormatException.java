package io.neurofm.signal;

import java.nio.file.Path;

/**
 * A file does not follow its format. Names the file, where (a header field and/or byte offset)
 * and what was expected, e.g. {@code x.edf: header field 'number of data records' at byte 236:
 * expected an integer >= -1, got "abc"}.
 */
public class SignalFormatException extends SignalException {
    private final String field;
    private final long byteOffset;

    /**
     * @param field      the header field or structure concerned (e.g. "number of signals")
     * @param byteOffset the byte offset in the file, or -1 when not meaningful
     * @param expected   what the format requires, as a phrase ("an integer in 1..4096")
     * @param found      what the file holds instead, or null
     */
    public SignalFormatException(Path file, String field, long byteOffset, String expected, String found) {
        super(file, describe(field, byteOffset, expected, found));
        this.field = field;
        this.byteOffset = byteOffset;
    }

    public SignalFormatException(Path file, String field, long byteOffset, String expected, String found,
                                 Throwable cause) {
        super(file, describe(field, byteOffset, expected, found), cause);
        this.field = field;
        this.byteOffset = byteOffset;
    }

    private static String describe(String field, long byteOffset, String expected, String found) {
        StringBuilder sb = new StringBuilder();
        sb.append(field == null ? "file" : "field '" + field + "'");
        if (byteOffset >= 0) {
            sb.append(" at byte ").append(byteOffset);
        }
        sb.append(": expected ").append(expected);
        if (found != null) {
            sb.append(", got ").append(found);
        }
        return sb.toString();
    }

    public String field() {
        return field;
    }

    /** Byte offset of the problem, or -1. */
    public long byteOffset() {
        return byteOffset;
    }
}

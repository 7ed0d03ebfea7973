package io.neurofm.signal.io.edf;

import io.neurofm.signal.SignalFormatException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * Strict access to the fixed-width ASCII fields of an EDF/BDF header held in memory. Every
 * failure is a {@link SignalFormatException} naming the field and its byte offset.
 */
final class HeaderFields {
    private static final Pattern INTEGER = Pattern.compile("[+-]?\\d+");
    private static final Pattern DECIMAL = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");

    private final Path file;
    private final byte[] bytes;

    HeaderFields(Path file, byte[] bytes) {
        this.file = file;
        this.bytes = bytes;
    }

    Path file() {
        return file;
    }

    /**
     * The field as Latin-1 text, cut at the first NUL (some writers pad with NULs) and with
     * surrounding spaces removed. Control characters other than NUL padding are refused.
     */
    String text(String field, int offset, int width) throws SignalFormatException {
        int end = offset;
        int limit = offset + width;
        while (end < limit && bytes[end] != 0) {
            int b = bytes[end] & 0xFF;
            if (b < 0x20 || b == 0x7F) {
                throw new SignalFormatException(file, field, end, "printable text",
                        String.format("control byte 0x%02X", b));
            }
            end++;
        }
        return new String(bytes, offset, end - offset, StandardCharsets.ISO_8859_1).strip();
    }

    /** The field as an integer in [min, max]. */
    long integer(String field, int offset, int width, long min, long max) throws SignalFormatException {
        String text = text(field, offset, width);
        if (!INTEGER.matcher(text).matches() || text.length() > 18) {
            throw new SignalFormatException(file, field, offset, "an integer in " + min + ".." + max, quote(text));
        }
        long value = Long.parseLong(text);
        if (value < min || value > max) {
            throw new SignalFormatException(file, field, offset, "an integer in " + min + ".." + max, quote(text));
        }
        return value;
    }

    /** The field as a finite decimal number; a decimal comma is accepted as some writers use it. */
    double decimal(String field, int offset, int width) throws SignalFormatException {
        String text = text(field, offset, width).replace(',', '.');
        if (!DECIMAL.matcher(text).matches()) {
            throw new SignalFormatException(file, field, offset, "a decimal number", quote(text));
        }
        double value = Double.parseDouble(text);
        if (!Double.isFinite(value)) {
            throw new SignalFormatException(file, field, offset, "a finite decimal number", quote(text));
        }
        return value;
    }

    static String quote(String text) {
        return "\"" + text + "\"";
    }
}

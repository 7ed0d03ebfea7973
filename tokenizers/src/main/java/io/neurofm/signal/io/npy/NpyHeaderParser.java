package io.neurofm.signal.io.npy;

import io.neurofm.signal.SignalFormatException;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the .npy preamble: magic "\x93NUMPY", version, header length, and the header, a Python
 * dict literal such as {@code {'descr': '<f4', 'fortran_order': False, 'shape': (3, 4), }}.
 * Only that literal subset is accepted (strings, True/False, tuples of integers), which is all
 * numpy.lib.format writes for plain arrays.
 */
final class NpyHeaderParser {
    static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    /** numpy itself refuses headers over 10000 bytes by default; this leaves room without trusting the file. */
    static final int MAX_HEADER_BYTES = 1 << 20;

    private final Path file;
    private final String where;
    private final String text;
    private final long textOffset;
    private int pos;

    private NpyHeaderParser(Path file, String where, String text, long textOffset) {
        this.file = file;
        this.where = where;
        this.text = text;
        this.textOffset = textOffset;
    }

    /**
     * Reads the preamble from {@code in}, positioned at the start of the array.
     *
     * @param where prefix for error fields, e.g. "data.npy: " inside an .npz, "" for a plain .npy
     */
    static NpyHeader read(Path file, String where, InputStream in) throws IOException {
        byte[] start = readFully(file, where, in, 8, 0);
        for (int i = 0; i < MAGIC.length; i++) {
            if (start[i] != MAGIC[i]) {
                throw new SignalFormatException(file, where + "magic", i, "\\x93NUMPY", hex(start, 6));
            }
        }
        int major = start[6] & 0xFF;
        int minor = start[7] & 0xFF;
        if (major < 1 || major > 3 || minor != 0) {
            throw new SignalFormatException(file, where + "version", 6, "1.0, 2.0 or 3.0", major + "." + minor);
        }
        int lengthBytes = major == 1 ? 2 : 4;
        byte[] len = readFully(file, where, in, lengthBytes, 8);
        long headerLength = 0;
        for (int i = lengthBytes - 1; i >= 0; i--) {
            headerLength = (headerLength << 8) | (len[i] & 0xFF);
        }
        if (headerLength > MAX_HEADER_BYTES) {
            throw new SignalFormatException(file, where + "header length", 8, "at most " + MAX_HEADER_BYTES + " bytes",
                    String.valueOf(headerLength));
        }
        long textOffset = 8 + lengthBytes;
        byte[] raw = readFully(file, where, in, (int) headerLength, textOffset);
        String text = new String(raw, major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        NpyHeaderParser p = new NpyHeaderParser(file, where, text, textOffset);
        return p.header(major, textOffset + headerLength);
    }

    private NpyHeader header(int version, long dataOffset) throws SignalFormatException {
        Map<String, Object> dict = dict();
        skipSpace();
        if (pos != text.length()) {
            throw error("header", "only spaces and a newline after the dict", quoteRest());
        }
        if (!dict.keySet().equals(Set.of("descr", "fortran_order", "shape"))) {
            throw error("header", "exactly the keys 'descr', 'fortran_order', 'shape'", dict.keySet().toString());
        }
        if (!(dict.get("descr") instanceof String descr)) {
            throw error("descr", "a simple dtype string like '<f4' (structured arrays are not supported)",
                    String.valueOf(dict.get("descr")));
        }
        if (!(dict.get("fortran_order") instanceof Boolean fortran)) {
            throw error("fortran_order", "True or False", String.valueOf(dict.get("fortran_order")));
        }
        if (!(dict.get("shape") instanceof long[] shape)) {
            throw error("shape", "a tuple of integers", String.valueOf(dict.get("shape")));
        }
        NpyDtype dtype = descr.length() == 3 ? NpyDtype.forCode(descr.substring(1)) : null;
        char order = descr.isEmpty() ? '?' : descr.charAt(0);
        boolean orderOk = dtype != null && (dtype.size() == 1 ? order == '|' || order == '<' || order == '>'
                : order == '<' || order == '>');
        if (!orderOk) {
            throw error("descr", "one of |b1 |u1 <i2 <i4 <i8 <f4 <f8 (or '>' for big-endian)", "'" + descr + "'");
        }
        long bytes = dtype.size();
        for (long d : shape) {
            if (d != 0 && bytes > Long.MAX_VALUE / d) {
                throw error("shape", "a size that fits in 2^63 bytes", Arrays.toString(shape));
            }
            bytes *= d;
        }
        return new NpyHeader(version, dtype, order == '>' ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN, fortran,
                shape, dataOffset);
    }

    private Map<String, Object> dict() throws SignalFormatException {
        skipSpace();
        expect('{');
        Map<String, Object> out = new LinkedHashMap<>();
        skipSpace();
        while (peek() != '}') {
            String key = string();
            skipSpace();
            expect(':');
            skipSpace();
            Object value = value();
            if (out.put(key, value) != null) {
                throw error("header", "each key once", "'" + key + "' twice");
            }
            skipSpace();
            if (peek() == ',') {
                pos++;
                skipSpace();
            } else if (peek() != '}') {
                throw error("header", "',' or '}'", quoteRest());
            }
        }
        pos++;
        return out;
    }

    private Object value() throws SignalFormatException {
        char c = peek();
        if (c == '\'' || c == '"') {
            return string();
        }
        if (c == '(') {
            return tuple();
        }
        if (text.startsWith("True", pos)) {
            pos += 4;
            return Boolean.TRUE;
        }
        if (text.startsWith("False", pos)) {
            pos += 5;
            return Boolean.FALSE;
        }
        throw error("header", "a string, True, False or a tuple", quoteRest());
    }

    private long[] tuple() throws SignalFormatException {
        expect('(');
        List<Long> dims = new ArrayList<>();
        skipSpace();
        while (peek() != ')') {
            int begin = pos;
            while (pos < text.length() && Character.isDigit(text.charAt(pos)) && text.charAt(pos) < 128) {
                pos++;
            }
            if (pos == begin || pos - begin > 18) {
                throw error("shape", "non-negative integers", quoteRest());
            }
            dims.add(Long.parseLong(text.substring(begin, pos)));
            skipSpace();
            if (peek() == ',') {
                pos++;
                skipSpace();
            } else if (peek() != ')') {
                throw error("shape", "',' or ')'", quoteRest());
            }
        }
        pos++;
        if (dims.size() > 32) {
            throw error("shape", "at most 32 dimensions (numpy's limit)", dims.size() + " dimensions");
        }
        return dims.stream().mapToLong(Long::longValue).toArray();
    }

    private String string() throws SignalFormatException {
        char quote = peek();
        if (quote != '\'' && quote != '"') {
            throw error("header", "a quoted string", quoteRest());
        }
        int end = text.indexOf(quote, pos + 1);
        int backslash = text.indexOf('\\', pos + 1);
        if (end < 0 || (backslash >= 0 && backslash < end)) {
            throw error("header", "a plain quoted string", quoteRest());
        }
        String s = text.substring(pos + 1, end);
        pos = end + 1;
        return s;
    }

    private void expect(char c) throws SignalFormatException {
        if (peek() != c) {
            throw error("header", "'" + c + "'", quoteRest());
        }
        pos++;
    }

    private char peek() throws SignalFormatException {
        if (pos >= text.length()) {
            throw error("header", "more header text", "its end");
        }
        return text.charAt(pos);
    }

    private void skipSpace() {
        while (pos < text.length() && (text.charAt(pos) == ' ' || text.charAt(pos) == '\n'
                || text.charAt(pos) == '\t' || text.charAt(pos) == '\r')) {
            pos++;
        }
    }

    private String quoteRest() {
        String rest = text.substring(Math.min(pos, text.length()));
        return "\"" + (rest.length() > 40 ? rest.substring(0, 40) + "..." : rest) + "\"";
    }

    private SignalFormatException error(String field, String expected, String found) {
        // offsets are exact for the Latin-1 headers of versions 1 and 2; for UTF-8 (3.0) they count characters
        return new SignalFormatException(file, where + field, textOffset + pos, expected, found);
    }

    static byte[] readFully(Path file, String where, InputStream in, int n, long offset) throws IOException {
        byte[] b = in.readNBytes(n);
        if (b.length < n) {
            throw new SignalFormatException(file, where + "preamble", offset,
                    n + " bytes", "only " + b.length + " before the end", new EOFException());
        }
        return b;
    }

    private static String hex(byte[] b, int n) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            sb.append(String.format("%02x", b[i] & 0xFF));
        }
        return sb.toString();
    }
}

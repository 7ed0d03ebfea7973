package io.neurofm.signal.io.csv;

import io.neurofm.signal.SignalFormatException;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * One pass over a text file that remembers where each line starts, so a window of rows can later
 * be read by its byte range alone. Hands every line to a visitor as it goes.
 */
final class LineIndex {
    /** No ROI table has lines this long; a file that does is not text. */
    static final int MAX_LINE_BYTES = 64 << 20;

    interface Visitor {
        /** @param lineNo 1-based; @param offset byte offset of the line's first byte */
        void line(String text, int lineNo, long offset) throws SignalFormatException;
    }

    private LineIndex() {
    }

    /**
     * Calls {@code visitor} for each line (terminator and a UTF-8 byte order mark removed) and
     * returns the start offset of every line plus, last, the file's length.
     */
    static long[] scan(Path file, Visitor visitor) throws IOException {
        long[] starts = new long[1024];
        int lines = 0;
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            long offset = 0;
            long lineStart = 0;
            int b;
            boolean first = true;
            while (true) {
                b = in.read();
                if (b == '\n' || b < 0) {
                    if (b < 0 && line.size() == 0 && offset == lineStart) {
                        break;
                    }
                    if (lines == starts.length) {
                        starts = Arrays.copyOf(starts, Math.multiplyExact(lines, 2));
                    }
                    starts[lines++] = lineStart;
                    visitor.line(decode(file, line.toByteArray(), first, lines, lineStart), lines, lineStart);
                    first = false;
                    line.reset();
                    offset++;
                    lineStart = offset;
                    if (b < 0) {
                        break;
                    }
                    continue;
                }
                line.write(b);
                offset++;
                if (line.size() > MAX_LINE_BYTES) {
                    throw new SignalFormatException(file, "line " + (lines + 1), lineStart,
                            "a line of at most " + MAX_LINE_BYTES + " bytes", "a longer one");
                }
            }
            long[] out = Arrays.copyOf(starts, lines + 1);
            out[lines] = Files.size(file);
            return out;
        }
    }

    /** Strict UTF-8 (ASCII is a subset), without the line's '\r' and, on the first line, a BOM. */
    static String decode(Path file, byte[] bytes, boolean first, int lineNo, long offset) throws SignalFormatException {
        int from = first && bytes.length >= 3 && (bytes[0] & 0xFF) == 0xEF && (bytes[1] & 0xFF) == 0xBB
                && (bytes[2] & 0xFF) == 0xBF ? 3 : 0;
        int to = bytes.length > from && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, from, to - from)).toString();
        } catch (CharacterCodingException e) {
            throw new SignalFormatException(file, "line " + lineNo, offset, "UTF-8 text", "bytes that are not", e);
        }
    }
}

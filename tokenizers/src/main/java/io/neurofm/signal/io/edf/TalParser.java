package io.neurofm.signal.io.edf;

import io.neurofm.signal.SignalFormatException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses the Time-stamped Annotation Lists (TALs) of one EDF+ annotation signal in one data
 * record: {@code +onset[\x15duration]\x14text\x14[text\x14...]\x00}, then NUL padding.
 * Onsets are seconds from the header's start time; texts are UTF-8 (EDF+ 2.0).
 */
final class TalParser {
    private static final byte ONSET_END_DURATION = 0x15;
    private static final byte TEXT_SEPARATOR = 0x14;
    private static final String FIELD = "EDF Annotations";
    /** About 3000 years: keeps every onset, sum and date computation finite. */
    static final double MAX_SECONDS = 1e11;

    /** One TAL; {@code texts} keeps empty entries (an empty first text marks a record's time-keeping TAL). */
    record Tal(double onset, double duration, List<String> texts, long fileOffset) {
    }

    private TalParser() {
    }

    /**
     * @param bytes      the annotation signal's bytes in one record
     * @param fileOffset where those bytes start in the file (for error messages)
     */
    static List<Tal> parse(Path file, byte[] bytes, long fileOffset) throws SignalFormatException {
        List<Tal> tals = new ArrayList<>();
        int pos = 0;
        int n = bytes.length;
        while (pos < n) {
            if (bytes[pos] == 0) {
                pos++;
                continue;
            }
            int start = pos;
            byte sign = bytes[pos];
            if (sign != '+' && sign != '-') {
                throw error(file, fileOffset + pos, "a TAL starting with '+' or '-'", bytes, pos);
            }
            int onsetEnd = number(bytes, pos + 1, n);
            if (onsetEnd == pos + 1) {
                throw error(file, fileOffset + pos, "a TAL onset like +12.5", bytes, pos);
            }
            double onset = Double.parseDouble(ascii(bytes, pos, onsetEnd));
            if (!(Math.abs(onset) <= MAX_SECONDS)) {
                throw new SignalFormatException(file, FIELD, fileOffset + pos, "a TAL onset within "
                        + MAX_SECONDS + " s", ascii(bytes, pos, onsetEnd));
            }
            pos = onsetEnd;
            double duration = 0;
            if (pos < n && bytes[pos] == ONSET_END_DURATION) {
                int durationEnd = number(bytes, pos + 1, n);
                if (durationEnd == pos + 1) {
                    throw error(file, fileOffset + pos + 1, "a TAL duration like 2.5", bytes, pos + 1);
                }
                duration = Double.parseDouble(ascii(bytes, pos + 1, durationEnd));
                if (!(duration <= MAX_SECONDS)) {
                    throw new SignalFormatException(file, FIELD, fileOffset + pos + 1, "a TAL duration within "
                            + MAX_SECONDS + " s", ascii(bytes, pos + 1, durationEnd));
                }
                pos = durationEnd;
            }
            if (pos >= n || bytes[pos] != TEXT_SEPARATOR) {
                throw error(file, fileOffset + pos, "0x14 after the TAL onset/duration", bytes, pos);
            }
            pos++;
            List<String> texts = new ArrayList<>();
            while (true) {
                int textStart = pos;
                while (pos < n && bytes[pos] != TEXT_SEPARATOR && bytes[pos] != 0) {
                    pos++;
                }
                if (pos >= n || bytes[pos] == 0) {
                    throw error(file, fileOffset + Math.min(pos, n - 1),
                            "annotation text ended by 0x14 (the TAL is unterminated)", bytes, Math.min(pos, n - 1));
                }
                texts.add(utf8(file, bytes, textStart, pos, fileOffset));
                pos++;
                if (pos < n && bytes[pos] == 0) {
                    pos++;
                    break;
                }
                if (pos >= n) {
                    throw error(file, fileOffset + n - 1, "a NUL closing the TAL", bytes, n - 1);
                }
            }
            tals.add(new Tal(onset, duration, texts, fileOffset + start));
        }
        return tals;
    }

    /** End of {@code digits[.digits]} starting at {@code from}. */
    private static int number(byte[] bytes, int from, int n) {
        int pos = from;
        while (pos < n && bytes[pos] >= '0' && bytes[pos] <= '9') {
            pos++;
        }
        if (pos == from) {
            return from;
        }
        if (pos < n && bytes[pos] == '.') {
            pos++;
            while (pos < n && bytes[pos] >= '0' && bytes[pos] <= '9') {
                pos++;
            }
        }
        return pos;
    }

    private static String ascii(byte[] bytes, int from, int to) {
        return new String(bytes, from, to - from, StandardCharsets.US_ASCII);
    }

    private static String utf8(Path file, byte[] bytes, int from, int to, long fileOffset)
            throws SignalFormatException {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        try {
            return decoder.decode(ByteBuffer.wrap(bytes, from, to - from)).toString();
        } catch (CharacterCodingException e) {
            throw new SignalFormatException(file, FIELD, fileOffset + from, "UTF-8 annotation text",
                    "invalid UTF-8", e);
        }
    }

    private static SignalFormatException error(Path file, long offset, String expected, byte[] bytes, int pos) {
        String found = pos < bytes.length ? String.format("byte 0x%02X", bytes[pos] & 0xFF) : "end of signal";
        return new SignalFormatException(file, FIELD, offset, expected, found);
    }
}

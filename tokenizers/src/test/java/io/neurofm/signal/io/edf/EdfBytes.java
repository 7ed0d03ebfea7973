package io.neurofm.signal.io.edf;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/** Hand edits of EDF files for tests: a copy of the bytes with fields overwritten. */
final class EdfBytes {
    final byte[] bytes;

    private EdfBytes(byte[] bytes) {
        this.bytes = bytes;
    }

    static EdfBytes of(Path file) throws IOException {
        return new EdfBytes(Files.readAllBytes(file));
    }

    int signals() {
        return Integer.parseInt(new String(bytes, 252, 4, StandardCharsets.US_ASCII).strip());
    }

    /** Offset of field {@code fieldStart} (per-signal block offset from byte 256 divided by ns) of signal i (0-based). */
    int signalField(int blockOffsetPerSignal, int width, int i) {
        return 256 + blockOffsetPerSignal * signals() + width * i;
    }

    /** Writes {@code text} space-padded into the {@code width} bytes at {@code offset}. */
    EdfBytes field(int offset, int width, String text) {
        byte[] t = text.getBytes(StandardCharsets.ISO_8859_1);
        Arrays.fill(bytes, offset, offset + width, (byte) ' ');
        System.arraycopy(t, 0, bytes, offset, Math.min(width, t.length));
        return this;
    }

    EdfBytes raw(int offset, byte... values) {
        System.arraycopy(values, 0, bytes, offset, values.length);
        return this;
    }

    String text(int offset, int width) {
        return new String(bytes, offset, width, StandardCharsets.ISO_8859_1);
    }

    Path write(Path dir, String name) throws IOException {
        Path out = dir.resolve(name);
        Files.write(out, bytes);
        return out;
    }

    Path writeTruncated(Path dir, String name, int length) throws IOException {
        Path out = dir.resolve(name);
        Files.write(out, Arrays.copyOf(bytes, length));
        return out;
    }

    // per-signal block offsets (multiply by ns, add 256)
    static final int LABEL = 0;
    static final int DIMENSION = 96;
    static final int PHYS_MIN = 104;
    static final int PHYS_MAX = 112;
    static final int DIG_MIN = 120;
    static final int DIG_MAX = 128;
    static final int SAMPLES = 216;
}

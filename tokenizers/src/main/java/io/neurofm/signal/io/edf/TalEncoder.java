package io.neurofm.signal.io.edf;

import io.neurofm.signal.Annotation;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Builds the "EDF Annotations" bytes of each data record: the time-keeping TAL
 * {@code +onset\x14\x14\x00} followed by the TALs of the annotations whose onset falls in that
 * record. Every record gets the same number of bytes, enough for the fullest one.
 */
final class TalEncoder {
    private final BigDecimal duration;
    private final BigDecimal fraction;
    private final TreeMap<Long, List<byte[]>> byRecord = new TreeMap<>();
    private final int bytesPerRecord;

    /**
     * @param fraction   sub-second part of the start time: record 0 starts this long after the header's second
     * @param maxRecords records the file may have (annotations after the last go into it)
     */
    TalEncoder(List<Annotation> annotations, BigDecimal duration, BigDecimal fraction, long maxRecords) {
        this.duration = duration;
        this.fraction = fraction;
        for (Annotation a : annotations) {
            long record = BigDecimal.valueOf(Math.max(0, a.onsetSeconds()))
                    .divide(duration, 0, RoundingMode.FLOOR).min(BigDecimal.valueOf(maxRecords - 1)).longValue();
            byRecord.computeIfAbsent(record, r -> new ArrayList<>()).add(tal(a));
        }
        int most = timekeeping(maxRecords - 1).length;
        for (Map.Entry<Long, List<byte[]>> e : byRecord.entrySet()) {
            int n = timekeeping(e.getKey()).length;
            for (byte[] tal : e.getValue()) {
                n += tal.length;
            }
            most = Math.max(most, n);
        }
        this.bytesPerRecord = most + (most & 1);
    }

    /** Even, so the annotation signal is a whole number of 16-bit samples. */
    int bytesPerRecord() {
        return bytesPerRecord;
    }

    /** The last record holding an annotation, or -1. */
    long lastAnnotatedRecord() {
        return byRecord.isEmpty() ? -1 : byRecord.lastKey();
    }

    /** Writes record {@code r}'s annotation bytes (zero padded to {@link #bytesPerRecord()}) at {@code offset}. */
    void write(long r, byte[] out, int offset) {
        java.util.Arrays.fill(out, offset, offset + bytesPerRecord, (byte) 0);
        byte[] keep = timekeeping(r);
        System.arraycopy(keep, 0, out, offset, keep.length);
        int at = offset + keep.length;
        for (byte[] tal : byRecord.getOrDefault(r, List.of())) {
            System.arraycopy(tal, 0, out, at, tal.length);
            at += tal.length;
        }
    }

    private byte[] timekeeping(long r) {
        String onset = EdfNumbers.signed(fraction.add(duration.multiply(BigDecimal.valueOf(r))));
        return (onset + "\u0014\u0014\u0000").getBytes(StandardCharsets.US_ASCII);
    }

    private byte[] tal(Annotation a) {
        String text = a.description();
        if (text.isEmpty() || text.indexOf('\u0000') >= 0 || text.indexOf('\u0014') >= 0
                || text.indexOf('\u0015') >= 0) {
            throw new IllegalArgumentException("annotation text \"" + text + "\" at " + a.onsetSeconds()
                    + " s cannot be stored in a TAL (empty, or holds 0x00, 0x14 or 0x15)");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        String head = EdfNumbers.signed(EdfNumbers.decimal(a.onsetSeconds()).add(fraction));
        if (a.durationSeconds() > 0) {
            head += "\u0015" + EdfNumbers.plain(EdfNumbers.decimal(a.durationSeconds()));
        }
        out.writeBytes(head.getBytes(StandardCharsets.US_ASCII));
        out.write(0x14);
        out.writeBytes(text.getBytes(StandardCharsets.UTF_8));
        out.write(0x14);
        out.write(0);
        return out.toByteArray();
    }
}

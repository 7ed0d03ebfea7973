package io.neurofm.signal.io.edf;

import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** Lays out the ASCII header of a 16-bit EDF/EDF+ file. */
final class EdfHeaderWriter {
    private static final String[] MONTHS = {"JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT",
            "NOV", "DEC"};

    /** A header signal: a data signal, or the annotation signal when {@code signal} is null. */
    record Entry(EdfOutputSignal signal, int samplesPerRecord) {
    }

    private EdfHeaderWriter() {
    }

    static void requireAscii(String what, String text, int width) {
        if (text.length() > width) {
            throw new IllegalArgumentException(what + " \"" + text + "\" is longer than EDF's " + width
                    + " characters");
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c > 0x7E) {
                throw new IllegalArgumentException(what + " \"" + text + "\" has a character EDF headers cannot "
                        + "hold (printable ASCII only) at " + i);
            }
        }
    }

    /**
     * @param start   wall-clock second of the first record (UTC), or null when unknown
     * @param records number of data records, or -1 while still writing
     */
    static byte[] header(EdfLayout layout, List<Entry> entries, LocalDateTime start, long records) {
        int ns = entries.size();
        byte[] out = new byte[256 * (ns + 1)];
        Arrays.fill(out, (byte) ' ');
        int[] at = {0};
        put(out, at, "0", 8);
        put(out, at, layout.patientField(), 80);
        put(out, at, recordingField(start), 80);
        LocalDateTime when = start == null ? LocalDateTime.of(1985, 1, 1, 0, 0) : start;
        put(out, at, String.format(Locale.ROOT, "%02d.%02d.%02d", when.getDayOfMonth(), when.getMonthValue(),
                Math.floorMod(when.getYear(), 100)), 8);
        put(out, at, String.format(Locale.ROOT, "%02d.%02d.%02d", when.getHour(), when.getMinute(),
                when.getSecond()), 8);
        put(out, at, String.valueOf(out.length), 8);
        put(out, at, layout.plus() ? "EDF+C" : "", 44);
        put(out, at, String.valueOf(records), 8);
        put(out, at, layout.recordDurationText(), 8);
        put(out, at, String.valueOf(ns), 4);
        for (Entry e : entries) {
            put(out, at, e.signal() == null ? EdfSignal.EDF_ANNOTATIONS : e.signal().label(), 16);
        }
        for (Entry e : entries) {
            put(out, at, "", 80);
        }
        for (Entry e : entries) {
            put(out, at, e.signal() == null ? "" : e.signal().dimension(), 8);
        }
        for (Entry e : entries) {
            put(out, at, e.signal() == null ? "-1" : e.signal().physicalMin(), 8);
        }
        for (Entry e : entries) {
            put(out, at, e.signal() == null ? "1" : e.signal().physicalMax(), 8);
        }
        for (Entry e : entries) {
            put(out, at, String.valueOf(e.signal() == null ? EdfOutputSignal.DIGITAL_MIN : e.signal().digitalMin()), 8);
        }
        for (Entry e : entries) {
            put(out, at, String.valueOf(e.signal() == null ? EdfOutputSignal.DIGITAL_MAX : e.signal().digitalMax()), 8);
        }
        for (Entry e : entries) {
            put(out, at, "", 80);
        }
        for (Entry e : entries) {
            put(out, at, String.valueOf(e.samplesPerRecord()), 8);
        }
        return out;
    }

    /** EDF+ "Startdate dd-MMM-yyyy admincode technician equipment", with X for the unknown. */
    private static String recordingField(LocalDateTime start) {
        String date = start == null ? "X" : String.format(Locale.ROOT, "%02d-%s-%04d", start.getDayOfMonth(),
                MONTHS[start.getMonthValue() - 1], start.getYear());
        return "Startdate " + date + " X X X";
    }

    static LocalDateTime utcSecond(java.time.Instant instant) {
        return instant == null ? null : LocalDateTime.ofEpochSecond(instant.getEpochSecond(), 0, ZoneOffset.UTC);
    }

    private static void put(byte[] out, int[] at, String text, int width) {
        byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
        if (bytes.length > width) {
            throw new IllegalArgumentException("\"" + text + "\" does not fit in " + width + " characters");
        }
        System.arraycopy(bytes, 0, out, at[0], bytes.length);
        at[0] += width;
    }
}

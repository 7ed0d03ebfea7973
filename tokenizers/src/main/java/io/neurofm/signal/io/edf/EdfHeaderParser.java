package io.neurofm.signal.io.edf;

import io.neurofm.signal.SignalFormatException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses the 256-byte fixed header and the 256-byte-per-signal headers of EDF, EDF+ and BDF
 * files strictly, checking every size against the file length before anything is allocated.
 */
final class EdfHeaderParser {
    static final int FIXED_BYTES = 256;
    /** The "number of signals" field is 4 ASCII digits. */
    static final int MAX_SIGNALS = 9999;
    /** The "number of samples in each data record" field is 8 ASCII digits. */
    static final int MAX_SAMPLES_PER_RECORD = 99_999_999;

    private static final int OFF_PATIENT = 8;
    private static final int OFF_RECORDING = 88;
    private static final int OFF_HEADER_BYTES = 184;
    private static final int OFF_RESERVED = 192;
    private static final int OFF_RECORDS = 236;
    private static final int OFF_DURATION = 244;
    private static final int OFF_SIGNALS = 252;

    private EdfHeaderParser() {
    }

    static EdfHeader parse(Path file, FileChannel channel) throws IOException {
        long fileSize = channel.size();
        if (fileSize < FIXED_BYTES) {
            throw new SignalFormatException(file, "fixed header", 0, "at least 256 bytes", fileSize + " bytes");
        }
        byte[] fixed = readFully(file, channel, 0, FIXED_BYTES);
        HeaderFields f = new HeaderFields(file, fixed);
        boolean bdf = isBdf(file, fixed);
        String version = bdf ? "BIOSEMI" : "0";

        long ns = f.integer("number of signals", OFF_SIGNALS, 4, 1, MAX_SIGNALS);
        long expectedHeader = FIXED_BYTES * (ns + 1);
        if (expectedHeader > fileSize) {
            throw new SignalFormatException(file, "number of signals", OFF_SIGNALS,
                    "a signal count whose header (" + expectedHeader + " bytes) fits in the file of " + fileSize
                            + " bytes", String.valueOf(ns));
        }
        long headerBytes = f.integer("number of bytes in header record", OFF_HEADER_BYTES, 8, 0, 99_999_999);
        if (headerBytes != expectedHeader) {
            throw new SignalFormatException(file, "number of bytes in header record", OFF_HEADER_BYTES,
                    "256 * (1 + number of signals) = " + expectedHeader, String.valueOf(headerBytes));
        }

        byte[] all = new byte[(int) headerBytes];
        System.arraycopy(fixed, 0, all, 0, FIXED_BYTES);
        byte[] rest = readFully(file, channel, FIXED_BYTES, (int) headerBytes - FIXED_BYTES);
        System.arraycopy(rest, 0, all, FIXED_BYTES, rest.length);
        HeaderFields h = new HeaderFields(file, all);

        String patient = h.text("local patient identification", OFF_PATIENT, 80);
        String recording = h.text("local recording identification", OFF_RECORDING, 80);
        LocalDateTime start = EdfStartTime.parse(h, recording);
        String reserved = h.text("reserved", OFF_RESERVED, 44);
        boolean plus = reserved.startsWith("EDF+") || reserved.startsWith("BDF+");
        boolean discontinuous = plus && reserved.length() > 4 && reserved.charAt(4) == 'D';
        long declaredRecords = h.integer("number of data records", OFF_RECORDS, 8, -1, 99_999_999);
        double duration = h.decimal("duration of a data record", OFF_DURATION, 8);
        String durationText = h.text("duration of a data record", OFF_DURATION, 8).replace(',', '.');
        if (duration < 0) {
            throw new SignalFormatException(file, "duration of a data record", OFF_DURATION,
                    "a duration >= 0 seconds", HeaderFields.quote(durationText));
        }

        List<EdfSignal> signals = parseSignals(h, (int) ns, bdf);
        long samplesPerRecord = 0;
        boolean hasData = false;
        for (EdfSignal s : signals) {
            samplesPerRecord += s.samplesPerRecord();
            hasData |= !s.isAnnotation();
        }
        if (hasData && duration == 0) {
            throw new SignalFormatException(file, "duration of a data record", OFF_DURATION,
                    "a positive duration (only annotation-only files may have 0)", HeaderFields.quote(durationText));
        }
        if (plus && discontinuous && signals.stream().noneMatch(EdfSignal::isAnnotation)) {
            throw new SignalFormatException(file, "reserved", OFF_RESERVED,
                    "an \"EDF Annotations\" signal, which " + reserved + " files need for their record onsets",
                    "none");
        }
        int sampleBytes = bdf ? 3 : 2;
        long recordBytes = samplesPerRecord * sampleBytes;
        long dataBytes = fileSize - headerBytes;
        long records;
        long trailing = 0;
        if (declaredRecords == -1) {
            records = dataBytes / recordBytes;
            trailing = dataBytes % recordBytes;
        } else {
            records = declaredRecords;
            boolean fits = records <= dataBytes / recordBytes;
            if (!fits || records * recordBytes != dataBytes) {
                throw new SignalFormatException(file, "number of data records", OFF_RECORDS,
                        declaredRecords + " records of " + recordBytes + " bytes = "
                                + (fits ? String.valueOf(records * recordBytes) : "more than " + dataBytes)
                                + " data bytes", dataBytes + " bytes after the header");
            }
        }
        for (EdfSignal s : signals) {
            if (!s.isAnnotation()) {
                double rate = s.samplesPerRecord() / duration;
                if (!Double.isFinite(rate)) {
                    throw new SignalFormatException(file, "duration of a data record", OFF_DURATION,
                            "a duration giving a finite sampling rate", HeaderFields.quote(durationText));
                }
            }
        }
        return new EdfHeader(bdf, plus, discontinuous, version, patient, recording, reserved, start,
                (int) headerBytes, records, declaredRecords, duration, durationText, signals, recordBytes, trailing);
    }

    private static boolean isBdf(Path file, byte[] fixed) throws SignalFormatException {
        if ((fixed[0] & 0xFF) == 0xFF) {
            String id = new String(fixed, 1, 7, StandardCharsets.ISO_8859_1);
            if (id.equals("BIOSEMI")) {
                return true;
            }
        } else {
            String text = new String(fixed, 0, 8, StandardCharsets.ISO_8859_1);
            if (text.equals("0       ")) {
                return false;
            }
        }
        throw new SignalFormatException(file, "version", 0,
                "\"0       \" (EDF) or 0xFF \"BIOSEMI\" (BDF)",
                HeaderFields.quote(printable(fixed, 0, 8)));
    }

    private static List<EdfSignal> parseSignals(HeaderFields h, int ns, boolean bdf) throws SignalFormatException {
        int base = FIXED_BYTES;
        int offLabel = base;
        int offTransducer = offLabel + 16 * ns;
        int offDimension = offTransducer + 80 * ns;
        int offPhysMin = offDimension + 8 * ns;
        int offPhysMax = offPhysMin + 8 * ns;
        int offDigMin = offPhysMax + 8 * ns;
        int offDigMax = offDigMin + 8 * ns;
        int offPrefilter = offDigMax + 8 * ns;
        int offSamples = offPrefilter + 80 * ns;
        long digitalLimit = bdf ? 1L << 23 : 1L << 15;
        String sampleRange = "[" + (-digitalLimit) + ", " + (digitalLimit - 1) + "]";

        List<EdfSignal> signals = new ArrayList<>(ns);
        long offsetInRecord = 0;
        int sampleBytes = bdf ? 3 : 2;
        for (int i = 0; i < ns; i++) {
            String label = h.text("label of signal " + (i + 1), offLabel + 16 * i, 16);
            String transducer = h.text("transducer type of signal " + (i + 1), offTransducer + 80 * i, 80);
            String dimension = h.text("physical dimension of signal " + (i + 1), offDimension + 8 * i, 8);
            double physMin = h.decimal("physical minimum of signal " + (i + 1), offPhysMin + 8 * i, 8);
            double physMax = h.decimal("physical maximum of signal " + (i + 1), offPhysMax + 8 * i, 8);
            String digMinField = "digital minimum of signal " + (i + 1);
            String digMaxField = "digital maximum of signal " + (i + 1);
            double digMin = h.decimal(digMinField, offDigMin + 8 * i, 8);
            double digMax = h.decimal(digMaxField, offDigMax + 8 * i, 8);
            String prefilter = h.text("prefiltering of signal " + (i + 1), offPrefilter + 80 * i, 80);
            long spr = h.integer("number of samples in each data record of signal " + (i + 1),
                    offSamples + 8 * i, 8, 1, MAX_SAMPLES_PER_RECORD);
            if (label.isEmpty()) {
                throw new SignalFormatException(h.file(), "label of signal " + (i + 1), offLabel + 16 * i,
                        "a non-blank label", "\"\"");
            }
            EdfSignal signal = new EdfSignal(i, label, transducer, dimension, physMin, physMax, digMin, digMax,
                    prefilter, (int) spr, offsetInRecord);
            if (!signal.isAnnotation()) {
                checkDigital(h, digMinField, offDigMin + 8 * i, digMin, digitalLimit, sampleRange);
                checkDigital(h, digMaxField, offDigMax + 8 * i, digMax, digitalLimit, sampleRange);
            }
            signals.add(signal);
            offsetInRecord += spr * sampleBytes;
        }
        return signals;
    }

    private static void checkDigital(HeaderFields h, String field, int offset, double value, long limit,
                                     String range) throws SignalFormatException {
        if (value != Math.rint(value) || value < -limit || value > limit - 1) {
            throw new SignalFormatException(h.file(), field, offset, "an integer sample value in " + range,
                    String.valueOf(value));
        }
    }

    static byte[] readFully(Path file, FileChannel channel, long position, int length) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(length);
        readFully(file, channel, position, buffer);
        return buffer.array();
    }

    /** Fills {@code buffer} from {@code position}; running out of file is a format error. */
    static void readFully(Path file, FileChannel channel, long position, ByteBuffer buffer) throws IOException {
        long at = position;
        while (buffer.hasRemaining()) {
            int n = channel.read(buffer, at);
            if (n < 0) {
                throw new SignalFormatException(file, null, at, "more bytes (the file ended)",
                        "end of file after " + at + " bytes");
            }
            at += n;
        }
    }

    private static String printable(byte[] bytes, int offset, int length) {
        StringBuilder sb = new StringBuilder();
        for (int i = offset; i < offset + length; i++) {
            int b = bytes[i] & 0xFF;
            sb.append(b >= 0x20 && b < 0x7F ? String.valueOf((char) b) : String.format("\\x%02X", b));
        }
        return sb.toString();
    }
}

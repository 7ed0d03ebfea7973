package io.neurofm.signal.io.gdf;

import io.neurofm.signal.SignalFormatException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses and validates a GDF file's fixed header, variable header, tagged header extension and
 * event table, following the GDF 1.25 (Schloegl 2004) and GDF 2.x (Schloegl 2006, arXiv cs/0608052,
 * with the 2.10 tagged header and the 2.21 float64 record duration) layouts. Every size is checked
 * against the file length before anything is allocated; any violation is a
 * {@link SignalFormatException} naming the field and its byte offset.
 */
final class GdfHeaderParser {
    static final int BLOCK = 256;
    /** GDF 2 stores the channel count as uint16; GDF 1 files are held to the same limit. */
    static final int MAX_CHANNELS = 65535;
    /** 1970-01-01 in GDF time (days since 0000-01-01 of the proleptic Gregorian calendar, as biosig counts). */
    private static final long GDF_DAYS_TO_EPOCH = 719529;
    private static final long MAX_EVENT_TABLE_BYTES = Integer.MAX_VALUE - 8;

    private final Path file;
    private final FileChannel channel;
    private final long size;

    private GdfHeaderParser(Path file, FileChannel channel) throws IOException {
        this.file = file;
        this.channel = channel;
        this.size = channel.size();
    }

    static GdfHeader parse(Path file, FileChannel channel) throws IOException {
        return new GdfHeaderParser(file, channel).parse();
    }

    private GdfHeader parse() throws IOException {
        if (size < BLOCK) {
            throw new SignalFormatException(file, "fixed header", 0, "at least 256 bytes", size + " bytes");
        }
        HeaderBytes fixed = read(0, BLOCK, "fixed header");
        GdfVersion version = GdfVersion.parse(fixed.rawText(0, 8));
        if (version == null) {
            throw fixed.error("version", 0, "\"GDF 1.xx\" (xx < 90) or \"GDF 2.xx\"", quoted(fixed.rawText(0, 8)));
        }
        return version.isGdf1() ? parseGdf1(fixed, version) : parseGdf2(fixed, version);
    }

    private GdfHeader parseGdf1(HeaderBytes fixed, GdfVersion version) throws IOException {
        long ns = fixed.u32(252);
        int channels = checkChannelCount(fixed, ns);
        long headerLength = fixed.i64(184);
        if (headerLength != (long) BLOCK * (channels + 1)) {
            throw fixed.error("header length", 184, "256 * (1 + number of signals) = " + BLOCK * (channels + 1L)
                    + " bytes (GDF 1 has no header extension)", headerLength);
        }
        long records = checkRecords(fixed);
        long numerator = fixed.u32(244);
        long denominator = fixed.u32(248);
        if (numerator == 0 || denominator == 0) {
            throw fixed.error("duration of a data record", 244,
                    "a positive rational number of seconds (uint32 numerator and denominator > 0)",
                    numerator + "/" + denominator);
        }
        GdfHeader.RecordDuration duration = GdfHeader.RecordDuration.rational(numerator, denominator);
        Instant start = gdf1StartTime(fixed);
        List<GdfChannelHeader> chans = parseChannels(version, channels, duration);
        return finish(version, fixed.text(8, 80), fixed.text(88, 80), start, headerLength, records, duration, chans,
                Map.of(), List.of(), "");
    }

    private GdfHeader parseGdf2(HeaderBytes fixed, GdfVersion version) throws IOException {
        int channels = checkChannelCount(fixed, fixed.u16(252));
        long headerLength = (long) fixed.u16(184) * BLOCK;
        long minimum = (long) BLOCK * (channels + 1);
        boolean tagged = version.atLeast(GdfVersion.TAGGED_HEADER);
        if (tagged ? headerLength < minimum : headerLength != minimum) {
            throw fixed.error("header length", 184, (tagged ? "at least " : "exactly ") + (channels + 1)
                    + " blocks of 256 bytes (1 + number of signals" + (tagged ? ", plus the tagged header)" : ")"),
                    fixed.u16(184) + " blocks");
        }
        if (headerLength > size) {
            throw fixed.error("header length", 184, "a header within the file of " + size + " bytes",
                    headerLength + " bytes");
        }
        long records = checkRecords(fixed);
        GdfHeader.RecordDuration duration;
        if (version.atLeast(GdfVersion.FLOAT_DURATION)) {
            double seconds = fixed.f64(244);
            if (!(seconds > 0) || !Double.isFinite(seconds)) {
                throw fixed.error("duration of a data record", 244, "a positive finite float64 number of seconds",
                        seconds);
            }
            duration = GdfHeader.RecordDuration.ofSeconds(seconds);
        } else {
            long numerator = fixed.u32(244);
            long denominator = fixed.u32(248);
            if (numerator == 0 || denominator == 0) {
                throw fixed.error("duration of a data record", 244,
                        "a positive rational number of seconds (uint32 numerator and denominator > 0)",
                        numerator + "/" + denominator);
            }
            duration = GdfHeader.RecordDuration.rational(numerator, denominator);
        }
        Instant start = gdfTime(fixed, 168, "start of recording");
        List<GdfChannelHeader> chans = parseChannels(version, channels, duration);
        Map<Integer, String> userEvents = new LinkedHashMap<>();
        List<Integer> tags = new ArrayList<>();
        String[] manufacturer = {""};
        if (tagged && headerLength > minimum) {
            parseTaggedHeader(read(minimum, (int) (headerLength - minimum), "tagged header"), userEvents, tags,
                    manufacturer);
        }
        return finish(version, fixed.text(8, 66), fixed.text(88, 64), start, headerLength, records, duration, chans,
                userEvents, tags, manufacturer[0]);
    }

    private GdfHeader finish(GdfVersion version, String patient, String recording, Instant start, long headerLength,
                             long records, GdfHeader.RecordDuration duration, List<GdfChannelHeader> chans,
                             Map<Integer, String> userEvents, List<Integer> tags, String manufacturer)
            throws IOException {
        long recordBytes = 0;
        for (GdfChannelHeader c : chans) {
            recordBytes += c.bytesPerRecord();
        }
        long available = size - headerLength;
        if (records > available / recordBytes) {
            throw new SignalFormatException(file, "number of data records", 236, "at most " + available / recordBytes
                    + " records of " + recordBytes + " bytes in the " + available + " bytes after the header",
                    Long.toString(records));
        }
        GdfHeader partial = new GdfHeader(file, version, patient, recording, start, headerLength, records, duration,
                chans, userEvents, tags, manufacturer, null);
        GdfEventTable events = parseEventTable(partial);
        return new GdfHeader(file, version, patient, recording, start, headerLength, records, duration, chans,
                userEvents, tags, manufacturer, events);
    }

    private int checkChannelCount(HeaderBytes fixed, long ns) throws SignalFormatException {
        if (ns < 1 || ns > MAX_CHANNELS) {
            throw fixed.error("number of signals", 252, "1.." + MAX_CHANNELS, ns);
        }
        long needed = (long) BLOCK * (ns + 1);
        if (needed > size) {
            throw fixed.error("number of signals", 252, "a count whose " + needed
                    + "-byte header fits in the file of " + size + " bytes", ns);
        }
        return (int) ns;
    }

    private long checkRecords(HeaderBytes fixed) throws SignalFormatException {
        long records = fixed.i64(236);
        if (records == -1) {
            throw fixed.error("number of data records", 236,
                    "a record count >= 0 (-1, 'unknown while recording', is not supported)", records);
        }
        if (records < 0) {
            throw fixed.error("number of data records", 236, "a record count >= 0", records);
        }
        return records;
    }

    private List<GdfChannelHeader> parseChannels(GdfVersion version, int ns, GdfHeader.RecordDuration duration)
            throws IOException {
        HeaderBytes var = read(BLOCK, BLOCK * ns, "variable header");
        boolean gdf1 = version.isGdf1();
        List<GdfChannelHeader> out = new ArrayList<>(ns);
        for (int k = 0; k < ns; k++) {
            String label = var.text(16 * k, 16);
            if (label.isEmpty()) {
                throw var.error("label of channel " + (k + 1), 16 * k, "a non-blank channel label", "\"\"");
            }
            String transducer = var.text(16 * ns + 80 * k, 80);
            String dimension;
            int code;
            GdfUnit unit;
            double digMin;
            double digMax;
            if (gdf1) {
                dimension = var.text(96 * ns + 8 * k, 8);
                code = 0;
                unit = GdfUnit.fromText(dimension);
                digMin = var.i64(120 * ns + 8 * k);
                digMax = var.i64(128 * ns + 8 * k);
            } else {
                dimension = var.text(96 * ns + 6 * k, 6);
                code = var.u16(102 * ns + 2 * k);
                unit = GdfUnit.fromCode(code);
                if (unit == null) {
                    throw var.error("physical dimension code of " + label, 102 * ns + 2 * k,
                            "a unit code with a decimal prefix in 0-10 or 16-25 (ISO 11073-10101)", code);
                }
                digMin = var.f64(120 * ns + 8 * k);
                digMax = var.f64(128 * ns + 8 * k);
            }
            double physMin = var.f64(104 * ns + 8 * k);
            double physMax = var.f64(112 * ns + 8 * k);
            if (!Double.isFinite(physMin) || !Double.isFinite(physMax)) {
                throw var.error("physical minimum/maximum of " + label, 104 * ns + 8 * k, "finite numbers",
                        physMin + ", " + physMax);
            }
            if (!Double.isFinite(digMin) || !Double.isFinite(digMax) || digMin == digMax) {
                throw var.error("digital minimum/maximum of " + label, 120 * ns + 8 * k,
                        "finite numbers that differ", digMin + ", " + digMax);
            }
            long spr = var.u32(216 * ns + 4 * k);
            if (spr < 1 || spr > Integer.MAX_VALUE) {
                throw var.error("samples per record of " + label, 216 * ns + 4 * k, "1.." + Integer.MAX_VALUE, spr);
            }
            long typeCode = var.u32(220 * ns + 4 * k);
            GdfDataType type = GdfDataType.fromCode(typeCode);
            if (type == null) {
                throw var.error("data type of " + label, 220 * ns + 4 * k,
                        "a GDF type code 1-8, 16, 17, 279 (int24) or 535 (uint24)", typeCode);
            }
            double rate = duration.rate(spr);
            if (!(rate > 0) || !Double.isFinite(rate)) {
                throw var.error("samples per record of " + label, 216 * ns + 4 * k,
                        "a positive finite sampling rate with a record of " + duration + " s", rate + " Hz");
            }
            out.add(new GdfChannelHeader(label, transducer, dimension, code, physMin, physMax, digMin, digMax, spr,
                    type, unit));
        }
        return out;
    }

    /**
     * GDF 2.10+ header 3: tag (uint8), length (uint24), value; a zero tag ends the list and the
     * rest of the 256-byte block is padding.
     */
    private void parseTaggedHeader(HeaderBytes area, Map<Integer, String> userEvents, List<Integer> tags,
                                   String[] manufacturer) throws SignalFormatException {
        int pos = 0;
        while (pos < area.length()) {
            int tag = area.u8(pos);
            if (tag == 0) {
                return;
            }
            if (pos + 4 > area.length()) {
                throw area.error("tagged header", pos, "a 4-byte tag and length within the header",
                        (area.length() - pos) + " bytes left");
            }
            int length = area.u24(pos + 1);
            if (length > area.length() - pos - 4) {
                throw area.error("length of header tag " + tag, pos + 1, "at most "
                        + (area.length() - pos - 4) + " bytes (the rest of the header)", length);
            }
            tags.add(tag);
            byte[] value = area.bytes(pos + 4, length);
            if (tag == 1) {
                parseUserEvents(area, pos + 4, value, userEvents);
            } else if (tag == 3) {
                manufacturer[0] = String.join(" ", strings(value)).strip();
            }
            pos += 4 + length;
        }
    }

    /** Tag 1: NUL-terminated texts for codes 0 (always empty), 1, 2, ...; an empty text ends them. */
    private void parseUserEvents(HeaderBytes area, int offset, byte[] value, Map<Integer, String> userEvents)
            throws SignalFormatException {
        List<String> texts = strings(value);
        for (int code = 1; code < texts.size() && !texts.get(code).isEmpty(); code++) {
            if (code > 255) {
                throw area.error("user event descriptions (header tag 1)", offset,
                        "descriptions for codes 1..255", "more than 255");
            }
            userEvents.put(code, texts.get(code));
        }
    }

    private static List<String> strings(byte[] value) {
        List<String> out = new ArrayList<>();
        int start = 0;
        for (int i = 0; i <= value.length; i++) {
            if (i == value.length || value[i] == 0) {
                if (i > start || i < value.length) {
                    out.add(new String(value, start, i - start, StandardCharsets.UTF_8));
                }
                start = i + 1;
            }
        }
        return out;
    }

    private GdfEventTable parseEventTable(GdfHeader header) throws IOException {
        long start = header.dataEnd();
        long remaining = size - start;
        double dataRate = header.maxSamplingRate();
        if (remaining == 0) {
            return GdfEventTable.none(dataRate);
        }
        if (remaining < 8) {
            throw new SignalFormatException(file, "event table", start,
                    "nothing, or an event table of at least 8 bytes after the data records", remaining + " bytes");
        }
        HeaderBytes head = read(start, 8, "event table header");
        int mode = head.u8(0);
        if (mode != 1 && mode != 3) {
            throw head.error("event table mode", 0, "1 or 3", mode);
        }
        long count;
        double statedRate;
        if (header.version().isGdf1()) {
            statedRate = head.u24(1);
            count = head.u32(4);
        } else {
            count = head.u24(1);
            statedRate = head.f32(4);
            if (!(statedRate >= 0) || !Double.isFinite(statedRate)) {
                throw head.error("event sampling rate", 4, "a finite float32 >= 0", statedRate);
            }
        }
        int entry = mode == 1 ? 6 : 12;
        if (8 + count * entry != remaining) {
            throw head.error("number of events", header.version().isGdf1() ? 4 : 1, "a count whose " + entry
                    + "-byte mode-" + mode + " entries fill the " + (remaining - 8)
                    + " bytes after the event table header", count);
        }
        if (remaining > MAX_EVENT_TABLE_BYTES) {
            throw head.error("number of events", header.version().isGdf1() ? 4 : 1,
                    "an event table smaller than 2 GiB", count);
        }
        int n = (int) count;
        HeaderBytes body = read(start + 8, (int) (remaining - 8), "event table");
        int ns = header.channels().size();
        List<GdfEvent> events = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            long position = body.u32(4 * i);
            if (position < 1) {
                throw body.error("event position", 4 * i, "a 1-based sample position >= 1", position);
            }
            int type = body.u16(4 * n + 2 * i);
            int chan = 0;
            long dur = 0;
            if (mode == 3) {
                chan = body.u16(6 * n + 2 * i);
                if (chan > ns) {
                    throw body.error("event channel", 6 * n + 2 * i, "0 (all) or a channel number 1.." + ns, chan);
                }
                dur = body.u32(8 * n + 4 * i);
            }
            events.add(new GdfEvent(position, type, chan, dur));
        }
        return new GdfEventTable(mode, statedRate, statedRate > 0 ? statedRate : dataRate, events);
    }

    /** GDF 1 start: "YYYYMMDDhhmmsscc" text, UTC as MNE reads it; blank means not stated. */
    private Instant gdf1StartTime(HeaderBytes fixed) throws SignalFormatException {
        String raw = fixed.rawText(168, 16);
        if (raw.isBlank() || raw.chars().allMatch(c -> c == 0)) {
            return null;
        }
        String t = raw.substring(14).equals("  ") ? raw.substring(0, 14) + "00" : raw;
        for (int i = 0; i < 16; i++) {
            if (t.charAt(i) < '0' || t.charAt(i) > '9') {
                throw fixed.error("start of recording", 168, "\"YYYYMMDDhhmmsscc\" digits",
                        quoted(raw));
            }
        }
        try {
            LocalDateTime dt = LocalDateTime.of(num(t, 0, 4), num(t, 4, 6), num(t, 6, 8), num(t, 8, 10),
                    num(t, 10, 12), num(t, 12, 14), num(t, 14, 16) * 10_000_000);
            return dt.toInstant(ZoneOffset.UTC);
        } catch (DateTimeException e) {
            throw fixed.error("start of recording", 168, "a valid date and time", quoted(raw));
        }
    }

    /** GDF 2 time: uint64 days since 0000-01-01 in 32.32 fixed point; 0 means not stated. */
    private Instant gdfTime(HeaderBytes fixed, int offset, String field) throws SignalFormatException {
        long t = fixed.i64(offset);
        if (t == 0) {
            return null;
        }
        long days = t >>> 32;
        double fraction = (t & 0xFFFFFFFFL) / 0x1p32;
        long epochDay = days - GDF_DAYS_TO_EPOCH;
        int year = days > 4_000_000 ? Integer.MAX_VALUE : LocalDate.ofEpochDay(epochDay).getYear();
        if (year < 1 || year > 9999) {
            throw fixed.error(field, offset, "a GDF time in the years 1..9999", "year " + year);
        }
        double secondsOfDay = fraction * 86400;
        long whole = (long) Math.floor(secondsOfDay);
        long nanos = Math.min(999_999_999L, Math.round((secondsOfDay - whole) * 1e9));
        return Instant.ofEpochSecond(epochDay * 86400 + whole, nanos);
    }

    private static int num(String s, int from, int to) {
        return Integer.parseInt(s.substring(from, to));
    }

    private HeaderBytes read(long offset, int length, String what) throws IOException {
        if (offset + length > size) {
            throw new SignalFormatException(file, what, offset, length + " bytes within the file of " + size
                    + " bytes", "the file ends after " + (size - offset));
        }
        ByteBuffer buf = ByteBuffer.allocate(length);
        long pos = offset;
        while (buf.hasRemaining()) {
            int n = channel.read(buf, pos);
            if (n < 0) {
                throw new SignalFormatException(file, what, pos, length + " bytes", "end of file");
            }
            pos += n;
        }
        return new HeaderBytes(file, offset, buf.array());
    }

    /** Quotes a header text, showing control bytes as escapes. */
    private static String quoted(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            if (c < 0x20 || c == 0x7F) {
                sb.append(String.format("\\x%02x", (int) c));
            } else {
                sb.append(c);
            }
        }
        return sb.append('"').toString();
    }
}

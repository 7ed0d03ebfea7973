package io.neurofm.signal.io.brainvision;

import io.neurofm.signal.SignalFormatException;
import java.io.IOException;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A parsed .vmrk: its markers and the recording start from the first "New Segment" marker that
 * carries a date. Follows MNE 1.3 ({@code _read_mrk}, {@code _get_hdr_info}): every Mk line after
 * "[Marker Infos]" counts; "\1" in type or description is a comma.
 */
record MarkerFile(List<Marker> markers, Instant startTime) {
    private static final Pattern VERSION = Pattern.compile(
            "Brain ?Vision( Core| V-Amp)? Data( Exchange)? Marker File,? Version ([12])\\.0");
    private static final Pattern MARKER = Pattern.compile("Mk(\\d+)=(.*)");
    private static final Pattern DATE = Pattern.compile("\\d{20}");

    /**
     * @param samples samples per channel, to refuse markers outside the recording
     * @param channels channel count, to refuse markers on channels that do not exist
     */
    static MarkerFile read(Path file, long samples, int channels) throws IOException {
        List<String> lines = TextFiles.lines(TextFiles.read(file));
        VhdrHeader.version(file, lines.isEmpty() ? "" : lines.get(0), "Marker", VERSION);
        int start = -1;
        for (int i = 1; i < lines.size(); i++) {
            if (lines.get(i).strip().equalsIgnoreCase("[Marker Infos]")) {
                start = i + 1;
                break;
            }
        }
        List<Marker> markers = new ArrayList<>();
        Instant startTime = null;
        boolean dateSeen = false;
        if (start < 0) {
            return new MarkerFile(markers, null);
        }
        for (int i = start; i < lines.size(); i++) {
            Matcher m = MARKER.matcher(lines.get(i).strip());
            if (!m.matches()) {
                continue;
            }
            String where = "marker Mk" + m.group(1) + " (line " + (i + 1) + ")";
            String[] f = m.group(2).split(",", -1);
            if (f.length < 3) {
                throw new SignalFormatException(file, where, -1, "Type,Description,Position[,Size,Channel[,Date]]",
                        TextFiles.quote(m.group(2)));
            }
            long position = number(file, where + " position", f[2], 1, samples,
                    "a 1-based sample position in 1.." + samples);
            long size = f.length > 3 && !f[3].isBlank()
                    ? number(file, where + " size", f[3], 0, Long.MAX_VALUE, "a length in samples >= 0") : 0;
            int channel = f.length > 4 && !f[4].isBlank()
                    ? (int) number(file, where + " channel", f[4], 0, channels,
                    "a channel number in 0.." + channels + " (0 = all)") : 0;
            String type = f[0].replace("\\1", ",");
            markers.add(new Marker(type, f[1].replace("\\1", ","), position, size, channel));
            // MNE takes the start from the first New Segment whose sixth field is a 20-digit date
            if (!dateSeen && type.equals("New Segment") && f.length > 5 && DATE.matcher(f[5].strip()).matches()) {
                dateSeen = true;
                startTime = date(file, where + " date", f[5].strip());
            }
        }
        return new MarkerFile(markers, startTime);
    }

    private static long number(Path file, String where, String text, long min, long max, String expected)
            throws SignalFormatException {
        String t = text.strip();
        if (t.matches("\\d{1,18}")) {
            long v = Long.parseLong(t);
            if (v >= min && v <= max) {
                return v;
            }
        }
        throw new SignalFormatException(file, where, -1, expected, TextFiles.quote(text));
    }

    /** yyyyMMddHHmmss plus six digits of microseconds, UTC as MNE takes it; all zeros means unknown. */
    private static Instant date(Path file, String where, String digits) throws SignalFormatException {
        if (digits.chars().allMatch(c -> c == '0')) {
            return null;
        }
        try {
            LocalDateTime t = LocalDateTime.of(
                    Integer.parseInt(digits.substring(0, 4)), Integer.parseInt(digits.substring(4, 6)),
                    Integer.parseInt(digits.substring(6, 8)), Integer.parseInt(digits.substring(8, 10)),
                    Integer.parseInt(digits.substring(10, 12)), Integer.parseInt(digits.substring(12, 14)),
                    Integer.parseInt(digits.substring(14, 20)) * 1000);
            return t.toInstant(ZoneOffset.UTC);
        } catch (DateTimeException e) {
            throw new SignalFormatException(file, where, -1, "a valid date yyyyMMddHHmmssuuuuuu",
                    TextFiles.quote(digits), e);
        }
    }
}

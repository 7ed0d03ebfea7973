package io.neurofm.signal.io.brainvision;

import io.neurofm.signal.SignalFormatException;
import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a .vhdr states, validated.
 *
 * @param version          1 or 2, from the first line
 * @param dataFile         resolved against the header's folder
 * @param markerFile       resolved likewise; null when the header names none
 * @param samplingInterval microseconds between samples
 * @param dataPoints       samples per channel when the header states them (VECTORIZED files usually do)
 * @param coordinates      per channel (same order as {@code channels}) {radius, theta, phi} or null
 */
record VhdrHeader(int version, Path dataFile, Path markerFile, Orientation orientation, BinaryFormat format,
                  ByteOrder byteOrder, int channelCount, double samplingInterval, OptionalLong dataPoints,
                  List<ChannelInfo> channels, List<double[]> coordinates) {

    /** Far above any amplifier; bounds what a corrupted header can make us allocate. */
    static final int MAX_CHANNELS = 65_536;

    private static final Pattern VERSION = Pattern.compile(
            "Brain ?Vision( Core| V-Amp)? Data( Exchange)? Header File,? Version ([12])\\.0");
    private static final Pattern CHANNEL_KEY = Pattern.compile("(?i)ch(\\d{1,9})");
    private static final String COMMON = "Common Infos";

    double samplingRate() {
        return 1e6 / samplingInterval;
    }

    static VhdrHeader read(Path file) throws IOException {
        List<String> lines = TextFiles.lines(TextFiles.read(file));
        int version = version(file, lines.isEmpty() ? "" : lines.get(0), "Header", VERSION);
        IniDocument ini = IniDocument.parse(file, lines, 1);
        if (!ini.hasSection(COMMON)) {
            throw new SignalFormatException(file, "[" + COMMON + "]", -1, "the section to be present", "none");
        }
        Path folder = file.toAbsolutePath().getParent();
        Path dataFile = resolve(file, folder, ini.require(COMMON, "DataFile"));
        Optional<IniDocument.Entry> markerEntry = ini.find(COMMON, "MarkerFile");
        Path markerFile = markerEntry.isPresent() ? resolve(file, folder, markerEntry.get()) : null;

        IniDocument.Entry formatEntry = ini.require(COMMON, "DataFormat");
        if (!formatEntry.value().equals("BINARY")) {
            throw new SignalFormatException(file, field(COMMON, formatEntry), -1,
                    "BINARY (ASCII BrainVision data is not supported)", TextFiles.quote(formatEntry.value()));
        }
        IniDocument.Entry orientationEntry = ini.require(COMMON, "DataOrientation");
        Orientation orientation = enumValue(file, COMMON, orientationEntry, Orientation.class);
        IniDocument.Entry binaryEntry = ini.require("Binary Infos", "BinaryFormat");
        BinaryFormat format = enumValue(file, "Binary Infos", binaryEntry, BinaryFormat.class);
        ByteOrder order = ByteOrder.LITTLE_ENDIAN;
        Optional<IniDocument.Entry> bigEndian = ini.find("Binary Infos", "UseBigEndianOrder");
        if (bigEndian.isPresent()) {
            String v = bigEndian.get().value().toUpperCase(Locale.ROOT);
            if (!v.equals("YES") && !v.equals("NO")) {
                throw new SignalFormatException(file, field("Binary Infos", bigEndian.get()), -1, "YES or NO",
                        TextFiles.quote(bigEndian.get().value()));
            }
            order = v.equals("YES") ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
        }

        IniDocument.Entry nEntry = ini.require(COMMON, "NumberOfChannels");
        int n = (int) integer(file, COMMON, nEntry, 1, MAX_CHANNELS);
        IniDocument.Entry intervalEntry = ini.require(COMMON, "SamplingInterval");
        double interval = samplingInterval(file, COMMON, intervalEntry);
        OptionalLong dataPoints = OptionalLong.empty();
        Optional<IniDocument.Entry> pointsEntry = ini.find(COMMON, "DataPoints");
        if (pointsEntry.isPresent()) {
            dataPoints = OptionalLong.of(integer(file, COMMON, pointsEntry.get(), 0, Long.MAX_VALUE));
        }

        List<ChannelInfo> channels = channels(file, ini, n);
        List<double[]> coordinates = coordinates(file, ini, n);
        return new VhdrHeader(version, dataFile, markerFile, orientation, format, order, n, interval, dataPoints,
                channels, coordinates);
    }

    /** Checks the identification line MNE accepts (versions 1.0 and 2.0) and returns the version. */
    static int version(Path file, String firstLine, String kind, Pattern pattern) throws SignalFormatException {
        String line = firstLine.startsWith("\ufeff") ? firstLine.substring(1) : firstLine;
        Matcher m = pattern.matcher(line);
        if (!m.find()) {
            throw new SignalFormatException(file, "identification line", 0,
                    "\"Brain Vision Data Exchange " + kind + " File Version 1.0\" (or 2.0)", TextFiles.quote(line));
        }
        return Integer.parseInt(m.group(m.groupCount()));
    }

    private static List<ChannelInfo> channels(Path file, IniDocument ini, int n) throws SignalFormatException {
        String section = "Channel Infos";
        List<IniDocument.Entry> entries = ini.entries(section);
        if (entries.size() != n) {
            throw new SignalFormatException(file, "[" + section + "]", -1,
                    "NumberOfChannels=" + n + " entries Ch1..Ch" + n, entries.size() + " entries");
        }
        ChannelInfo[] infos = new ChannelInfo[n];
        Set<String> names = new HashSet<>();
        for (IniDocument.Entry e : entries) {
            int index = channelIndex(file, section, e, n);
            if (infos[index] != null) {
                throw new SignalFormatException(file, field(section, e), -1, "each channel number once",
                        "Ch" + (index + 1) + " again");
            }
            ChannelInfo info = channelInfo(file, section, e);
            if (!names.add(info.name())) {
                throw new SignalFormatException(file, field(section, e), -1, "unique channel names",
                        "a second \"" + info.name() + "\"");
            }
            infos[index] = info;
        }
        return List.of(infos);
    }

    private static ChannelInfo channelInfo(Path file, String section, IniDocument.Entry e)
            throws SignalFormatException {
        // name, reference, resolution, unit, [future fields]; "\1" stands for a comma inside a field
        String[] props = e.value().split(",", -1);
        String name = props[0].replace("\\1", ",");
        if (name.isBlank()) {
            throw new SignalFormatException(file, field(section, e), -1, "a channel name", TextFiles.quote(e.value()));
        }
        String reference = props.length > 1 ? props[1].replace("\\1", ",") : "";
        double resolution = 1.0;
        if (props.length > 2 && !props[2].isBlank()) {
            resolution = parseDouble(props[2]);
            if (!Double.isFinite(resolution)) {
                throw new SignalFormatException(file, field(section, e) + " resolution", -1, "a finite number",
                        TextFiles.quote(props[2]));
            }
        }
        String unit = props.length > 3 && !props[3].isEmpty() ? props[3] : "\u00b5V";
        return new ChannelInfo(name, reference, resolution, unit);
    }

    private static List<double[]> coordinates(Path file, IniDocument ini, int n) throws SignalFormatException {
        String section = "Coordinates";
        double[][] coords = new double[n][];
        for (IniDocument.Entry e : ini.entries(section)) {
            int index = channelIndex(file, section, e, n);
            String[] parts = e.value().split(",", -1);
            if (parts.length != 3) {
                throw new SignalFormatException(file, field(section, e), -1, "radius,theta,phi",
                        TextFiles.quote(e.value()));
            }
            double[] rtp = new double[3];
            for (int i = 0; i < 3; i++) {
                rtp[i] = parseDouble(parts[i]);
                if (!Double.isFinite(rtp[i])) {
                    throw new SignalFormatException(file, field(section, e), -1, "three finite numbers radius,theta,phi",
                            TextFiles.quote(e.value()));
                }
            }
            coords[index] = rtp;
        }
        return Collections.unmodifiableList(Arrays.asList(coords));
    }

    private static int channelIndex(Path file, String section, IniDocument.Entry e, int n)
            throws SignalFormatException {
        Matcher m = CHANNEL_KEY.matcher(e.key());
        if (!m.matches()) {
            throw new SignalFormatException(file, field(section, e), -1, "a key Ch<number>", TextFiles.quote(e.key()));
        }
        long number = Long.parseLong(m.group(1));
        if (number < 1 || number > n) {
            throw new SignalFormatException(file, field(section, e), -1,
                    "a channel number in 1.." + n + " (NumberOfChannels)", String.valueOf(number));
        }
        return (int) number - 1;
    }

    private static Path resolve(Path file, Path folder, IniDocument.Entry e) throws SignalFormatException {
        if (e.value().isEmpty()) {
            throw new SignalFormatException(file, field(COMMON, e), -1, "a file name", "nothing");
        }
        try {
            return folder.resolve(e.value());
        } catch (InvalidPathException ex) {
            throw new SignalFormatException(file, field(COMMON, e), -1, "a valid file name",
                    TextFiles.quote(e.value()), ex);
        }
    }

    private static <E extends Enum<E>> E enumValue(Path file, String section, IniDocument.Entry e, Class<E> type)
            throws SignalFormatException {
        for (E c : type.getEnumConstants()) {
            if (c.name().equals(e.value())) {
                return c;
            }
        }
        throw new SignalFormatException(file, field(section, e), -1,
                "one of " + Arrays.toString(type.getEnumConstants()), TextFiles.quote(e.value()));
    }

    static long integer(Path file, String section, IniDocument.Entry e, long min, long max)
            throws SignalFormatException {
        String v = e.value();
        try {
            long value = Long.parseLong(v);
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException ex) {
            // reported below with the range
        }
        throw new SignalFormatException(file, field(section, e), -1, "an integer in " + min + ".." + max,
                TextFiles.quote(v));
    }

    private static double samplingInterval(Path file, String section, IniDocument.Entry e) throws SignalFormatException {
        double v = parseDouble(e.value());
        // bounds keep the rate and every onset (position / rate) finite; 1 ns to 11.6 days covers any recorder
        if (!(v >= 1e-3 && v <= 1e12)) {
            throw new SignalFormatException(file, field(section, e), -1,
                    "a sampling interval in microseconds between 0.001 and 1e12", TextFiles.quote(e.value()));
        }
        return v;
    }

    /** A decimal number as Python's float() takes it; NaN for anything else (callers reject NaN). */
    static double parseDouble(String text) {
        String t = text.strip();
        if (!t.matches("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?")) {
            return Double.NaN;
        }
        return Double.parseDouble(t);
    }

    static String field(String section, IniDocument.Entry e) {
        return "[" + section + "] " + e.key() + " (line " + e.line() + ")";
    }
}

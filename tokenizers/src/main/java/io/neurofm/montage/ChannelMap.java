package io.neurofm.montage;

import io.neurofm.signal.Channel;
import io.neurofm.signal.ChannelType;
import io.neurofm.signal.Position;
import io.neurofm.signal.Recording;
import io.neurofm.signal.SignalException;
import io.neurofm.signal.SignalFormatException;
import io.neurofm.signal.Transform;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * A user's description of a recording's channels: new names, types and positions for channels
 * a file labels generically ("Channel 1") or wrongly. Loaded from a small TSV or JSON file and
 * applied to a recording; unknown channel names are errors, not ignored.
 *
 * <p>TSV: '#' starts a comment line; the first other line is a header naming the columns, of
 * which {@code original} and {@code name} are required and {@code type} (a {@link ChannelType}
 * name), {@code x y z} (metres, head frame, all three or none) and {@code montage} ("10-20",
 * "10-10", "10-05": take the position of the new name from that standard) are optional; an empty
 * cell means "not given". JSON: {@code {"montage": "10-20", "channels": [{"original": "Channel 1",
 * "name": "C3", "type": "EEG", "x": .., "y": .., "z": .., "montage": ..}, ...]}} with the same
 * meanings (coordinates as JSON numbers); the top-level montage applies to entries that give
 * neither a position nor a montage, and {@code "montage": null} opts an entry out of it.
 */
public final class ChannelMap {
    private static final long MAX_BYTES = 1 << 20;
    private static final List<String> KNOWN_COLUMNS = List.of("original", "name", "type", "x", "y", "z", "montage");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> COORDINATES = List.of("x", "y", "z");

    private final List<ChannelMapEntry> entries;
    private final String source;

    public ChannelMap(List<ChannelMapEntry> entries, String source) {
        this.entries = List.copyOf(entries);
        this.source = source == null ? "inline" : source;
        Map<String, String> originals = new HashMap<>();
        for (ChannelMapEntry e : this.entries) {
            if (originals.put(e.original(), e.name()) != null) {
                throw new IllegalArgumentException("channel map " + this.source + " lists '" + e.original() + "' twice");
            }
        }
    }

    public List<ChannelMapEntry> entries() {
        return entries;
    }

    /** Where the map came from (a file name), shown in errors and provenance. */
    public String source() {
        return source;
    }

    /** Loads a .tsv or .json map file. */
    public static ChannelMap load(Path file) throws IOException {
        long size = Files.size(file);
        if (size > MAX_BYTES) {
            throw new SignalFormatException(file, null, -1, "a channel map of at most " + MAX_BYTES + " bytes",
                    size + " bytes");
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(Files.readAllBytes(file))).toString();
        } catch (CharacterCodingException e) {
            throw new SignalFormatException(file, null, -1, "UTF-8 text", "undecodable bytes", e);
        }
        String lower = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (lower.endsWith(".json")) {
            return parseJson(text, file);
        }
        if (lower.endsWith(".tsv") || lower.endsWith(".txt")) {
            return parseTsv(text, file);
        }
        throw new SignalException(file, "channel maps are .tsv or .json files");
    }

    /** Loads a map bundled as a class-path resource, e.g. "/io/neurofm/montage/graz_sample_channels.tsv". */
    public static ChannelMap resource(String name) throws IOException {
        try (InputStream in = ChannelMap.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IOException("no channel map resource " + name);
            }
            String text = new String(in.readNBytes((int) MAX_BYTES), StandardCharsets.UTF_8);
            Path label = Path.of(name.substring(name.lastIndexOf('/') + 1));
            return name.endsWith(".json") ? parseJson(text, label) : parseTsv(text, label);
        }
    }

    /** Parses TSV text; {@code file} names it in errors (may be null). */
    public static ChannelMap parseTsv(String text, Path file) throws SignalFormatException {
        List<ChannelMapEntry> entries = new ArrayList<>();
        Map<String, Integer> columns = null;
        String[] lines = text.split("\r?\n", -1);
        for (int n = 0; n < lines.length; n++) {
            String line = lines[n];
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] cells = line.split("\t", -1);
            String where = "line " + (n + 1);
            if (columns == null) {
                columns = header(cells, file, where);
                continue;
            }
            if (cells.length > columns.size()) {
                throw new SignalFormatException(file, where, -1, columns.size() + " tab-separated cells",
                        cells.length + " cells");
            }
            Map<String, String> row = new HashMap<>();
            for (Map.Entry<String, Integer> c : columns.entrySet()) {
                String cell = c.getValue() < cells.length ? cells[c.getValue()].trim() : "";
                if (!cell.isEmpty()) {
                    row.put(c.getKey(), cell);
                }
            }
            entries.add(entry(row, null, file, where));
        }
        if (columns == null) {
            throw new SignalFormatException(file, "header", -1, "a header line with columns original and name",
                    "no header");
        }
        return build(entries, file);
    }

    /** Parses JSON text; {@code file} names it in errors (may be null). */
    public static ChannelMap parseJson(String text, Path file) throws SignalFormatException {
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (JacksonException e) {
            throw new SignalFormatException(file, null, -1, "valid JSON", e.getOriginalMessage(), e);
        }
        if (root == null || !root.isObject() || !root.has("channels") || !root.get("channels").isArray()) {
            throw new SignalFormatException(file, "channels", -1, "an object with a \"channels\" array", null);
        }
        StandardMontage defaultMontage = null;
        if (root.has("montage")) {
            defaultMontage = montage(text(root.get("montage"), file, "montage"), file, "montage");
        }
        List<ChannelMapEntry> entries = new ArrayList<>();
        JsonNode channels = root.get("channels");
        for (int i = 0; i < channels.size(); i++) {
            JsonNode node = channels.get(i);
            String where = "channels[" + i + "]";
            if (!node.isObject()) {
                throw new SignalFormatException(file, where, -1, "an object", node.getNodeType().toString());
            }
            Map<String, String> row = new HashMap<>();
            boolean noMontage = false;
            for (String key : node.propertyNames()) {
                if (!KNOWN_COLUMNS.contains(key)) {
                    throw new SignalFormatException(file, where + "." + key, -1, "one of " + KNOWN_COLUMNS, key);
                }
                JsonNode value = node.get(key);
                String field = where + "." + key;
                if (value.isNull()) {
                    // an explicit null montage opts out of the top-level one
                    noMontage |= key.equals("montage");
                } else if (COORDINATES.contains(key)) {
                    if (!value.isNumber()) {
                        throw new SignalFormatException(file, field, -1, "a number (metres)", value.toString());
                    }
                    row.put(key, Double.toString(value.asDouble()));
                } else {
                    row.put(key, text(value, file, field));
                }
            }
            entries.add(entry(row, noMontage ? null : defaultMontage, file, where));
        }
        return build(entries, file);
    }

    /**
     * Applies the map: renames, retypes and positions the listed channels; others are unchanged.
     *
     * @throws SignalException naming every listed channel the recording lacks, a new name that
     *                         clashes with another channel, a montage that lacks a new name, or a
     *                         type change the channel's unit does not allow
     */
    public Recording apply(Recording recording) throws SignalException {
        List<String> unknown = new ArrayList<>();
        for (ChannelMapEntry e : entries) {
            if (recording.indexOf(e.original()) < 0) {
                unknown.add(e.original());
            }
        }
        if (!unknown.isEmpty()) {
            throw new SignalException(null, "channel map " + source + " names channels the recording lacks: " + unknown
                    + "; its channels are " + recording.channelNames());
        }
        Map<String, ChannelMapEntry> byOriginal = new HashMap<>();
        for (ChannelMapEntry e : entries) {
            byOriginal.put(e.original(), e);
        }
        List<Channel> channels = new ArrayList<>();
        Map<String, String> namesTaken = new LinkedHashMap<>();
        List<String> changes = new ArrayList<>();
        for (Channel channel : recording.channels()) {
            ChannelMapEntry e = byOriginal.get(channel.name());
            Channel mapped = e == null ? channel : mapOne(channel, e);
            String previous = namesTaken.put(mapped.name(), channel.name());
            if (previous != null) {
                throw new SignalException(null, "channel map " + source + ": channels '" + previous + "' and '"
                        + channel.name() + "' would both be named " + mapped.name());
            }
            if (e != null) {
                changes.add(describe(channel, mapped, e));
            }
            channels.add(mapped);
        }
        return recording.withChannels(channels,
                Transform.of("channel-map", "source", source, "changes", String.join(";", changes)));
    }

    private Channel mapOne(Channel channel, ChannelMapEntry e) throws SignalException {
        Channel out = channel.withName(e.name());
        if (e.type() != null && e.type() != channel.type()) {
            if (!channel.unit().equals(e.type().siUnit())) {
                throw new SignalException(null, "channel map " + source + ": channel '" + channel.name()
                        + "' holds samples in '" + channel.unit() + "' but type " + e.type() + " carries '"
                        + e.type().siUnit() + "'; a map does not rescale samples");
            }
            out = out.withType(e.type(), e.type().siUnit());
        }
        if (e.position() != null) {
            out = out.withPosition(e.position());
        } else if (e.montage() != null) {
            Position p = e.montage().position(e.name()).orElseThrow(() -> new SignalException(null, "channel map "
                    + source + ": '" + e.name() + "' (for channel '" + channel.name() + "') is not an electrode of the "
                    + e.montage().label() + " system"));
            out = out.withPosition(p);
        }
        return out;
    }

    private static String describe(Channel before, Channel after, ChannelMapEntry e) {
        StringBuilder sb = new StringBuilder(before.name()).append("->").append(after.name());
        if (after.type() != before.type()) {
            sb.append(" type=").append(after.type());
        }
        if (e.position() != null) {
            sb.append(" position=given");
        } else if (e.montage() != null) {
            sb.append(" position=").append(e.montage().label());
        }
        return sb.toString();
    }

    private static Map<String, Integer> header(String[] cells, Path file, String where) throws SignalFormatException {
        Map<String, Integer> columns = new LinkedHashMap<>();
        for (int i = 0; i < cells.length; i++) {
            String column = cells[i].trim().toLowerCase(Locale.ROOT);
            if (!KNOWN_COLUMNS.contains(column)) {
                throw new SignalFormatException(file, where + " (header)", -1, "columns from " + KNOWN_COLUMNS,
                        "'" + cells[i] + "'");
            }
            if (columns.put(column, i) != null) {
                throw new SignalFormatException(file, where + " (header)", -1, "each column once", column + " twice");
            }
        }
        if (!columns.containsKey("original") || !columns.containsKey("name")) {
            throw new SignalFormatException(file, where + " (header)", -1, "columns original and name",
                    String.join(",", columns.keySet()));
        }
        return columns;
    }

    private static ChannelMapEntry entry(Map<String, String> row, StandardMontage defaultMontage, Path file,
                                         String where) throws SignalFormatException {
        String original = row.get("original");
        String name = row.get("name");
        if (original == null || name == null) {
            throw new SignalFormatException(file, where, -1, "both an original and a new name", null);
        }
        ChannelType type = null;
        if (row.containsKey("type")) {
            String value = row.get("type").toUpperCase(Locale.ROOT);
            try {
                type = ChannelType.valueOf(value);
            } catch (IllegalArgumentException e) {
                throw new SignalFormatException(file, where + " type", -1, "one of "
                        + Arrays.toString(ChannelType.values()), "'" + row.get("type") + "'");
            }
        }
        Position position = null;
        int coordinates = (row.containsKey("x") ? 1 : 0) + (row.containsKey("y") ? 1 : 0) + (row.containsKey("z") ? 1 : 0);
        if (coordinates == 3) {
            position = new Position(number(row.get("x"), file, where + " x"), number(row.get("y"), file, where + " y"),
                    number(row.get("z"), file, where + " z"));
        } else if (coordinates != 0) {
            throw new SignalFormatException(file, where, -1, "all of x, y, z or none", coordinates + " of them");
        }
        StandardMontage montage = row.containsKey("montage") ? montage(row.get("montage"), file, where + " montage")
                : position == null ? defaultMontage : null;
        if (position != null && montage != null) {
            throw new SignalFormatException(file, where, -1, "a position or a montage", "both");
        }
        return new ChannelMapEntry(original, name, type, position, montage);
    }

    private static double number(String text, Path file, String where) throws SignalFormatException {
        try {
            double value = Double.parseDouble(text);
            if (Double.isFinite(value) && Math.abs(value) <= 1.0) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below with the same message as an out-of-range value
        }
        throw new SignalFormatException(file, where, -1, "a coordinate in metres within [-1, 1]", "'" + text + "'");
    }

    private static StandardMontage montage(String text, Path file, String where) throws SignalFormatException {
        try {
            return StandardMontage.byLabel(text);
        } catch (IllegalArgumentException e) {
            throw new SignalFormatException(file, where, -1, "10-20, 10-10 or 10-05", "'" + text + "'");
        }
    }

    private static String text(JsonNode node, Path file, String where) throws SignalFormatException {
        if (!node.isString()) {
            throw new SignalFormatException(file, where, -1, "a string", node.toString());
        }
        return node.asString();
    }

    private static ChannelMap build(List<ChannelMapEntry> entries, Path file) throws SignalFormatException {
        String source = file == null ? "inline" : String.valueOf(file.getFileName());
        try {
            return new ChannelMap(entries, source);
        } catch (IllegalArgumentException e) {
            throw new SignalFormatException(file, "entries", -1, "each original channel listed once", e.getMessage());
        }
    }
}

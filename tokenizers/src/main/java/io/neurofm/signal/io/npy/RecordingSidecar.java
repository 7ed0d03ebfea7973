package io.neurofm.signal.io.npy;

import io.neurofm.signal.Annotation;
import io.neurofm.signal.Channel;
import io.neurofm.signal.ChannelType;
import io.neurofm.signal.Position;
import io.neurofm.signal.Recording;
import io.neurofm.signal.RecordingIds;
import io.neurofm.signal.SignalFormatException;
import io.neurofm.signal.Transform;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The JSON written next to a converted recording (OUT.npz + OUT.json): everything a
 * {@link Recording} holds besides its samples. Layout, version 1:
 * <pre>
 * { "formatVersion": 1, "samplingRate": 256.0,
 *   "channels": [ {"name": "Fz", "type": "EEG", "unit": "V", "position": {"x": 0.0, "y": 0.06, "z": 0.08}} ],
 *   "events": [ {"onset": 1.5, "duration": 0.0, "description": "T0", "code": null} ],
 *   "startTime": "2013-11-13T16:14:03.794232Z", "startSeconds": 0.0,
 *   "ids": {"subject": "01", "session": null, "run": null, "task": null},
 *   "provenance": [ {"operation": "read", "parameters": {"file": "x.edf", "format": "EDF+"}} ] }
 * </pre>
 * Channel order is the row order of the data array; types are {@link ChannelType} names; units
 * and samples are SI; onsets are seconds from the first sample; position and startTime may be null.
 */
public record RecordingSidecar(int formatVersion, double samplingRate, List<ChannelEntry> channels,
                               List<EventEntry> events, String startTime, double startSeconds, IdsEntry ids,
                               List<StepEntry> provenance) {
    public static final int FORMAT_VERSION = 1;
    /** A sidecar is metadata; one this large is not one of ours. */
    static final long MAX_BYTES = 256L << 20;

    private static final ObjectMapper JSON = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .build();

    public record ChannelEntry(String name, String type, String unit, PositionEntry position) {
    }

    /** Metres, head coordinates. */
    public record PositionEntry(double x, double y, double z) {
    }

    /** @param code null when the event has no numeric code */
    public record EventEntry(double onset, double duration, String description, Integer code) {
    }

    public record IdsEntry(String subject, String session, String run, String task) {
    }

    public record StepEntry(String operation, Map<String, String> parameters) {
    }

    /** Everything but the samples of a recording. */
    public static RecordingSidecar of(Recording r) {
        List<ChannelEntry> channels = new ArrayList<>();
        for (Channel c : r.channels()) {
            Position p = c.position();
            channels.add(new ChannelEntry(c.name(), c.type().name(), c.unit(),
                    p == null ? null : new PositionEntry(p.x(), p.y(), p.z())));
        }
        List<EventEntry> events = new ArrayList<>();
        for (Annotation a : r.annotations()) {
            events.add(new EventEntry(a.onsetSeconds(), a.durationSeconds(), a.description(),
                    a.code().isPresent() ? a.code().getAsInt() : null));
        }
        RecordingIds ids = r.ids();
        List<StepEntry> steps = new ArrayList<>();
        for (Transform t : r.provenance()) {
            steps.add(new StepEntry(t.operation(), new LinkedHashMap<>(t.parameters())));
        }
        return new RecordingSidecar(FORMAT_VERSION, r.samplingRate(), channels, events,
                r.startTime() == null ? null : r.startTime().toString(), r.startSeconds(),
                new IdsEntry(ids.subject(), ids.session(), ids.run(), ids.task()), steps);
    }

    public void write(OutputStream out) throws IOException {
        try {
            JSON.writeValue(out, this);
        } catch (JacksonException e) {
            throw new IOException("cannot write recording sidecar: " + e.getOriginalMessage(), e);
        }
    }

    /**
     * Reads and checks a sidecar.
     *
     * @param rows the data array's channel count, which the sidecar must describe
     */
    public static RecordingSidecar read(Path file, long rows) throws IOException {
        long size = Files.size(file);
        if (size > MAX_BYTES) {
            throw new SignalFormatException(file, null, -1, "a sidecar of at most " + MAX_BYTES + " bytes",
                    size + " bytes");
        }
        RecordingSidecar s;
        try (InputStream in = Files.newInputStream(file)) {
            s = JSON.readValue(in, RecordingSidecar.class);
        } catch (JacksonException e) {
            String where = e.getLocation() == null ? "JSON" : "JSON at line " + e.getLocation().getLineNr()
                    + " column " + e.getLocation().getColumnNr();
            throw new SignalFormatException(file, where, e.getLocation() == null ? -1 : e.getLocation().getByteOffset(),
                    "a recording sidecar (formatVersion " + FORMAT_VERSION + ")", e.getOriginalMessage(), e);
        }
        if (s == null) {
            throw new SignalFormatException(file, null, 0, "a JSON object", "null");
        }
        s.check(file, rows);
        return s;
    }

    private void check(Path file, long rows) throws SignalFormatException {
        if (formatVersion != FORMAT_VERSION) {
            throw new SignalFormatException(file, "formatVersion", -1, String.valueOf(FORMAT_VERSION),
                    String.valueOf(formatVersion));
        }
        if (!(samplingRate > 0) || !Double.isFinite(samplingRate)) {
            throw new SignalFormatException(file, "samplingRate", -1, "a positive number of Hz", String.valueOf(samplingRate));
        }
        if (channels == null || channels.size() != rows) {
            throw new SignalFormatException(file, "channels", -1, rows + " channels (the data array's rows)",
                    channels == null ? "none" : String.valueOf(channels.size()));
        }
        Set<String> names = new HashSet<>();
        for (int i = 0; i < channels.size(); i++) {
            ChannelEntry c = channels.get(i);
            String where = "channels[" + i + "]";
            if (c == null || c.name() == null || c.name().isBlank() || !names.add(c.name())) {
                throw new SignalFormatException(file, where + ".name", -1, "a unique, non-blank name",
                        c == null ? "null" : String.valueOf(c.name()));
            }
            if (c.type() == null || !isType(c.type())) {
                throw new SignalFormatException(file, where + ".type", -1, "one of " + List.of(ChannelType.values()),
                        String.valueOf(c.type()));
            }
            if (c.unit() == null) {
                throw new SignalFormatException(file, where + ".unit", -1, "a unit string (\"\" for none)", "null");
            }
            PositionEntry p = c.position();
            if (p != null && !(Double.isFinite(p.x()) && Double.isFinite(p.y()) && Double.isFinite(p.z()))) {
                throw new SignalFormatException(file, where + ".position", -1, "finite x, y, z in metres", p.toString());
            }
        }
        List<EventEntry> ev = events == null ? List.of() : events;
        for (int i = 0; i < ev.size(); i++) {
            EventEntry e = ev.get(i);
            if (e == null || e.description() == null || !Double.isFinite(e.onset()) || !Double.isFinite(e.duration())
                    || e.duration() < 0) {
                throw new SignalFormatException(file, "events[" + i + "]", -1,
                        "a finite onset, a finite duration >= 0 and a description", String.valueOf(e));
            }
        }
        if (startTime != null) {
            try {
                Instant.parse(startTime);
            } catch (DateTimeParseException e) {
                throw new SignalFormatException(file, "startTime", -1, "an ISO-8601 instant or null", startTime);
            }
        }
        if (!Double.isFinite(startSeconds)) {
            throw new SignalFormatException(file, "startSeconds", -1, "a finite number", String.valueOf(startSeconds));
        }
        List<StepEntry> steps = provenance == null ? List.of() : provenance;
        for (int i = 0; i < steps.size(); i++) {
            StepEntry t = steps.get(i);
            if (t == null || t.operation() == null || (t.parameters() != null && (t.parameters().containsKey(null)
                    || t.parameters().containsValue(null)))) {
                throw new SignalFormatException(file, "provenance[" + i + "]", -1,
                        "an operation and string parameters", String.valueOf(t));
            }
        }
    }

    private static boolean isType(String name) {
        for (ChannelType t : ChannelType.values()) {
            if (t.name().equals(name)) {
                return true;
            }
        }
        return false;
    }

    /** The channels at the sidecar's rate (call only on a checked sidecar). */
    public List<Channel> toChannels() {
        List<Channel> out = new ArrayList<>();
        for (ChannelEntry c : channels) {
            PositionEntry p = c.position();
            out.add(new Channel(c.name(), ChannelType.valueOf(c.type()), c.unit(), samplingRate,
                    p == null ? null : new Position(p.x(), p.y(), p.z())));
        }
        return out;
    }

    public List<Annotation> toAnnotations() {
        List<Annotation> out = new ArrayList<>();
        for (EventEntry e : events == null ? List.<EventEntry>of() : events) {
            out.add(new Annotation(e.onset(), e.duration(), e.description(),
                    e.code() == null ? OptionalInt.empty() : OptionalInt.of(e.code())));
        }
        return out;
    }

    public RecordingIds toIds() {
        return ids == null ? RecordingIds.NONE : new RecordingIds(ids.subject(), ids.session(), ids.run(), ids.task());
    }

    public Instant toStartTime() {
        return startTime == null ? null : Instant.parse(startTime);
    }

    public List<Transform> toProvenance() {
        List<Transform> out = new ArrayList<>();
        for (StepEntry s : provenance == null ? List.<StepEntry>of() : provenance) {
            out.add(new Transform(s.operation(), s.parameters() == null ? Map.of() : s.parameters()));
        }
        return out;
    }
}

package io.neurofm.cli;

import io.neurofm.signal.Annotation;
import io.neurofm.signal.Channel;
import io.neurofm.signal.ChannelType;
import io.neurofm.signal.Position;
import io.neurofm.signal.RecordingHeader;
import java.io.PrintWriter;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** Renders a {@link RecordingHeader} for people (a table) or programs (JSON). */
final class HeaderReport {
    private static final ObjectMapper JSON = new ObjectMapper();

    private HeaderReport() {
    }

    static void table(RecordingHeader header, int maxEvents, PrintWriter out) {
        out.printf("file       %s%n", header.file());
        out.printf("format     %s%n", header.format());
        out.printf("start      %s%n", header.startTime() == null ? "(not stated)" : header.startTime());
        out.printf(Locale.ROOT, "duration   %.3f s%n", header.durationSeconds());
        out.printf("rates      %s Hz%s%n", header.samplingRates().stream().map(HeaderReport::number)
                .collect(Collectors.joining(", ")), header.hasUniformRate() ? "" : "  (channels differ: "
                + "read them together with --resample HZ)");
        out.printf("ids        %s%n", ids(header));
        Map<ChannelType, Integer> types = new EnumMap<>(ChannelType.class);
        header.channels().forEach(c -> types.merge(c.type(), 1, Integer::sum));
        out.printf("channels   %d: %s%n", header.channelCount(), types.entrySet().stream()
                .map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", ")));
        out.printf("  %4s  %-16s %-9s %-6s %10s %12s  %s%n", "#", "name", "type", "unit", "rate Hz", "samples",
                "position (m)");
        for (int i = 0; i < header.channelCount(); i++) {
            Channel c = header.channels().get(i);
            out.printf("  %4d  %-16s %-9s %-6s %10s %12d  %s%n", i + 1, c.name(), c.type(), c.unit(),
                    number(c.samplingRate()), header.sampleCounts().get(i), position(c.position()));
        }
        List<Annotation> events = header.annotations();
        Map<String, Integer> counts = new TreeMap<>();
        events.forEach(a -> counts.merge(a.description(), 1, Integer::sum));
        out.printf("events     %d%s%n", events.size(), events.isEmpty() ? "" : ": " + counts.entrySet().stream()
                .map(e -> e.getKey() + " x" + e.getValue()).collect(Collectors.joining(", ")));
        int shown = maxEvents < 0 ? events.size() : Math.min(maxEvents, events.size());
        if (shown > 0) {
            out.printf("  %12s %12s  %s%n", "onset s", "duration s", "description");
            for (int i = 0; i < shown; i++) {
                Annotation a = events.get(i);
                out.printf(Locale.ROOT, "  %12.4f %12.4f  %s%n", a.onsetSeconds(), a.durationSeconds(),
                        a.description());
            }
            if (shown < events.size()) {
                out.printf("  ... %d more (--max-events -1 lists all)%n", events.size() - shown);
            }
        }
        if (!header.properties().isEmpty()) {
            out.println("properties");
            new TreeMap<>(header.properties()).forEach((k, v) -> out.printf("  %s = %s%n", k, v));
        }
    }

    static String json(RecordingHeader header) {
        ObjectNode root = JSON.createObjectNode();
        root.put("file", header.file() == null ? null : header.file().toString());
        root.put("format", header.format());
        root.put("start_time", header.startTime() == null ? null : header.startTime().toString());
        root.put("duration_s", header.durationSeconds());
        ArrayNode rates = root.putArray("sampling_rates");
        header.samplingRates().forEach(rates::add);
        ObjectNode ids = root.putObject("ids");
        ids.put("subject", header.ids().subject());
        ids.put("session", header.ids().session());
        ids.put("run", header.ids().run());
        ids.put("task", header.ids().task());
        ArrayNode channels = root.putArray("channels");
        for (int i = 0; i < header.channelCount(); i++) {
            Channel c = header.channels().get(i);
            ObjectNode node = channels.addObject();
            node.put("name", c.name());
            node.put("type", c.type().name());
            node.put("unit", c.unit());
            node.put("sfreq", c.samplingRate());
            node.put("samples", header.sampleCounts().get(i));
            if (c.position() != null) {
                ArrayNode pos = node.putArray("position_m");
                pos.add(c.position().x()).add(c.position().y()).add(c.position().z());
            }
        }
        ArrayNode events = root.putArray("events");
        for (Annotation a : header.annotations()) {
            ObjectNode node = events.addObject();
            node.put("onset_s", a.onsetSeconds());
            node.put("duration_s", a.durationSeconds());
            node.put("description", a.description());
            a.code().ifPresent(code -> node.put("code", code));
        }
        ObjectNode properties = root.putObject("properties");
        new TreeMap<>(header.properties()).forEach(properties::put);
        return JSON.writeValueAsString(root);
    }

    private static String ids(RecordingHeader header) {
        Map<String, String> parts = new LinkedHashMap<>();
        parts.put("subject", header.ids().subject());
        parts.put("session", header.ids().session());
        parts.put("run", header.ids().run());
        parts.put("task", header.ids().task());
        String text = parts.entrySet().stream().filter(e -> e.getValue() != null)
                .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(" "));
        return text.isEmpty() ? "(none)" : text;
    }

    private static String position(Position p) {
        return p == null ? "-" : String.format(Locale.ROOT, "%.4f %.4f %.4f", p.x(), p.y(), p.z());
    }

    static String number(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value)
                : String.valueOf(value);
    }
}

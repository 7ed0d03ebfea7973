package io.neurofm.signal.bids;

import io.neurofm.signal.SignalFormatException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * The JSON sidecars of a recording ({@code _eeg.json}, {@code _bold.json}, ...) merged by the
 * inheritance principle: keys of a file deeper in the tree override those above it.
 *
 * @param files   the merged files, top level first
 * @param sources for each key, the file whose value won
 */
public record SidecarJson(List<Path> files, Map<String, JsonNode> values, Map<String, Path> sources) {
    private static final ObjectMapper JSON = new ObjectMapper();

    public SidecarJson {
        files = List.copyOf(files);
        values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
        sources = Map.copyOf(sources);
    }

    /** Parses one JSON object; errors name the file and the position. */
    static JsonNode parse(Path file) throws IOException {
        JsonNode node;
        try {
            node = JSON.readTree(Files.readAllBytes(file));
        } catch (JacksonException e) {
            long at = e.getLocation() == null ? -1 : e.getLocation().getByteOffset();
            throw new SignalFormatException(file, "JSON", at, "a JSON object", e.getOriginalMessage());
        }
        if (node == null || !node.isObject()) {
            throw new SignalFormatException(file, "JSON", 0, "a JSON object", node == null ? "nothing"
                    : node.getNodeType().toString());
        }
        return node;
    }

    static SidecarJson merge(List<Path> topFirst) throws IOException {
        Map<String, JsonNode> merged = new LinkedHashMap<>();
        Map<String, Path> sources = new LinkedHashMap<>();
        for (Path f : topFirst) {
            for (Map.Entry<String, JsonNode> e : parse(f).properties()) {
                merged.put(e.getKey(), e.getValue());
                sources.put(e.getKey(), f);
            }
        }
        return new SidecarJson(topFirst, merged, sources);
    }

    /**
     * A positive number under {@code key}, or null when absent or "n/a".
     *
     * @throws SignalFormatException when present but not a positive number
     */
    public Double positive(String key) throws SignalFormatException {
        JsonNode v = values.get(key);
        if (v == null || v.isNull() || (v.isString() && v.stringValue().equals("n/a"))) {
            return null;
        }
        if (!v.isNumber() || !(v.doubleValue() > 0) || !Double.isFinite(v.doubleValue())) {
            throw new SignalFormatException(sources.get(key), key, -1, "a positive number or \"n/a\"", v.toString());
        }
        return v.doubleValue();
    }

    /** SamplingFrequency in Hz, or null. */
    public Double samplingFrequency() throws SignalFormatException {
        return positive("SamplingFrequency");
    }

    /** RepetitionTime in seconds (BOLD), or null. */
    public Double repetitionTime() throws SignalFormatException {
        return positive("RepetitionTime");
    }

    /** PowerLineFrequency in Hz, or null when absent or "n/a". */
    public Double powerLineFrequency() throws SignalFormatException {
        return positive("PowerLineFrequency");
    }
}

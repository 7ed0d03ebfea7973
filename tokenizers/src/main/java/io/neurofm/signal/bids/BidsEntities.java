package io.neurofm.signal.bids;

import io.neurofm.signal.SignalFormatException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The parts of a BIDS file name: {@code key-value} entities in the order written, the suffix
 * and the extension, e.g. {@code sub-01_ses-2_task-rest_run-1_eeg.edf} is
 * {sub=01, ses=2, task=rest, run=1}, suffix "eeg", extension ".edf". The extension is
 * everything from the first dot, so {@code .nii.gz} stays whole.
 */
public record BidsEntities(Map<String, String> entities, String suffix, String extension) {
    private static final Pattern KEY = Pattern.compile("[a-zA-Z0-9]+");
    private static final Pattern VALUE = Pattern.compile("[a-zA-Z0-9]+");

    public BidsEntities {
        entities = Collections.unmodifiableMap(new LinkedHashMap<>(entities));
    }

    /** Parses a file name; anything that is not {@code key-value_..._suffix.ext} is refused. */
    public static BidsEntities parse(Path file) throws SignalFormatException {
        String name = String.valueOf(file.getFileName());
        int dot = name.indexOf('.');
        String stem = dot < 0 ? name : name.substring(0, dot);
        String extension = dot < 0 ? "" : name.substring(dot);
        String[] parts = stem.split("_", -1);
        String suffix = parts[parts.length - 1];
        if (!KEY.matcher(suffix).matches()) {
            throw error(file, "a BIDS name ending in _<suffix>.<extension>", "suffix \"" + suffix + "\"");
        }
        Map<String, String> entities = new LinkedHashMap<>();
        for (int i = 0; i < parts.length - 1; i++) {
            String part = parts[i];
            int dash = part.indexOf('-');
            String key = dash < 0 ? part : part.substring(0, dash);
            String value = dash < 0 ? "" : part.substring(dash + 1);
            if (dash < 0 || !KEY.matcher(key).matches() || !VALUE.matcher(value).matches()) {
                throw error(file, "entities of the form key-value with alphanumeric key and value",
                        "\"" + part + "\"");
            }
            if (entities.putIfAbsent(key, value) != null) {
                throw error(file, "each entity once", "\"" + key + "\" repeated");
            }
        }
        return new BidsEntities(entities, suffix, extension);
    }

    private static SignalFormatException error(Path file, String expected, String found) {
        return new SignalFormatException(file, "BIDS file name", -1, expected, found);
    }

    /** The value of an entity, or null when the name does not carry it. */
    public String get(String key) {
        return entities.get(key);
    }

    /**
     * True when every entity of this (sidecar) name, except those in {@code ignored}, appears with
     * the same value in {@code data}: the BIDS inheritance test.
     */
    public boolean appliesTo(BidsEntities data, Set<String> ignored) {
        for (Map.Entry<String, String> e : entities.entrySet()) {
            if (!ignored.contains(e.getKey()) && !e.getValue().equals(data.entities.get(e.getKey()))) {
                return false;
            }
        }
        return true;
    }
}

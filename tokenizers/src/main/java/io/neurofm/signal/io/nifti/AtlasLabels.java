package io.neurofm.signal.io.nifti;

import io.neurofm.signal.SignalFormatException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Names of the labels of an atlas image, in the order the table lists them. Read from the
 * MRIcron text format ({@code aal.nii.txt}): one region per line, {@code <label value> <name>}
 * separated by white space, optionally followed by further columns (AAL's own region code),
 * which are ignored; blank lines are skipped and CRLF endings are accepted.
 */
public record AtlasLabels(List<Label> labels) {
    /** One region: the integer value its voxels carry in the atlas image, and its name. */
    public record Label(int value, String name) {
    }

    public AtlasLabels {
        labels = List.copyOf(labels);
        Set<Integer> values = new HashSet<>();
        Set<String> names = new HashSet<>();
        for (Label l : labels) {
            if (l.value() < 1) {
                throw new IllegalArgumentException("label " + l.name() + ": values must be >= 1 (0 is background), got "
                        + l.value());
            }
            if (!values.add(l.value()) || !names.add(l.name())) {
                throw new IllegalArgumentException("label value " + l.value() + " or name " + l.name() + " repeats");
            }
        }
    }

    /** Parses a label table; errors name the file, line and column. */
    public static AtlasLabels read(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        List<Label> labels = new ArrayList<>();
        Map<Integer, Integer> lineOfValue = new HashMap<>();
        Map<String, Integer> lineOfName = new HashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty()) {
                continue;
            }
            int lineNo = i + 1;
            String[] parts = line.split("\\s+");
            if (parts.length < 2) {
                throw error(file, lineNo, 2, "name", "a region name after the label value", "nothing");
            }
            int value;
            try {
                value = Integer.parseInt(parts[0]);
            } catch (NumberFormatException e) {
                throw error(file, lineNo, 1, "label value", "an integer label value >= 1", "\"" + parts[0] + "\"");
            }
            if (value < 1) {
                throw error(file, lineNo, 1, "label value", "an integer label value >= 1 (0 is background)",
                        parts[0]);
            }
            Integer earlier = lineOfValue.putIfAbsent(value, lineNo);
            if (earlier != null) {
                throw error(file, lineNo, 1, "label value", "a value not used before", value + " (also on line "
                        + earlier + ")");
            }
            earlier = lineOfName.putIfAbsent(parts[1], lineNo);
            if (earlier != null) {
                throw error(file, lineNo, 2, "name", "a name not used before", parts[1] + " (also on line "
                        + earlier + ")");
            }
            labels.add(new Label(value, parts[1]));
        }
        return new AtlasLabels(labels);
    }

    private static SignalFormatException error(Path file, int line, int column, String what, String expected,
                                               String found) {
        return new SignalFormatException(file, what + " (line " + line + ", column " + column + ")", -1, expected,
                found);
    }

    /** The name of a label value, or null when the table does not list it. */
    public String nameOf(int value) {
        for (Label l : labels) {
            if (l.value() == value) {
                return l.name();
            }
        }
        return null;
    }

    public int size() {
        return labels.size();
    }
}

package io.neurofm.signal.io.brainvision;

import io.neurofm.signal.SignalFormatException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The INI part of a .vhdr, parsed as Python's configparser does for MNE: "[Section]" lines,
 * "key=value" (or "key: value") entries with case-insensitive keys and stripped values, ';' and
 * '#' comment lines. Everything from a "[Comment]" line on is free text and not parsed.
 * Section names are matched case-insensitively (MNE accepts "Common infos" as well).
 */
final class IniDocument {
    /** One key=value line. @param line 1-based line number in the file */
    record Entry(String key, String value, int line) {
    }

    private final Path file;
    private final Map<String, Map<String, Entry>> sections;

    private IniDocument(Path file, Map<String, Map<String, Entry>> sections) {
        this.file = file;
        this.sections = sections;
    }

    /**
     * @param lines     the file's lines
     * @param firstLine index of the first line to parse (the version line before it is checked elsewhere)
     */
    static IniDocument parse(Path file, List<String> lines, int firstLine) throws SignalFormatException {
        Map<String, Map<String, Entry>> sections = new LinkedHashMap<>();
        Map<String, Entry> current = null;
        String currentName = null;
        for (int i = firstLine; i < lines.size(); i++) {
            int lineNo = i + 1;
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith(";") || line.startsWith("#")) {
                continue;
            }
            if (line.startsWith("[") && line.endsWith("]")) {
                currentName = line.substring(1, line.length() - 1).strip();
                if (currentName.equalsIgnoreCase("Comment")) {
                    break;
                }
                String key = currentName.toLowerCase(Locale.ROOT);
                if (sections.containsKey(key)) {
                    throw new SignalFormatException(file, "line " + lineNo, -1,
                            "each section once", "a second [" + currentName + "]");
                }
                current = new LinkedHashMap<>();
                sections.put(key, current);
                continue;
            }
            int eq = line.indexOf('=');
            int colon = line.indexOf(':');
            int split = eq < 0 ? colon : colon < 0 ? eq : Math.min(eq, colon);
            if (split <= 0) {
                throw new SignalFormatException(file, "line " + lineNo, -1, "a [Section] or key=value line",
                        TextFiles.quote(line));
            }
            if (current == null) {
                throw new SignalFormatException(file, "line " + lineNo, -1, "a [Section] line before any entry",
                        TextFiles.quote(line));
            }
            String key = line.substring(0, split).strip();
            Entry entry = new Entry(key, line.substring(split + 1).strip(), lineNo);
            if (current.putIfAbsent(key.toLowerCase(Locale.ROOT), entry) != null) {
                throw new SignalFormatException(file, "[" + currentName + "] " + key + " (line " + lineNo + ")", -1,
                        "each key once in a section", "a second " + key);
            }
        }
        return new IniDocument(file, sections);
    }

    boolean hasSection(String name) {
        return sections.containsKey(name.toLowerCase(Locale.ROOT));
    }

    /** The entries of a section in file order; empty when the section is absent. */
    List<Entry> entries(String section) {
        Map<String, Entry> s = sections.get(section.toLowerCase(Locale.ROOT));
        return s == null ? List.of() : new ArrayList<>(s.values());
    }

    Optional<Entry> find(String section, String key) {
        Map<String, Entry> s = sections.get(section.toLowerCase(Locale.ROOT));
        return s == null ? Optional.empty() : Optional.ofNullable(s.get(key.toLowerCase(Locale.ROOT)));
    }

    Entry require(String section, String key) throws SignalFormatException {
        Optional<Entry> e = find(section, key);
        if (e.isEmpty()) {
            throw new SignalFormatException(file, "[" + section + "] " + key, -1, "the key to be present",
                    hasSection(section) ? "no such key" : "no [" + section + "] section");
        }
        return e.get();
    }
}

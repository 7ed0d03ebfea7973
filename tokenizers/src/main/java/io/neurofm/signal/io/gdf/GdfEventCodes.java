package io.neurofm.signal.io.gdf;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The GDF event-code table (BioSig's eventcodes.txt, shipped unmodified as the resource
 * {@value #RESOURCE}): what 0x0301 and the other standard codes mean.
 *
 * <p>Lines are "0x####", a TAB, then the text; lines starting with '#' are comments. Texts are
 * returned with runs of whitespace (the table aligns some with TABs) turned into one space. A code
 * with bit 0x8000 set marks the end of the event with the same low 15 bits.
 */
public final class GdfEventCodes {
    static final String RESOURCE = "/io/neurofm/signal/io/gdf/gdf_eventcodes.txt";
    private static final int END_FLAG = 0x8000;

    private static volatile GdfEventCodes standard;

    private final Map<Integer, String> descriptions;

    private GdfEventCodes(Map<Integer, String> descriptions) {
        this.descriptions = Collections.unmodifiableMap(descriptions);
    }

    /** The standard table from the bundled resource (loaded once). */
    public static GdfEventCodes standard() {
        GdfEventCodes table = standard;
        if (table == null) {
            synchronized (GdfEventCodes.class) {
                table = standard;
                if (table == null) {
                    table = load();
                    standard = table;
                }
            }
        }
        return table;
    }

    /**
     * Parses table lines. A line that is neither a comment, blank, nor "0x" + 4 hex digits + TAB +
     * text is rejected, so a damaged resource fails loudly instead of losing codes.
     */
    public static GdfEventCodes parse(List<String> lines) {
        Map<Integer, String> map = new TreeMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            if (line.length() < 8 || !line.startsWith("0x") || line.charAt(6) != '\t') {
                throw new IllegalArgumentException("event code table line " + (i + 1)
                        + ": expected \"0x####<TAB>text\", got \"" + line + "\"");
            }
            int code;
            try {
                code = Integer.parseInt(line.substring(2, 6), 16);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("event code table line " + (i + 1)
                        + ": expected 4 hex digits after 0x, got \"" + line.substring(0, 6) + "\"", e);
            }
            String text = line.substring(7).strip().replaceAll("\\s+", " ");
            if (map.putIfAbsent(code, text) != null) {
                throw new IllegalArgumentException("event code table line " + (i + 1) + ": code "
                        + String.format("0x%04X", code) + " is listed twice");
            }
        }
        return new GdfEventCodes(map);
    }

    /**
     * The meaning of a code, e.g. 0x0301 gives "class1, Left hand - cue onset (BCI experiment)";
     * an end code (0x8000 | code) gives "end of " and the start code's text. Empty when unknown.
     */
    public Optional<String> describe(int code) {
        String text = descriptions.get(code);
        if (text != null) {
            return Optional.of(text);
        }
        if ((code & END_FLAG) != 0) {
            String start = descriptions.get(code & ~END_FLAG);
            if (start != null) {
                return Optional.of("end of " + start);
            }
        }
        return Optional.empty();
    }

    /** All codes and texts, ascending by code. */
    public Map<Integer, String> codes() {
        return descriptions;
    }

    private static GdfEventCodes load() {
        try (InputStream in = GdfEventCodes.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("resource " + RESOURCE + " is missing from the classpath");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            return parse(reader.lines().toList());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }
}

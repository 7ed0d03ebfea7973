package io.neurofm.artifact;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * model_card.md: what a model was trained on and for, how well it does and where it should not be
 * used. Rendered by {@link #toMarkdown()} and read back by {@link #parse}, which accepts exactly
 * that layout (a title, a summary, then the sections Data, Objective, Metrics, Intended use, Limits).
 *
 * @param metrics name to value, in the order given (e.g. "BCI IV 2a linear probe balanced accuracy")
 */
public record ModelCard(String title, String summary, String data, String objective, Map<String, Double> metrics,
        String intendedUse, String limits) {
    private static final List<String> SECTIONS = List.of("Data", "Objective", "Metrics", "Intended use", "Limits");
    private static final String NO_METRICS = "None reported.";
    private static final String TABLE_HEAD = "| metric | value |";
    private static final String TABLE_RULE = "|---|---|";
    private static final Pattern HEADING = Pattern.compile(" {0,3}#.*");
    private static final Pattern ROW = Pattern.compile("\\| ((?:[^|\\\\]|\\\\.)+) \\| (\\S+) \\|");

    public ModelCard {
        title = line("title", title);
        summary = text("summary", summary);
        data = text("data", data);
        objective = text("objective", objective);
        intendedUse = text("intended use", intendedUse);
        limits = text("limits", limits);
        LinkedHashMap<String, Double> copy = new LinkedHashMap<>();
        for (Map.Entry<String, Double> e : metrics.entrySet()) {
            Double v = Objects.requireNonNull(e.getValue(), "metric value");
            if (!Double.isFinite(v)) {
                throw new IllegalArgumentException("metric " + e.getKey() + " is not finite: " + v);
            }
            copy.put(line("metric name", e.getKey()), v);
        }
        metrics = Collections.unmodifiableMap(copy);
    }

    private static String line(String what, String value) {
        Objects.requireNonNull(value, what);
        String v = value.strip();
        if (v.isEmpty() || v.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("model card " + what + " must be one non-blank line, got \"" + value + "\"");
        }
        return v;
    }

    private static String text(String what, String value) {
        Objects.requireNonNull(value, what);
        String v = value.strip().replace("\r\n", "\n");
        if (v.isEmpty()) {
            throw new IllegalArgumentException("model card " + what + " must be stated (a card without it is not a card)");
        }
        for (String l : v.split("\n", -1)) {
            if (HEADING.matcher(l).matches()) {
                throw new IllegalArgumentException("model card " + what + ": the line \"" + l
                        + "\" would read as a heading; rephrase it");
            }
            if (l.chars().anyMatch(c -> Character.isISOControl(c) && c != '\t')) {
                throw new IllegalArgumentException("model card " + what + " holds a control character");
            }
        }
        return v;
    }

    public String toMarkdown() {
        StringBuilder b = new StringBuilder();
        b.append("# ").append(title).append("\n\n").append(summary).append("\n\n");
        section(b, "Data", data);
        section(b, "Objective", objective);
        b.append("## Metrics\n\n");
        if (metrics.isEmpty()) {
            b.append(NO_METRICS).append("\n\n");
        } else {
            b.append(TABLE_HEAD).append('\n').append(TABLE_RULE).append('\n');
            metrics.forEach((k, v) -> b.append("| ").append(k.replace("\\", "\\\\").replace("|", "\\|"))
                    .append(" | ").append(v).append(" |\n"));
            b.append('\n');
        }
        section(b, "Intended use", intendedUse);
        b.append("## Limits\n\n").append(limits).append('\n');
        return b.toString();
    }

    private static void section(StringBuilder b, String heading, String body) {
        b.append("## ").append(heading).append("\n\n").append(body).append("\n\n");
    }

    byte[] toMarkdownBytes() {
        return toMarkdown().getBytes(StandardCharsets.UTF_8);
    }

    /** Reads a card written by {@link #toMarkdown()}. */
    public static ModelCard parse(String markdown) {
        String[] lines = markdown.replace("\r\n", "\n").split("\n", -1);
        if (lines.length == 0 || !lines[0].startsWith("# ")) {
            throw new IllegalArgumentException("the first line must be the title (\"# ...\")");
        }
        String title = lines[0].substring(2);
        List<String> bodies = new ArrayList<>();
        int next = 0;
        StringBuilder current = new StringBuilder();
        for (int i = 1; i < lines.length; i++) {
            if (lines[i].startsWith("#")) {
                if (next >= SECTIONS.size() || !lines[i].equals("## " + SECTIONS.get(next))) {
                    throw new IllegalArgumentException("line " + (i + 1) + " \"" + lines[i] + "\": expected "
                            + (next < SECTIONS.size() ? "\"## " + SECTIONS.get(next) + "\"" : "no further heading"));
                }
                bodies.add(current.toString());
                current.setLength(0);
                next++;
            } else {
                current.append(lines[i]).append('\n');
            }
        }
        bodies.add(current.toString());
        if (next != SECTIONS.size()) {
            throw new IllegalArgumentException("section \"## " + SECTIONS.get(next) + "\" is missing");
        }
        try {
            return new ModelCard(title, bodies.get(0), bodies.get(1), bodies.get(2), metrics(bodies.get(3).strip()),
                    bodies.get(4), bodies.get(5));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    private static Map<String, Double> metrics(String body) {
        Map<String, Double> out = new LinkedHashMap<>();
        if (body.equals(NO_METRICS)) {
            return out;
        }
        String[] rows = body.split("\n");
        if (rows.length < 2 || !rows[0].equals(TABLE_HEAD) || !rows[1].equals(TABLE_RULE)) {
            throw new IllegalArgumentException("Metrics must be \"" + NO_METRICS + "\" or a \"" + TABLE_HEAD
                    + "\" table");
        }
        for (int i = 2; i < rows.length; i++) {
            Matcher m = ROW.matcher(rows[i]);
            if (!m.matches()) {
                throw new IllegalArgumentException("metrics row \"" + rows[i] + "\" is not \"| name | value |\"");
            }
            String name = m.group(1).replaceAll("\\\\(.)", "$1");
            double value;
            try {
                value = Double.parseDouble(m.group(2));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("metric " + name + ": \"" + m.group(2) + "\" is not a number", e);
            }
            if (out.put(name, value) != null) {
                throw new IllegalArgumentException("metric " + name + " is listed twice");
            }
        }
        return out;
    }

    static ModelCard parse(Path artifact, byte[] bytes) throws ArtifactException {
        try {
            return parse(new String(bytes, StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            throw new ArtifactException(artifact, ArtifactLayout.CARD, e.getMessage(), e);
        }
    }
}

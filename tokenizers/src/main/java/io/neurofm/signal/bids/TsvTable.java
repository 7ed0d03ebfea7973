package io.neurofm.signal.bids;

import io.neurofm.signal.SignalFormatException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A BIDS tab-separated table: a header line of column names, then rows of exactly as many
 * cells. "n/a" (and an empty cell, which BIDS forbids but real datasets contain) reads as
 * missing. Blank lines are skipped, CRLF and a UTF-8 byte-order mark are accepted. Every error
 * names the file, the 1-based line and the column.
 */
public final class TsvTable {
    private static final String MISSING = "n/a";

    private final Path file;
    private final List<String> columns;
    private final Map<String, Integer> index;
    private final List<String[]> rows;
    private final List<Integer> lineNumbers;

    private TsvTable(Path file, List<String> columns, List<String[]> rows, List<Integer> lineNumbers) {
        this.file = file;
        this.columns = List.copyOf(columns);
        this.rows = rows;
        this.lineNumbers = lineNumbers;
        this.index = new HashMap<>();
        for (int i = 0; i < columns.size(); i++) {
            index.put(columns.get(i), i);
        }
    }

    public static TsvTable read(Path file) throws IOException {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(Files.readAllBytes(file))).toString();
        } catch (CharacterCodingException e) {
            throw new SignalFormatException(file, "encoding", -1, "UTF-8 text", "bytes that are not UTF-8");
        }
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        String[] lines = text.split("\n", -1);
        List<String> header = null;
        List<String[]> rows = new ArrayList<>();
        List<Integer> lineNumbers = new ArrayList<>();
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].endsWith("\r") ? lines[i].substring(0, lines[i].length() - 1) : lines[i];
            if (line.isBlank()) {
                continue;
            }
            String[] cells = line.split("\t", -1);
            if (header == null) {
                header = header(file, i + 1, cells);
                continue;
            }
            if (cells.length != header.size()) {
                throw new SignalFormatException(file, "line " + (i + 1), -1, header.size() + " tab-separated cells "
                        + "like the header " + header, cells.length + " cells");
            }
            rows.add(cells);
            lineNumbers.add(i + 1);
        }
        if (header == null) {
            throw new SignalFormatException(file, "line 1", -1, "a header line of tab-separated column names",
                    "an empty file");
        }
        return new TsvTable(file, header, rows, lineNumbers);
    }

    private static List<String> header(Path file, int line, String[] cells) throws SignalFormatException {
        List<String> names = new ArrayList<>();
        for (int c = 0; c < cells.length; c++) {
            String name = cells[c].strip();
            if (name.isEmpty() || names.contains(name)) {
                throw new SignalFormatException(file, "line " + line + ", column " + (c + 1), -1,
                        "a unique, non-empty column name", name.isEmpty() ? "an empty name" : "\"" + name
                                + "\" a second time");
            }
            names.add(name);
        }
        return names;
    }

    public Path file() {
        return file;
    }

    public List<String> columns() {
        return columns;
    }

    public int rowCount() {
        return rows.size();
    }

    /** The 1-based line of a row in the file. */
    public int line(int row) {
        return lineNumbers.get(row);
    }

    public boolean hasColumn(String name) {
        return index.containsKey(name);
    }

    /** Fails, naming the file and its columns, unless every named column is present. */
    public void require(String... names) throws SignalFormatException {
        for (String n : names) {
            if (!hasColumn(n)) {
                throw new SignalFormatException(file, "line 1", -1, "a column \"" + n + "\" (required: "
                        + Arrays.toString(names) + ")", "columns " + columns);
            }
        }
    }

    /** The cell text (stripped), or null when it is "n/a", empty, or the column is absent. */
    public String text(int row, String column) {
        Integer c = index.get(column);
        if (c == null) {
            return null;
        }
        String v = rows.get(row)[c].strip();
        return v.isEmpty() || v.equals(MISSING) ? null : v;
    }

    /** The cell text, which must be present. */
    public String requiredText(int row, String column) throws SignalFormatException {
        String v = text(row, column);
        if (v == null) {
            throw cellError(row, column, "a value", "n/a or empty");
        }
        return v;
    }

    /** The cell as a finite number, or null when missing. */
    public Double number(int row, String column) throws SignalFormatException {
        String v = text(row, column);
        if (v == null) {
            return null;
        }
        double d;
        try {
            d = Double.parseDouble(v);
        } catch (NumberFormatException e) {
            throw cellError(row, column, "a number or n/a", "\"" + v + "\"");
        }
        if (!Double.isFinite(d)) {
            throw cellError(row, column, "a finite number or n/a", "\"" + v + "\"");
        }
        return d;
    }

    /** The cell as a finite number, which must be present. */
    public double requiredNumber(int row, String column) throws SignalFormatException {
        Double d = number(row, column);
        if (d == null) {
            throw cellError(row, column, "a number", "n/a or empty");
        }
        return d;
    }

    /** An error about one cell, naming file, line and column. */
    public SignalFormatException cellError(int row, String column, String expected, String found) {
        Integer c = index.get(column);
        String where = "line " + line(row) + ", column " + (c == null ? "?" : c + 1) + " (" + column + ")";
        return new SignalFormatException(file, where, -1, expected, found);
    }
}

package io.neurofm.signal.io.csv;

import io.neurofm.signal.SignalFormatException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits one CSV line into fields: RFC 4180 quoting ("a,b" is one field, "" inside quotes is a
 * quote), spaces around fields ignored. A quoted field cannot span lines here: ROI names and
 * numbers never need to.
 */
final class CsvLine {
    /** A field's text (unquoted) and its 0-based character position in the line, for error messages. */
    record Field(String text, boolean quoted, int position) {
    }

    private CsvLine() {
    }

    /**
     * @param lineNo 1-based, for errors
     * @param offset byte offset of the line in the file, for errors
     */
    static List<Field> split(Path file, String line, char delimiter, int lineNo, long offset)
            throws SignalFormatException {
        List<Field> fields = new ArrayList<>();
        int i = 0;
        int n = line.length();
        while (true) {
            while (i < n && isBlank(line.charAt(i), delimiter)) {
                i++;
            }
            int start = i;
            if (i < n && line.charAt(i) == '"') {
                StringBuilder sb = new StringBuilder();
                i++;
                while (true) {
                    if (i >= n) {
                        throw new SignalFormatException(file, "line " + lineNo + " column " + (fields.size() + 1),
                                offset, "a closing quote on the same line", "the line's end");
                    }
                    char c = line.charAt(i);
                    if (c == '"') {
                        if (i + 1 < n && line.charAt(i + 1) == '"') {
                            sb.append('"');
                            i += 2;
                            continue;
                        }
                        i++;
                        break;
                    }
                    sb.append(c);
                    i++;
                }
                while (i < n && isBlank(line.charAt(i), delimiter)) {
                    i++;
                }
                if (i < n && line.charAt(i) != delimiter) {
                    throw new SignalFormatException(file, "line " + lineNo + " column " + (fields.size() + 1), offset,
                            "a delimiter after the closing quote", "'" + line.charAt(i) + "'");
                }
                fields.add(new Field(sb.toString(), true, start));
            } else {
                while (i < n && line.charAt(i) != delimiter) {
                    i++;
                }
                fields.add(new Field(line.substring(start, i).strip(), false, start));
            }
            if (i >= n) {
                return fields;
            }
            i++; // the delimiter
        }
    }

    /** How many fields {@link #split} would find, or -1 if the line's quoting is broken. */
    static int count(String line, char delimiter) {
        int fields = 1;
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (c == delimiter && !quoted) {
                fields++;
            }
        }
        return quoted ? -1 : fields;
    }

    private static boolean isBlank(char c, char delimiter) {
        return c != delimiter && (c == ' ' || c == '\t');
    }
}

package io.neurofm.signal.io.csv;

import io.neurofm.signal.SignalFormatException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Chooses the delimiter: comma, tab or semicolon, whichever alone splits the header and first row alike. */
final class Delimiter {
    private static final char[] CANDIDATES = {',', '\t', ';'};

    private Delimiter() {
    }

    static char detect(Path file, String header, String firstRow) throws SignalFormatException {
        List<Character> fits = new ArrayList<>();
        StringBuilder counts = new StringBuilder();
        boolean allSingle = true;
        for (char d : CANDIDATES) {
            int h = CsvLine.count(header, d);
            int r = CsvLine.count(firstRow, d);
            if (h >= 2 && h == r) {
                fits.add(d);
            }
            allSingle &= h == 1 && r == 1;
            counts.append(counts.length() == 0 ? "" : ", ").append(name(d)).append(": ").append(h).append(" and ")
                    .append(r);
        }
        if (fits.size() == 1) {
            return fits.get(0);
        }
        if (fits.isEmpty() && allSingle) {
            return ',';
        }
        throw new SignalFormatException(file, "delimiter", 0,
                fits.isEmpty() ? "comma, tab or semicolon splitting the header (line 1) and line 2 into the same"
                        + " number of fields" : "exactly one of comma, tab, semicolon to fit (it is ambiguous)",
                "field counts " + counts);
    }

    static String name(char d) {
        return switch (d) {
            case ',' -> "comma";
            case '\t' -> "tab";
            default -> "semicolon";
        };
    }
}

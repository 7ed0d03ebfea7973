package io.neurofm.signal.io.csv;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.neurofm.signal.ReadRequest;
import io.neurofm.signal.SignalException;
import io.neurofm.signal.SignalFile;
import io.neurofm.signal.SignalFormatException;
import io.neurofm.signal.TestData;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Broken copies of fmri_timeseries.csv: each error names its line (and column), plus a mutation loop. */
class CsvRoiMalformedTest {
    @TempDir
    Path dir;

    private Path write(String text) throws IOException {
        return Files.writeString(dir.resolve("t.csv"), text, StandardCharsets.UTF_8);
    }

    /** The real table with line {@code lineNo} (1-based) replaced. */
    private Path withLine(int lineNo, String replacement) throws IOException {
        List<String> lines = new java.util.ArrayList<>(CsvRoiReaderTest.lines());
        lines.set(lineNo - 1, replacement);
        return write(String.join("\n", lines) + "\n");
    }

    private static SignalFormatException formatError(Path p, String... mentions) {
        SignalFormatException e = assertThrows(SignalFormatException.class, () -> {
            try (SignalFile f = new CsvRoiReader().open(p, CsvRoiReaderTest.TR)) {
                f.read(ReadRequest.all());
            }
        });
        for (String m : mentions) {
            assertTrue(e.getMessage().contains(m), "should mention " + m + ": " + e.getMessage());
        }
        return e;
    }

    @Test
    void emptyFileAndHeaderOnly() throws IOException {
        formatError(write(""), "empty file");
        formatError(write("\n\n"), "line 1", "header row");
        formatError(write("\"WM\",\"Vent\"\n"), "line 2", "at least one row");
    }

    @Test
    void nonNumericCellNamesLineColumnAndRoi() throws IOException {
        String row = CsvRoiReaderTest.lines().get(100);
        String[] cells = row.split(",");
        cells[4] = "12.3.4";
        formatError(withLine(101, String.join(",", cells)), "line 101 column 5 (LPut)", "a number", "12.3.4");
        cells[4] = "";
        formatError(withLine(101, String.join(",", cells)), "line 101 column 5");
        cells[4] = "1e999";
        formatError(withLine(101, String.join(",", cells)), "line 101 column 5", "float32 range");
        cells[4] = "0x10";
        formatError(withLine(101, String.join(",", cells)), "line 101 column 5");
    }

    @Test
    void raggedRows() throws IOException {
        String row = CsvRoiReaderTest.lines().get(10);
        formatError(withLine(11, row + ",1.0"), "line 11", "31 fields like the header", "32 fields");
        formatError(withLine(11, row.substring(0, row.lastIndexOf(','))), "line 11", "30 fields");
        formatError(withLine(11, "\"" + row), "line 11", "unterminated quote");
    }

    @Test
    void emptyLineInsideTheTable() throws IOException {
        formatError(withLine(40, ""), "line 40", "empty lines may only end the file");
    }

    @Test
    void badHeaders() throws IOException {
        formatError(write("a,a\n1,2\n"), "line 1 column 2", "unique");
        formatError(write("a,,b\n1,2,3\n"), "line 1 column 2", "non-empty");
        formatError(write("a,b;c,d\n1,2;3,4\n"), "delimiter", "ambiguous");
        formatError(write("a,b,c\n1;2\n"), "delimiter");
        formatError(write("\"a\"x,b\n1,2\n"), "line 1", "delimiter after the closing quote");
    }

    @Test
    void notUtf8() throws IOException {
        byte[] b = "a,b\n1,2\n".getBytes(StandardCharsets.US_ASCII);
        b[5] = (byte) 0xFF;
        Path p = Files.write(dir.resolve("bin.csv"), b);
        formatError(p, "line 2", "UTF-8");
    }

    /** 300 seeded byte flips, overwrites with CSV-significant characters and truncations. */
    @Test
    void mutatedFilesGiveOnlySignalExceptions() throws IOException {
        byte[] original = Files.readAllBytes(TestData.file("fmri/fmri_timeseries.csv"));
        Random random = new Random(20261127);
        int refused = 0;
        Path p = dir.resolve("m.csv");
        for (int i = 0; i < 300; i++) {
            byte[] b = original.clone();
            switch (random.nextInt(3)) {
                case 0 -> b = Arrays.copyOf(b, random.nextInt(b.length));
                case 1 -> {
                    for (int e = 0; e < 1 + random.nextInt(5); e++) {
                        String significant = ",;\t\"\n\r.-eE x";
                        b[random.nextInt(b.length)] = (byte) significant.charAt(random.nextInt(significant.length()));
                    }
                }
                default -> {
                    for (int e = 0; e < 1 + random.nextInt(5); e++) {
                        b[random.nextInt(b.length)] ^= (byte) (1 << random.nextInt(8));
                    }
                }
            }
            Files.write(p, b);
            try (SignalFile f = new CsvRoiReader().open(p, CsvRoiReaderTest.TR)) {
                f.readAll();
            } catch (SignalException e) {
                refused++;
            } catch (Exception | Error e) {
                fail("mutation " + i + " gave " + e, e);
            }
        }
        System.out.println("CSV mutation loop: " + refused + " of 300 refused with a SignalException");
        assertTrue(refused > 50, refused + " of 300 refused");
    }
}

package io.neurofm.signal.io.csv;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.neurofm.signal.Channel;
import io.neurofm.signal.ChannelType;
import io.neurofm.signal.Golden;
import io.neurofm.signal.OpenOptions;
import io.neurofm.signal.ReadRequest;
import io.neurofm.signal.Recording;
import io.neurofm.signal.SignalException;
import io.neurofm.signal.SignalFile;
import io.neurofm.signal.TestData;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** fmri_timeseries.csv against Python's csv module, windows, and the layouts the reader accepts. */
class CsvRoiReaderTest {
    static final OpenOptions TR = OpenOptions.withRepetitionTime(1.89);

    @TempDir
    Path dir;

    static Recording read(Path file, ReadRequest request) throws IOException {
        try (SignalFile f = new CsvRoiReader().open(file, TR)) {
            return f.read(request);
        }
    }

    static List<String> lines() throws IOException {
        return Files.readAllLines(TestData.file("fmri/fmri_timeseries.csv"), StandardCharsets.UTF_8);
    }

    @Test
    void matchesPythonCsvModule() throws IOException {
        Recording r = read(TestData.file("fmri/fmri_timeseries.csv"), ReadRequest.all());
        JsonNode g = Golden.load("csv_fmri_timeseries");
        assertEquals(g.get("sfreq").asDouble(), r.samplingRate());
        assertEquals(g.get("n_volumes").asInt(), r.sampleCount());
        assertEquals(g.get("ch_names").size(), r.channelCount());
        for (int c = 0; c < r.channelCount(); c++) {
            Channel ch = r.channel(c);
            assertEquals(g.get("ch_names").get(c).asString(), ch.name());
            assertEquals(ChannelType.FMRI_ROI, ch.type());
            assertEquals("a.u.", ch.unit());
        }
        Golden.assertMatches(g.get("data"), r.samples(), 1e-6);
        assertEquals("read", r.provenance().get(0).operation());
        assertEquals("CSV ROI", r.provenance().get(0).parameters().get("format"));
        assertTrue(r.annotations().isEmpty());
        double worst = 0;
        JsonNode head = g.get("data").get("head");
        for (int c = 0; c < r.channelCount(); c++) {
            for (int t = 0; t < head.get(c).size(); t++) {
                double e = head.get(c).get(t).asDouble();
                worst = Math.max(worst, Math.abs(r.sample(c, t) - e) / Math.abs(e));
            }
        }
        System.out.printf("CSV fmri_timeseries.csv: max relative error vs Python %.3g (float32 rounding)%n", worst);
    }

    @Test
    void repetitionTimeIsRequiredAndNamed() {
        SignalException e = assertThrows(SignalException.class,
                () -> new CsvRoiReader().open(TestData.file("fmri/fmri_timeseries.csv"), OpenOptions.DEFAULT));
        assertTrue(e.getMessage().contains("OpenOptions.withRepetitionTime"), e.getMessage());
    }

    @Test
    void windowIsTheSliceOfTheWholeRead() throws IOException {
        Path file = TestData.file("fmri/fmri_timeseries.csv");
        Recording all = read(file, ReadRequest.all());
        Recording w = read(file, ReadRequest.window(17, 200).withChannels(List.of("RPrec", "WM")));
        assertEquals(List.of("RPrec", "WM"), w.channelNames());
        for (int k = 0; k < 2; k++) {
            float[] expected = new float[200];
            System.arraycopy(all.channelData(all.indexOf(w.channelNames().get(k))), 17, expected, 0, 200);
            assertArrayEquals(expected, w.channelData(k));
        }
        assertEquals(17 * 1.89, w.startSeconds(), 1e-9);
        assertEquals(0, read(file, ReadRequest.window(250, -1)).sampleCount());
        assertThrows(SignalException.class, () -> read(file, ReadRequest.window(200, 51)));
        assertThrows(SignalException.class, () -> read(file, ReadRequest.all().withChannels(List.of("wm"))));
    }

    /** The same table as tab- and semicolon-separated, CRLF with a BOM, with a pandas index: same samples. */
    @Test
    void otherLayoutsOfTheSameTable() throws IOException {
        Recording original = read(TestData.file("fmri/fmri_timeseries.csv"), ReadRequest.all());
        List<String> lines = lines();
        StringBuilder tab = new StringBuilder();
        StringBuilder semicolon = new StringBuilder();
        StringBuilder crlf = new StringBuilder("\ufeff");
        StringBuilder indexed = new StringBuilder();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            tab.append(line.replace(',', '\t')).append('\n');
            semicolon.append(line.replace(',', ';')).append('\n');
            crlf.append(line).append("\r\n");
            indexed.append(i == 0 ? "" : String.valueOf(i - 1)).append(',').append(line).append('\n');
        }
        crlf.append("\r\n\r\n");
        for (String[] variant : new String[][] {{"tab.tsv", tab.toString()}, {"semi.csv", semicolon.toString()},
            {"crlf.csv", crlf.toString()}, {"indexed.csv", indexed.toString()}}) {
            Path p = Files.writeString(dir.resolve(variant[0]), variant[1], StandardCharsets.UTF_8);
            Recording r = read(p, ReadRequest.all());
            assertEquals(original.channels(), r.channels(), variant[0]);
            for (int c = 0; c < r.channelCount(); c++) {
                assertArrayEquals(original.channelData(c), r.channelData(c), variant[0] + " " + r.channel(c).name());
            }
        }
    }

    @Test
    void quotedCellsAndNan() throws IOException {
        Path p = Files.writeString(dir.resolve("q.csv"), "\"a,b\",\"say \"\"hi\"\"\",c\n\"1.5\", -2e3 ,nan\n");
        Recording r = read(p, ReadRequest.all());
        assertEquals(List.of("a,b", "say \"hi\"", "c"), r.channelNames());
        assertEquals(1.5f, r.sample(0, 0));
        assertEquals(-2000f, r.sample(1, 0));
        assertTrue(Float.isNaN(r.sample(2, 0)));
    }
}

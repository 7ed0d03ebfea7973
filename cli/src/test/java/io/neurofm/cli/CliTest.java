package io.neurofm.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.neurofm.signal.OpenOptions;
import io.neurofm.signal.Readers;
import io.neurofm.signal.Recording;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/** The inspect and convert verbs on the shared real recordings, as a user runs them. */
class CliTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static String shared(String relative) {
        return DataPaths.sharedFile(relative).toString();
    }

    @Test
    void helpListsTheVerbs() {
        CliRun run = CliRun.of("--help");
        assertEquals(0, run.exitCode());
        for (String verb : List.of("inspect", "convert", "bench")) {
            assertTrue(run.out().contains(verb), run.out());
        }
    }

    @Test
    void inspectShowsFormatChannelsDurationAndEvents() {
        CliRun run = CliRun.of("inspect", shared("eeg/eegmmidb_S001R01.edf"));
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("EDF+C"), run.out());
        assertTrue(run.out().contains("channels   64: EEG 64"), run.out());
        assertTrue(run.out().contains("Fc5."), run.out());
        assertTrue(run.out().contains("duration   61.000 s"), run.out());
        assertTrue(run.out().contains("T0"), run.out());
    }

    @Test
    void inspectJsonOfTheGrazFileCountsTheCues() throws Exception {
        CliRun run = CliRun.of("inspect", "--json", shared("eeg/graz_mi_left_right.gdf"));
        assertEquals(0, run.exitCode(), run.err());
        JsonNode root = JSON.readTree(run.out());
        assertEquals(4, root.get("channels").size());
        assertEquals(256.0, root.get("sampling_rates").get(0).asDouble());
        int left = 0;
        int right = 0;
        for (JsonNode event : root.get("events")) {
            left += event.get("description").asText().equals("0x0301") ? 1 : 0;
            right += event.get("description").asText().equals("0x0302") ? 1 : 0;
        }
        assertEquals(20, left);
        assertEquals(20, right);
    }

    @Test
    void inspectReportsUnevenRatesWithoutFlatteningThem() {
        CliRun run = CliRun.of("inspect", shared("eeg/test_uneven_samp.edf"));
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("rates      12.8, 100 Hz"), run.out());
        assertTrue(run.out().contains("--resample"), run.out());
    }

    @Test
    void inspectNiftiShowsDimsAndRepetitionTime() {
        CliRun run = CliRun.of("inspect", shared("fmri/fmri1.nii.gz"));
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("[10, 10, 18, 40]"), run.out());
        assertTrue(run.out().contains("1.35 s"), run.out());
    }

    @Test
    void convertWritesNpzAndSidecarThatReadBackToTheSameRecording(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("brux2.npz");
        CliRun run = CliRun.of("convert", shared("eeg/capslpdb_brux2_100s.edf"), out.toString());
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(Files.exists(dir.resolve("brux2.json")));
        Recording original = Readers.read(Path.of(shared("eeg/capslpdb_brux2_100s.edf")), OpenOptions.DEFAULT);
        Recording back = Readers.read(out, OpenOptions.DEFAULT);
        assertEquals(original.channelNames(), back.channelNames());
        assertEquals(original.samplingRate(), back.samplingRate());
        for (int c = 0; c < original.channelCount(); c++) {
            assertArrayEquals(original.channelData(c), back.channelData(c));
            assertEquals(original.channel(c).unit(), back.channel(c).unit());
        }
        try (var files = Files.list(dir)) {
            assertEquals(List.of("brux2.json", "brux2.npz"), files.map(p -> p.getFileName().toString()).sorted()
                    .toList(), "no temporary files left behind");
        }
    }

    @Test
    void convertWithAChannelMapNamesAndPositionsTheGrazChannels(@TempDir Path dir) throws Exception {
        Path map = dir.resolve("graz.tsv");
        try (var in = io.neurofm.montage.ChannelMap.class.getResourceAsStream("graz_sample_channels.tsv")) {
            Files.copy(in, map);
        }
        Path out = dir.resolve("graz.npz");
        CliRun run = CliRun.of("convert", shared("eeg/graz_mi_left_right.gdf"), out.toString(),
                "--channel-map", map.toString(), "--start", "10", "--duration", "20");
        assertEquals(0, run.exitCode(), run.err());
        Recording back = Readers.read(out, OpenOptions.DEFAULT);
        assertEquals(List.of("C3", "Cz", "C4", "ECG"), back.channelNames());
        assertTrue(back.channel(0).hasPosition());
        assertEquals(20 * 256, back.sampleCount());
    }

    @Test
    void mixedRatesAreRefusedUnlessAResampleRateIsGiven(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("uneven.npz");
        CliRun refused = CliRun.of("convert", shared("eeg/test_uneven_samp.edf"), out.toString());
        assertEquals(2, refused.exitCode());
        assertTrue(refused.err().contains("different sampling rates"), refused.err());
        assertTrue(!Files.exists(out));
        CliRun resampled = CliRun.of("convert", shared("eeg/test_uneven_samp.edf"), out.toString(),
                "--resample", "100");
        assertEquals(0, resampled.exitCode(), resampled.err());
        Recording back = Readers.read(out, OpenOptions.DEFAULT);
        assertEquals(100.0, back.samplingRate());
        assertEquals(2, back.channelCount());
    }

    @Test
    void badInputIsOneClearLineAndExitCodeTwo(@TempDir Path dir) throws Exception {
        Path bad = dir.resolve("broken.edf");
        Files.write(bad, "0       not an edf header".getBytes());
        CliRun run = CliRun.of("inspect", bad.toString());
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("broken.edf"), run.err());
        assertTrue(!run.err().contains("\tat "), "no stack trace for a user error: " + run.err());
        CliRun unknown = CliRun.of("inspect", dir.resolve("x.xyz").toString());
        assertEquals(2, unknown.exitCode());
    }
}

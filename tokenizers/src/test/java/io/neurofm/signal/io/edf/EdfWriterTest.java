package io.neurofm.signal.io.edf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.neurofm.signal.Annotation;
import io.neurofm.signal.Channel;
import io.neurofm.signal.ChannelType;
import io.neurofm.signal.ReadRequest;
import io.neurofm.signal.Recording;
import io.neurofm.signal.RecordingIds;
import io.neurofm.signal.SignalException;
import io.neurofm.signal.TestData;
import io.neurofm.signal.Transform;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Writing EDF/EDF+C and reading it back. */
class EdfWriterTest {
    private static final EdfReader READER = new EdfReader();

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"eeg/eegmmidb_S001R01.edf", "eeg/test_bdf_stim_channel.bdf",
            "eeg/capslpdb_brux2_100s.edf", "eeg/test_edf_stim_channel.edf"})
    void realRecordingsRoundTripWithinOneQuantisationStep(String name) throws Exception {
        Recording original;
        try (EdfFile file = READER.open(TestData.file(name))) {
            original = file.readAll();
        }
        EdfLayout layout = EdfLayout.fitting(original);
        Path out = dir.resolve("copy.edf");
        EdfWriter.write(original, out, layout);
        try (EdfFile file = READER.open(out)) {
            assertEquals("EDF+C", file.header().format());
            Recording copy = file.readAll();
            assertEquals(original.channels(), copy.channels());
            assertEquals(original.samplingRate(), copy.samplingRate(), 0.0);
            assertEquals(original.sampleCount(), copy.sampleCount());
            assertEquals(original.startTime(), copy.startTime());
            assertAnnotationsEqual(original.annotations(), copy.annotations());
            for (int c = 0; c < original.channelCount(); c++) {
                double step = layout.signals().get(c).quantisationStep();
                for (int i = 0; i < original.sampleCount(); i++) {
                    float a = original.sample(c, i);
                    float b = copy.sample(c, i);
                    // one step, plus float32 rounding of the stored and the decoded value
                    assertEquals(a, b, step + 2 * Math.ulp(Math.abs(a) + (float) step), "channel " + c + " sample " + i);
                }
            }
        }
    }

    @Test
    void stimCodesAreStoredExactly() throws Exception {
        Recording original;
        try (EdfFile file = READER.open(TestData.file("eeg/test_bdf_stim_channel.bdf"))) {
            original = file.readAll();
        }
        EdfLayout layout = EdfLayout.fitting(original);
        EdfOutputSignal status = layout.signals().get(3);
        assertEquals("-32768", status.physicalMin());
        assertEquals(1.0, status.quantisationStep(), 0.0);
        Path out = dir.resolve("stim.edf");
        EdfWriter.write(original, out, layout);
        try (EdfFile file = READER.open(out)) {
            assertArrayEquals(original.channelData(3), file.read(ReadRequest.all().withChannels(List.of("Status")))
                    .channelData(0));
        }
    }

    @Test
    void plainEdfHasNoAnnotationSignal() throws Exception {
        Recording original;
        try (EdfFile file = READER.open(TestData.file("eeg/capslpdb_brux2_100s.edf"))) {
            original = file.readAll();
        }
        Path out = dir.resolve("plain.edf");
        EdfWriter.write(original, out, EdfLayout.fitting(original).withPlus(false));
        try (EdfFile file = READER.open(out)) {
            assertEquals("EDF", file.header().format());
            assertEquals(5, file.edfHeader().signals().size());
            assertEquals(256 * 6 + 100L * 5 * 256 * 2, Files.size(out));
        }
        assertThrows(IllegalArgumentException.class, () -> EdfLayout.fitting(original).withPlus(false)
                .withAnnotations(List.of(Annotation.of(1, 0, "x"))));
    }

    @Test
    void subSecondStartAnnotationsWithDurationAndAwkwardLengthsRoundTrip() throws Exception {
        int n = 9973; // prime: only records of 1 or 9973 samples fill the file exactly
        float[][] data = new float[2][n];
        for (int i = 0; i < n; i++) {
            data[0][i] = (float) (50e-6 * Math.sin(i * 0.01));
            data[1][i] = (float) (2e-3 * Math.cos(i * 0.003));
        }
        Instant start = Instant.parse("2023-11-05T08:09:10.25Z");
        List<Annotation> events = List.of(Annotation.of(0.5, 1.25, "Stimulus/S  1"), Annotation.of(10.004, 0, "µ-event"),
                Annotation.of(39.8, 0, "end"));
        Recording r = new Recording(List.of(Channel.of("Fz", ChannelType.EEG, 250), Channel.of("EOG", ChannelType.EOG,
                250)), data, 250, events, RecordingIds.NONE.withSubject("sub 01"), start, 0,
                List.of(Transform.of("test")));
        Path out = dir.resolve("odd.edf");
        EdfWriter.write(r, out);
        try (EdfFile file = READER.open(out)) {
            Recording back = file.readAll();
            assertEquals(n, back.sampleCount());
            assertEquals(250.0, back.samplingRate(), 0.0);
            assertEquals(start, back.startTime());
            assertAnnotationsEqual(events, back.annotations());
            assertEquals("sub_01 X X X", file.header().properties().get("patient"));
            assertEquals("Startdate 05-NOV-2023 X X X", file.header().properties().get("recording"));
            assertEquals("uV", file.edfHeader().signals().get(1).physicalDimension());
        }
    }

    @Test
    void streamingTilesRealDataAndFinishesAtomically() throws Exception {
        Recording tile;
        try (EdfFile file = READER.open(TestData.file("eeg/eegmmidb_S001R01.edf"))) {
            tile = file.readAll();
        }
        EdfLayout layout = EdfLayout.fitting(tile).withAnnotations(List.of(Annotation.of(130.5, 0, "late")));
        float[][] rows = tile.samples();
        Path out = dir.resolve("tiled.edf");
        int repeats = 3;
        try (EdfWriter w = EdfWriter.create(out, layout)) {
            for (int k = 0; k < repeats; k++) {
                // odd block sizes cross record boundaries
                for (int from = 0; from < tile.sampleCount(); from += 777) {
                    w.append(rows, from, Math.min(777, tile.sampleCount() - from));
                }
            }
            assertFalse(Files.exists(out), "nothing at the target before finish()");
            w.finish();
            assertEquals(0, w.clippedSamples());
        }
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(out), files.toList(), "no temporary file left behind");
        }
        try (EdfFile file = READER.open(out)) {
            int n = tile.sampleCount();
            assertEquals((long) repeats * n, file.header().sampleCounts().get(0));
            Recording seam = file.read(ReadRequest.window(2L * n - 5, 10));
            for (int c = 0; c < tile.channelCount(); c++) {
                double step = layout.signals().get(c).quantisationStep();
                for (int i = 0; i < 10; i++) {
                    int source = (n - 5 + i) % n;
                    assertEquals(tile.sample(c, source), seam.sample(c, i), step * 1.0001);
                }
            }
            List<Annotation> events = file.header().annotations();
            assertEquals(1, events.size());
            assertEquals("late", events.get(0).description());
            assertEquals(130.5, events.get(0).onsetSeconds(), 1e-12);
        }
    }

    @Test
    void unfinishedOrPartialWritesLeaveTheTargetUntouched() throws Exception {
        Path out = dir.resolve("keep.edf");
        Files.writeString(out, "previous content");
        Channel cz = Channel.of("Cz", ChannelType.EEG, 100);
        EdfOutputSignal signal = EdfOutputSignal.fitting(cz, -1e-4, 1e-4, false);
        EdfLayout layout = EdfLayout.of(List.of(signal), 100, 100);
        try (EdfWriter w = EdfWriter.create(out, layout)) {
            w.append(new float[][] {new float[150]});
            SignalException partial = assertThrows(SignalException.class, w::finish);
            assertTrue(partial.getMessage().contains("whole data records"), partial.getMessage());
        }
        try (EdfWriter w = EdfWriter.create(out, layout)) {
            w.append(new float[][] {new float[200]});
        }
        assertEquals("previous content", Files.readString(out));
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(1, files.count());
        }
    }

    @Test
    void samplesOutsideTheRangeAreClippedAndCounted() throws Exception {
        Channel cz = Channel.of("Cz", ChannelType.EEG, 10);
        EdfLayout layout = EdfLayout.of(List.of(EdfOutputSignal.fitting(cz, -1e-4, 1e-4, false)), 10, 10);
        Path out = dir.resolve("clip.edf");
        float[] samples = new float[10];
        samples[3] = 5e-4f;
        samples[4] = -7e-4f;
        try (EdfWriter w = EdfWriter.create(out, layout)) {
            w.append(new float[][] {samples});
            w.finish();
            assertEquals(2, w.clippedSamples());
        }
        try (EdfFile file = READER.open(out)) {
            Recording r = file.readAll();
            assertEquals(1e-4f, r.sample(0, 3));
            assertEquals(-1e-4f, r.sample(0, 4));
        }
    }

    @Test
    void recordDurationsMustReadBackToTheExactRate() {
        assertEquals("1", EdfLayout.durationText(160, 160));
        assertEquals("9.59375", EdfLayout.durationText(1228, 128));
        assertEquals(null, EdfLayout.durationText(1, 3.0e-9));
        assertThrows(IllegalArgumentException.class, () -> EdfLayout.of(List.of(), 100, 100));
    }

    private static void assertAnnotationsEqual(List<Annotation> expected, List<Annotation> actual) {
        assertEquals(expected.size(), actual.size());
        for (int i = 0; i < expected.size(); i++) {
            assertEquals(expected.get(i).onsetSeconds(), actual.get(i).onsetSeconds(), 1e-9);
            assertEquals(expected.get(i).durationSeconds(), actual.get(i).durationSeconds(), 1e-12);
            assertEquals(expected.get(i).description(), actual.get(i).description());
        }
    }
}

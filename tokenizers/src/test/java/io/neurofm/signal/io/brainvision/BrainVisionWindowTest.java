package io.neurofm.signal.io.brainvision;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.neurofm.signal.Annotation;
import io.neurofm.signal.OpenOptions;
import io.neurofm.signal.ReadRequest;
import io.neurofm.signal.Recording;
import io.neurofm.signal.SignalException;
import io.neurofm.signal.SignalFile;
import io.neurofm.signal.TestData;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Windows and channel subsets, and every orientation and binary format against the same data. */
class BrainVisionWindowTest {
    @TempDir
    Path dir;

    private static Recording read(Path vhdr, ReadRequest request) throws IOException {
        try (SignalFile f = new BrainVisionReader().open(vhdr, OpenOptions.DEFAULT)) {
            return f.read(request);
        }
    }

    @Test
    void multiplexedWindowIsTheSliceOfTheWholeRead() throws IOException {
        Path vhdr = TestData.file("eeg/test.vhdr");
        Recording all = BrainVisionGoldenTest.readAll(vhdr);
        ReadRequest request = ReadRequest.window(1700, 1600).withChannels(List.of("Cz", "FP1", "ReRef"));
        Recording w = read(vhdr, request);
        assertWindow(all, w, 1700, 1600, List.of("Cz", "FP1", "ReRef"));
        // markers at samples 1769, 1779, 3252, 3262 fall in [1700, 3300)
        assertEquals(List.of("Event/254", "Stimulus/S255", "Event/254", "Stimulus/S255"),
                w.annotations().stream().map(Annotation::description).toList());
        assertEquals(69, w.annotations().get(0).onsetSample(w.samplingRate()));
        assertEquals(1.7, w.startSeconds(), 1e-12);
        assertEquals(all.startTime().plusMillis(1700), w.startTime());
        assertEquals("samples 1700..3300 (end exclusive)", w.provenance().get(0).parameters().get("window"));
        assertEquals("Cz,FP1,ReRef", w.provenance().get(0).parameters().get("channels"));
    }

    @Test
    void vectorizedWindowIsTheSliceOfTheWholeRead() throws IOException {
        Path vhdr = BrainVisionGoldenTest.resource("synthetic.vhdr");
        Recording all = BrainVisionGoldenTest.readAll(vhdr);
        Recording w = read(vhdr, ReadRequest.window(240, 759).withChannels(List.of("STI 014", "A,B")));
        assertWindow(all, w, 240, 759, List.of("STI 014", "A,B"));
        // Mk3 at position 250 is sample 249; Mk4 at position 1000 (sample 999) is just past the window
        assertEquals(List.of("Comment/a,b"), w.annotations().stream().map(Annotation::description).toList());
        assertEquals(9, w.annotations().get(0).onsetSample(w.samplingRate()));
    }

    @Test
    void windowsPastTheEndOrUnknownChannelsAreRefused() throws IOException {
        Path vhdr = TestData.file("eeg/test.vhdr");
        try (SignalFile f = new BrainVisionReader().open(vhdr, OpenOptions.DEFAULT)) {
            SignalException past = assertThrows(SignalException.class, () -> f.read(ReadRequest.window(7000, 901)));
            assertTrue(past.getMessage().contains("past the end"), past.getMessage());
            assertThrows(SignalException.class, () -> f.read(ReadRequest.window(7901, -1)));
            SignalException unknown = assertThrows(SignalException.class,
                    () -> f.read(ReadRequest.all().withChannels(List.of("Fp1"))));
            assertTrue(unknown.getMessage().contains("\"Fp1\""), unknown.getMessage());
            assertEquals(900, f.read(ReadRequest.window(7000, -1)).sampleCount());
            assertEquals(0, f.read(ReadRequest.window(7900, -1)).sampleCount());
        }
    }

    /**
     * test.eeg rewritten as VECTORIZED, as INT_32, as IEEE_FLOAT_32 and big-endian: every variant
     * holds the same numbers, so each must read back exactly as the original.
     */
    @Test
    void everyLayoutAndBinaryFormatDecodesTheSameSamples() throws IOException {
        Recording original = BrainVisionGoldenTest.readAll(TestData.file("eeg/test.vhdr"));
        short[][] counts = counts(Files.readAllBytes(TestData.file("eeg/test.eeg")), 32);
        int n = counts[0].length;
        record Variant(String orientation, String format, int bytes, ByteOrder order) {
        }
        List<Variant> variants = List.of(
                new Variant("VECTORIZED", "INT_16", 2, ByteOrder.LITTLE_ENDIAN),
                new Variant("MULTIPLEXED", "INT_32", 4, ByteOrder.LITTLE_ENDIAN),
                new Variant("VECTORIZED", "IEEE_FLOAT_32", 4, ByteOrder.LITTLE_ENDIAN),
                new Variant("MULTIPLEXED", "IEEE_FLOAT_32", 4, ByteOrder.BIG_ENDIAN));
        for (Variant v : variants) {
            Path sub = Files.createDirectories(dir.resolve(v.orientation() + v.format() + v.order()));
            BrainVisionCopy copy = new BrainVisionCopy(sub)
                    .editHeader("DataOrientation=MULTIPLEXED", "DataOrientation=" + v.orientation())
                    .editHeader("BinaryFormat=INT_16", "BinaryFormat=" + v.format()
                            + (v.order() == ByteOrder.BIG_ENDIAN ? "\nUseBigEndianOrder=YES" : ""));
            ByteBuffer out = ByteBuffer.allocate(32 * n * v.bytes()).order(v.order());
            boolean vectorized = v.orientation().equals("VECTORIZED");
            for (int i = 0; i < 32 * n; i++) {
                int c = vectorized ? i / n : i % 32;
                int t = vectorized ? i % n : i / 32;
                switch (v.format()) {
                    case "INT_16" -> out.putShort(counts[c][t]);
                    case "INT_32" -> out.putInt(counts[c][t]);
                    default -> out.putFloat(counts[c][t]);
                }
            }
            Files.write(copy.eeg, out.array());
            Recording r = BrainVisionGoldenTest.readAll(copy.vhdr);
            for (int c = 0; c < 32; c++) {
                assertArrayEquals(original.channelData(c), r.channelData(c), v + " channel " + c);
            }
            assertWindow(original, read(copy.vhdr, ReadRequest.window(3, 5000).withChannels(List.of("O2", "FP1"))),
                    3, 5000, List.of("O2", "FP1"));
        }
    }

    private static short[][] counts(byte[] bytes, int channels) {
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        int n = bytes.length / 2 / channels;
        short[][] out = new short[channels][n];
        for (int t = 0; t < n; t++) {
            for (int c = 0; c < channels; c++) {
                out[c][t] = b.getShort();
            }
        }
        return out;
    }

    private static void assertWindow(Recording all, Recording w, int start, int count, List<String> names) {
        assertEquals(names, w.channelNames());
        assertEquals(count, w.sampleCount());
        for (int k = 0; k < names.size(); k++) {
            float[] expected = new float[count];
            System.arraycopy(all.channelData(all.indexOf(names.get(k))), start, expected, 0, count);
            assertArrayEquals(expected, w.channelData(k), names.get(k));
            assertEquals(all.channel(all.indexOf(names.get(k))), w.channel(k));
        }
    }
}

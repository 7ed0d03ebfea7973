package io.neurofm.signal.io.npy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.neurofm.signal.Annotation;
import io.neurofm.signal.Channel;
import io.neurofm.signal.ChannelType;
import io.neurofm.signal.Golden;
import io.neurofm.signal.OpenOptions;
import io.neurofm.signal.Position;
import io.neurofm.signal.ReadRequest;
import io.neurofm.signal.Recording;
import io.neurofm.signal.RecordingIds;
import io.neurofm.signal.SignalException;
import io.neurofm.signal.SignalFile;
import io.neurofm.signal.SignalFormatException;
import io.neurofm.signal.Transform;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Recording -> OUT.npz + OUT.json -> Recording, windows, and bare arrays written by numpy. */
class NpzRecordingTest {
    @TempDir
    Path dir;

    static Recording sample() {
        Random random = new Random(7);
        int n = 3000;
        float[][] samples = new float[4][n];
        for (float[] row : samples) {
            for (int t = 0; t < n; t++) {
                row[t] = (float) (random.nextGaussian() * 1e-5);
            }
        }
        samples[3][5] = Float.MIN_VALUE;
        List<Channel> channels = List.of(
                new Channel("Fz", ChannelType.EEG, "V", 250, new Position(0.0, 0.0714, 0.0699)),
                new Channel("EOG,left", ChannelType.EOG, "V", 250, null),
                new Channel("MEG 0111", ChannelType.MEG_GRAD, "T/m", 250, new Position(-0.1, 1e-3, -2.5e-17)),
                new Channel("STI 014", ChannelType.STIM, "", 250, null));
        List<Annotation> events = List.of(Annotation.of(0.004, 0, "Stimulus/S  1"),
                new Annotation(1.5, 0.25, "T1 \"quoted\" ünïcode", OptionalInt.of(769)), Annotation.ofCode(11.996, 0, 0x0301));
        return new Recording(channels, samples, 250, events, new RecordingIds("01", null, "2", "rest"),
                Instant.parse("2013-11-13T16:14:03.794232Z"), 3.2,
                List.of(Transform.of("read", "file", "x.edf", "format", "EDF+"), Transform.of("highpass", "hz", 0.5)));
    }

    private static Recording read(Path file, OpenOptions options, ReadRequest request) throws IOException {
        try (SignalFile f = new NpzRecordingReader().open(file, options)) {
            return f.read(request);
        }
    }

    @Test
    void recordingRoundTripsExactly() throws IOException {
        Recording original = sample();
        for (boolean compressed : new boolean[] {false, true}) {
            Path out = dir.resolve("out" + compressed + ".npz");
            NpzRecordingWriter.write(original, out, compressed);
            assertTrue(Files.isRegularFile(dir.resolve("out" + compressed + ".json")));
            Recording back = read(out, OpenOptions.DEFAULT, ReadRequest.all());
            assertEquals(original.channels(), back.channels());
            for (int c = 0; c < original.channelCount(); c++) {
                assertArrayEquals(original.channelData(c), back.channelData(c));
            }
            assertEquals(original.samplingRate(), back.samplingRate());
            assertEquals(original.annotations(), back.annotations());
            assertEquals(original.ids(), back.ids());
            assertEquals(original.startTime(), back.startTime());
            assertEquals(original.startSeconds(), back.startSeconds());
            List<Transform> expected = new ArrayList<>(original.provenance());
            expected.add(Transform.of("read", "file", out.getFileName().toString(), "format", "NPZ"));
            assertEquals(expected, back.provenance(), "history from the sidecar, then this read");
            assertEquals(List.of("data"), List.copyOf(Npz.read(out).keySet()));
            assertEquals(NpyDtype.FLOAT32, Npz.read(out).get("data").dtype());
        }
    }

    @Test
    void windowsAreSlicesForStoredAndDeflatedArchives() throws IOException {
        Recording original = sample();
        for (boolean compressed : new boolean[] {false, true}) {
            Path out = dir.resolve("w" + compressed + ".npz");
            NpzRecordingWriter.write(original, out, compressed);
            Recording w = read(out, OpenOptions.DEFAULT,
                    ReadRequest.window(370, 2500).withChannels(List.of("STI 014", "Fz")));
            assertEquals(List.of("STI 014", "Fz"), w.channelNames());
            for (int k = 0; k < 2; k++) {
                float[] all = original.channelData(original.indexOf(w.channelNames().get(k)));
                float[] expected = new float[2500];
                System.arraycopy(all, 370, expected, 0, 2500);
                assertArrayEquals(expected, w.channelData(k));
            }
            assertEquals(List.of(new Annotation(1.5 - 370 / 250.0, 0.25, "T1 \"quoted\" ünïcode", OptionalInt.of(769))),
                    w.annotations());
            assertEquals(3.2 + 370 / 250.0, w.startSeconds(), 1e-12);
            assertEquals(original.startTime().plusMillis(1480), w.startTime());
            assertThrows(SignalException.class, () -> read(out, OpenOptions.DEFAULT, ReadRequest.window(2999, 2)));
        }
    }

    @Test
    void bareNumpyArchiveNeedsARateAndGetsMiscChannels() throws IOException {
        Path file = NpyGoldenTest.resource("bare_recording.npz");
        SignalException e = assertThrows(SignalException.class,
                () -> new NpzRecordingReader().open(file, OpenOptions.DEFAULT));
        assertTrue(e.getMessage().contains("OpenOptions.withSamplingRate"), e.getMessage());
        Recording r = read(file, OpenOptions.withSamplingRate(200), ReadRequest.all());
        assertEquals(List.of("ch0", "ch1", "ch2"), r.channelNames());
        r.channels().forEach(c -> assertEquals(ChannelType.MISC, c.type()));
        assertEquals(200, r.samplingRate());
        Golden.assertMatches(Golden.load("npy_arrays").get("bare_recording"), r.samples(), 1e-12);
        assertEquals(List.of(Transform.of("read", "file", "bare_recording.npz", "format", "NPZ")), r.provenance());
    }

    @Test
    void bareFortranOrderFloat64NpyWindow() throws IOException {
        Path file = NpyGoldenTest.resource("bare_recording_fortran.npy");
        Recording all = read(file, OpenOptions.withSamplingRate(200), ReadRequest.all());
        Golden.assertMatches(Golden.load("npy_arrays").get("bare_recording"), all.samples(), 1e-12);
        Recording w = read(file, OpenOptions.withSamplingRate(200), ReadRequest.window(100, 50)
                .withChannels(List.of("ch2", "ch0")));
        for (int k = 0; k < 2; k++) {
            float[] expected = new float[50];
            System.arraycopy(all.channelData(all.indexOf(w.channelNames().get(k))), 100, expected, 0, 50);
            assertArrayEquals(expected, w.channelData(k));
        }
    }

    @Test
    void sidecarProblemsAreNamed() throws IOException {
        Path out = dir.resolve("s.npz");
        NpzRecordingWriter.write(sample(), out);
        Path json = dir.resolve("s.json");
        String good = Files.readString(json);

        SignalException rate = assertThrows(SignalException.class,
                () -> new NpzRecordingReader().open(out, OpenOptions.withSamplingRate(100)));
        assertTrue(rate.getMessage().contains("250.0 Hz"), rate.getMessage());

        Files.writeString(json, good.replace("\"EOG\"", "\"EYE\""));
        assertSidecarError(out, "channels[1].type");
        Files.writeString(json, good.replaceFirst("\\{\\s*\"name\" : \"Fz\"[^}]*}[^}]*}\\s*,", ""));
        assertSidecarError(out, "channels", "4 channels");
        Files.writeString(json, good.replace("\"samplingRate\" : 250.0", "\"samplingRate\" : -1"));
        assertSidecarError(out, "samplingRate");
        Files.writeString(json, good.replace("\"formatVersion\" : 1", "\"formatVersion\" : 9"));
        assertSidecarError(out, "formatVersion");
        Files.writeString(json, good.substring(0, good.length() / 2));
        assertSidecarError(out, "JSON at line");
        Files.writeString(json, good.replace("\"2013-11-13T16:14:03.794232Z\"", "\"yesterday\""));
        assertSidecarError(out, "startTime");
        Files.writeString(json, good.replace("\"duration\" : 0.25", "\"duration\" : -0.25"));
        assertSidecarError(out, "events[1]");
    }

    private static void assertSidecarError(Path npz, String... mentions) {
        SignalFormatException e = assertThrows(SignalFormatException.class,
                () -> new NpzRecordingReader().open(npz, OpenOptions.DEFAULT));
        for (String m : mentions) {
            assertTrue(e.getMessage().contains(m), "should mention " + m + ": " + e.getMessage());
        }
        assertTrue(e.getMessage().contains("s.json"), e.getMessage());
    }
}

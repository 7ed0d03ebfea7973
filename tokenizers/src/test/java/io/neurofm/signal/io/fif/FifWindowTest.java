package io.neurofm.signal.io.fif;

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
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Windowed reads: same samples as the full read, only the bytes the window needs, ends refused. */
class FifWindowTest {

    @ParameterizedTest
    @ValueSource(strings = {"fixture_int_raw.fif", "fixture_skip_raw.fif", "fixture_double_nodate_raw.fif"})
    void windowsEqualSlicesOfTheFullRead(String name) throws IOException {
        windowsEqualSlices(FifTestFiles.fixture(name));
    }

    @Test
    void windowsOfTheSharedFilesEqualSlicesOfTheFullRead() throws IOException {
        windowsEqualSlices(FifTestFiles.shared(FifTestFiles.EEG));
        windowsEqualSlices(FifTestFiles.shared(FifTestFiles.MEG));
    }

    private static void windowsEqualSlices(Path file) throws IOException {
        try (SignalFile f = new FifReader().open(file, OpenOptions.DEFAULT)) {
            Recording all = f.readAll();
            int n = all.sampleCount();
            List<String> names = all.channelNames();
            Random rng = new Random(7);
            for (int i = 0; i < 25; i++) {
                int start = rng.nextInt(n);
                int count = rng.nextInt(n - start + 1);
                List<String> subset = List.of(names.get(rng.nextInt(names.size())), names.get(0));
                Recording w = f.read(ReadRequest.window(start, count).withChannels(subset));
                assertEquals(count, w.sampleCount());
                assertEquals(start / all.samplingRate(), w.startSeconds());
                for (int c = 0; c < subset.size(); c++) {
                    float[] expected = Arrays.copyOfRange(all.channelData(all.indexOf(subset.get(c))),
                            start, start + count);
                    assertArrayEquals(expected, w.channelData(c), file.getFileName() + " window " + start + "+"
                            + count + " channel " + subset.get(c));
                }
            }
        }
    }

    @Test
    void windowKeepsAndShiftsTheAnnotationsInsideIt() throws IOException {
        // fixture annotations (golden): 0.25 s +0.1 "Stimulus/S  1", 1.0 s "Comment: ok", 1.5 s +0.3 "BAD span"
        try (SignalFile f = new FifReader().open(FifTestFiles.fixture("fixture_int_raw.fif"), OpenOptions.DEFAULT)) {
            Recording w = f.read(ReadRequest.window(300, 1000)); // 0.3 s .. 1.3 s at 1000 Hz
            List<Annotation> a = w.annotations();
            assertEquals(2, a.size(), a.toString());
            assertEquals("Stimulus/S  1", a.get(0).description());
            assertEquals(0.0, a.get(0).onsetSeconds(), 1e-9, "clipped to the window start");
            assertEquals(0.35 - 0.3, a.get(0).durationSeconds(), 1e-6);
            assertEquals("Comment: ok", a.get(1).description());
            assertEquals(0.7, a.get(1).onsetSeconds(), 1e-6);
            assertEquals(f.header().startTime().plus(Duration.ofMillis(300)), w.startTime());
            assertEquals("300..1300", w.provenance().get(0).parameters().get("window"));
        }
    }

    @Test
    void windowsPastTheEndAndUnknownChannelsAreRefused() throws IOException {
        try (SignalFile f = new FifReader().open(FifTestFiles.shared(FifTestFiles.EEG), OpenOptions.DEFAULT)) {
            long n = f.header().sampleCounts().get(0);
            assertThrows(SignalException.class, () -> f.read(ReadRequest.window(n - 10, 11)));
            assertThrows(SignalException.class, () -> f.read(ReadRequest.window(n + 1, -1)));
            assertEquals(0, f.read(ReadRequest.window(n, 0)).sampleCount());
            assertEquals(10, f.read(ReadRequest.window(n - 10, -1)).sampleCount());
            SignalException e = assertThrows(SignalException.class,
                    () -> f.read(ReadRequest.all().withChannels(List.of("EEG 001", "Cz"))));
            assertTrue(e.getMessage().contains("\"Cz\""), e.getMessage());
        }
    }

    /** Counts the bytes a reader asks for. */
    private static final class CountingSource implements ByteSource {
        private final ByteSource inner;
        long bytes;

        CountingSource(ByteSource inner) {
            this.inner = inner;
        }

        @Override
        public long length() {
            return inner.length();
        }

        @Override
        public void read(long pos, byte[] dst, int off, int len) throws IOException {
            bytes += len;
            inner.read(pos, dst, off, len);
        }

        @Override
        public void close() throws IOException {
            inner.close();
        }
    }

    @Test
    void openReadsNoSamplesAndAWindowReadsOnlyItsRows() throws IOException {
        Path file = FifTestFiles.shared(FifTestFiles.EEG); // 33 channels, int16, buffers of 2000 samples
        long fileBytes = Files.size(file);
        CountingSource source = new CountingSource(new FileByteSource(file));
        try (FifFile f = FifReader.parse(file, source, false)) {
            long onOpen = source.bytes;
            // the four data buffers hold 33 * 7900 * 2 bytes; open reads tag headers around them only
            long dataBytes = 33L * 7900 * 2;
            assertTrue(onOpen < (fileBytes - dataBytes) + 4 * 16 + 1024, "open read " + onOpen + " bytes");
            source.bytes = 0;
            f.read(ReadRequest.window(2100, 100).withChannels(List.of("EEG 005")));
            assertEquals(100L * 33 * 2, source.bytes, "a 100-sample window inside one buffer reads 100 rows");
            source.bytes = 0;
            f.read(ReadRequest.window(1990, 20));
            assertEquals(20L * 33 * 2, source.bytes, "a window across a buffer boundary reads its 20 rows");
        }
    }
}

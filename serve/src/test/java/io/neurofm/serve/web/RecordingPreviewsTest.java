package io.neurofm.serve.web;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.neurofm.signal.Annotation;
import io.neurofm.signal.OpenOptions;
import io.neurofm.signal.Readers;
import io.neurofm.signal.Recording;
import io.neurofm.signal.RecordingHeader;
import io.neurofm.signal.SignalException;
import io.neurofm.signal.SignalFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecordingPreviewsTest {
    static final Path EDF = SharedData.file("eeg/eegmmidb_S001R01.edf");

    @Test
    void edfExcerptIsTheFilesSamplesMinMaxDecimated() throws IOException {
        Recording full = Readers.read(EDF, OpenOptions.DEFAULT);
        RecordingPreview p = RecordingPreviews.preview(EDF, "S001R01.edf",
                new RecordingPreviews.Request(0, 10, 1000, 64));
        assertEquals("S001R01.edf", p.file());
        assertEquals(full.channelNames(), p.channels().stream().map(RecordingPreview.PreviewChannel::name).toList());
        assertEquals(full.samplingRate(), p.samplingRate());
        assertEquals(full.durationSeconds(), p.durationSeconds(), 1e-9);
        // 10 s at 160 Hz = 1600 samples into <= 1000 points: buckets of 4, 2 points each.
        assertEquals(4, p.bucket());
        assertEquals(2 * 160.0 / 4, p.pointRate());
        assertEquals(10.0, p.seconds(), 1e-9);
        for (int c = 0; c < full.channelCount(); c++) {
            float[] x = full.channelData(c);
            assertEquals(800, p.data()[c].length);
            for (int b = 0; b < 400; b++) {
                float[] bucket = Arrays.copyOfRange(x, 4 * b, 4 * b + 4);
                float lo = Float.POSITIVE_INFINITY;
                float hi = Float.NEGATIVE_INFINITY;
                for (float v : bucket) {
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                }
                float[] pair = {p.data()[c][2 * b], p.data()[c][2 * b + 1]};
                Arrays.sort(pair);
                assertArrayEquals(new float[] {lo, hi}, pair, "channel " + c + " bucket " + b);
            }
        }
        assertTrue(p.skipped().isEmpty());
        assertEquals(0, p.omittedChannels());
    }

    @Test
    void aLaterUndecimatedWindowEqualsTheFileAndCarriesItsAnnotations() throws IOException {
        Recording full = Readers.read(EDF, OpenOptions.DEFAULT);
        RecordingPreview p = RecordingPreviews.preview(EDF, "x.edf", new RecordingPreviews.Request(5, 1, 5000, 3));
        assertEquals(1, p.bucket());
        assertEquals(5.0, p.startSeconds());
        assertEquals(3, p.channels().size());
        assertEquals(61, p.omittedChannels());
        for (int c = 0; c < 3; c++) {
            assertArrayEquals(Arrays.copyOfRange(full.channelData(c), 800, 960), p.data()[c]);
        }
        for (Annotation a : full.annotations()) {
            boolean overlaps = a.onsetSeconds() < 6 && a.onsetSeconds() + a.durationSeconds() >= 5;
            assertEquals(overlaps, p.annotations().stream().anyMatch(x -> x.onset() == a.onsetSeconds()
                    && x.description().equals(a.description())), a.toString());
        }
    }

    @Test
    void theExcerptIsCutAtTheEnd() throws IOException {
        double duration = Readers.read(EDF, OpenOptions.DEFAULT).durationSeconds();
        RecordingPreview p = RecordingPreviews.preview(EDF, "x.edf",
                new RecordingPreviews.Request(duration - 1, 10, 1000, 1));
        assertEquals(1.0, p.seconds(), 1e-9);
        PreviewFieldCheck.assertField("start", () -> RecordingPreviews.preview(EDF, "x.edf",
                new RecordingPreviews.Request(duration, 1, 1000, 1)));
    }

    @Test
    void channelsAtOtherRatesAreListedNotPlotted() throws IOException {
        Path file = SharedData.file("eeg/test_uneven_samp.edf");
        RecordingHeader header;
        try (SignalFile f = Readers.open(file, OpenOptions.DEFAULT)) {
            header = f.header();
        }
        assertFalse(header.hasUniformRate(), "the fixture mixes rates");
        RecordingPreview p = RecordingPreviews.preview(file, "u.edf", new RecordingPreviews.Request(0, 1, 1000, 64));
        assertEquals(header.channelCount(), p.channels().size() + p.skipped().size());
        for (RecordingPreview.SkippedChannel s : p.skipped()) {
            assertEquals(header.channels().get(header.indexOf(s.name())).samplingRate(), s.samplingRate());
            assertTrue(s.samplingRate() != p.samplingRate());
        }
        List<String> shown = Readers.channelsAtRate(header, p.samplingRate());
        assertEquals(shown, p.channels().stream().map(RecordingPreview.PreviewChannel::name).toList());
    }

    @Test
    void badParametersNameTheirField() {
        PreviewFieldCheck.assertField("seconds", () -> new RecordingPreviews.Request(0, 0, 1000, 1));
        PreviewFieldCheck.assertField("seconds", () -> new RecordingPreviews.Request(0, 61, 1000, 1));
        PreviewFieldCheck.assertField("start", () -> new RecordingPreviews.Request(-1, 1, 1000, 1));
        PreviewFieldCheck.assertField("start", () -> new RecordingPreviews.Request(Double.NaN, 1, 1000, 1));
        PreviewFieldCheck.assertField("points", () -> new RecordingPreviews.Request(0, 1, 1, 1));
        PreviewFieldCheck.assertField("channels", () -> new RecordingPreviews.Request(0, 1, 100, 0));
    }

    @Test
    void aTruncatedFileIsASignalException(@TempDir Path dir) throws IOException {
        byte[] bytes = Files.readAllBytes(EDF);
        Path cut = dir.resolve("cut.edf");
        Files.write(cut, Arrays.copyOf(bytes, 300));
        assertThrows(SignalException.class, () -> RecordingPreviews.preview(cut, "cut.edf",
                new RecordingPreviews.Request(0, 1, 100, 4)));
    }

    /** Runs a preview or request construction that must fail naming {@code field}. */
    static final class PreviewFieldCheck {
        interface Action {
            Object run() throws IOException;
        }

        static void assertField(String field, Action action) {
            RecordingPreviews.PreviewException e = assertThrows(RecordingPreviews.PreviewException.class,
                    action::run);
            assertEquals(field, e.field(), e.getMessage());
        }
    }
}

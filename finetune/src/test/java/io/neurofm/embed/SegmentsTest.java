package io.neurofm.embed;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.neurofm.artifact.Artifact;
import io.neurofm.inference.EmbeddingModel;
import io.neurofm.inference.EmbeddingModels;
import io.neurofm.inference.PreparedWindow;
import io.neurofm.signal.Annotation;
import io.neurofm.signal.Recording;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SegmentsTest {
    @TempDir
    static Path dir;
    static EmbeddingModel model;

    @BeforeAll
    static void load() throws IOException {
        try (Artifact a = Artifact.open(TinyArtifacts.deeperBrain(dir, 1))) {
            model = EmbeddingModels.load(a, "db:1", null);
        }
    }

    @AfterAll
    static void close() {
        model.close();
    }

    static Map<String, String> events() {
        Map<String, String> events = new LinkedHashMap<>();
        events.put("0x0301", "left");
        events.put("0x0302", "right");
        return events;
    }

    @Test
    void grazEpochsAreCutFromThePreparedRecordingAtTheModelsRate() throws IOException {
        Recording graz = InputFiles.load(TinyArtifacts.graz(), TinyArtifacts.grazMap());
        Segments s = Segments.cut(model, graz, Segmentation.epochs(events(), 0.5, 3.5));
        assertEquals(40, s.size(), "20 left + 20 right cues, all inside the recording");
        assertEquals(List.of("C3", "Cz", "C4"), s.channels(), "the map's ECG channel is not EEG, so left out");
        assertEquals(601, s.windows().get(0).sampleCount(), "0.5..3.5 s inclusive at 200 Hz");
        s.windows().get(0).positions().forEach(p -> assertNotNull(p, "mapped names have 10-20 positions"));
        assertEquals(20, s.labels().stream().filter("left"::equals).count());
        // The first cue's epoch is samples round(onset*200)+100 .. +700 of the prepared recording.
        Recording prepared = model.prepareRecording(graz);
        Annotation first = graz.annotations().stream().filter(a -> events().containsKey(a.description()))
                .findFirst().orElseThrow();
        int from = (int) Math.rint(first.onsetSeconds() * 200) + 100;
        PreparedWindow w = s.windows().get(0);
        for (int c = 0; c < 3; c++) {
            float[] expected = java.util.Arrays.copyOfRange(prepared.channelData(c), from, from + 601);
            assertArrayEquals(expected, w.samples()[c]);
        }
        assertEquals(from / 200.0, w.startSeconds(), 1e-12);
        assertEquals(events().get(first.description()), s.labels().get(0));
    }

    @Test
    void withoutAMapEveryChannelIsUsedWithUnknownPositions() throws IOException {
        Recording graz = InputFiles.load(TinyArtifacts.graz(), null);
        Segments s = Segments.cut(model, graz, Segmentation.epochs(events(), 0.5, 3.5));
        assertEquals(List.of("Channel 1", "Channel 2", "Channel 3", "Channel 5"), s.channels());
        s.windows().get(0).positions().forEach(p -> assertNull(p));
        float[][] e = model.embed(s.windows().subList(0, 2), "mean");
        for (float v : e[1]) {
            assertTrue(Float.isFinite(v), "positions unknown must still embed");
        }
    }

    @Test
    void unlabelledEventsKeepTheirDescriptionAndWindowsMatchTheModels() throws IOException {
        Recording graz = InputFiles.load(TinyArtifacts.graz(), TinyArtifacts.grazMap());
        Map<String, String> unlabelled = new LinkedHashMap<>();
        unlabelled.put("0x0301", null);
        Segments e = Segments.cut(model, graz, Segmentation.epochs(unlabelled, 0.5, 3.5));
        assertEquals(20, e.size());
        e.labels().forEach(l -> assertEquals("0x0301", l));
        Segments w = Segments.cut(model, graz, Segmentation.windows(1.0));
        List<PreparedWindow> direct = model.windows(graz, 200);
        assertEquals(direct.size(), w.size());
        assertEquals(1.0, w.windows().get(1).startSeconds() - w.windows().get(0).startSeconds(), 1e-12);
        assertArrayEquals(direct.get(3).samples()[1], w.windows().get(3).samples()[1]);
        w.labels().forEach(l -> assertEquals("", l));
    }
}

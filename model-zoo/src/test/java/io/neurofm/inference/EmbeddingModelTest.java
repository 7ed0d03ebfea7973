package io.neurofm.inference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.neurofm.artifact.Artifact;
import io.neurofm.signal.Recording;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddingModelTest {
    @TempDir
    static Path dir;
    static EmbeddingModel deeperBrain;
    static EmbeddingModel megGpt;

    @BeforeAll
    static void load() throws IOException {
        try (Artifact a = Artifact.open(InferenceFixtures.deeperBrain(dir, 3))) {
            deeperBrain = EmbeddingModels.load(a, "db:1", null);
        }
        try (Artifact a = Artifact.open(InferenceFixtures.megGpt(dir, 4))) {
            megGpt = EmbeddingModels.load(a, "mg:1", null);
        }
    }

    @AfterAll
    static void close() {
        deeperBrain.close();
        megGpt.close();
    }

    @Test
    void deeperBrainWindowIsResampledAndEmbeddedWithEveryPooling() throws IOException {
        Recording r = InferenceFixtures.recording();
        // 2 s at 160 Hz -> 400 samples at 200 Hz = 2 patches of 200.
        PreparedWindow w = deeperBrain.prepare(InferenceFixtures.window(r, 8, 5, 1600, 320));
        assertEquals(400, w.sampleCount());
        assertEquals(List.of("C3", "C1", "Cz", "C2", "C4"), w.channels(), "EDF spellings (\"C3..\") normalised");
        w.positions().forEach(p -> assertNotNull(p, "10-05 positions are looked up by name"));
        ModelDescription d = deeperBrain.description();
        assertEquals(64, deeperBrain.embed(List.of(w), "mean")[0].length);
        assertEquals(2 * 64, deeperBrain.embed(List.of(w), "power")[0].length);
        assertEquals(5 * 64, deeperBrain.embed(List.of(w), "flatten")[0].length);
        assertEquals(64, deeperBrain.embed(List.of(w), null)[0].length, "default pooling is " + d.defaultPooling());
        for (float v : deeperBrain.embed(List.of(w), "power")[0]) {
            assertTrue(Float.isFinite(v));
        }
    }

    @Test
    void unknownNamesGetUnknownPositionsAndStillEmbed() {
        float[][] data = new float[2][400];
        for (int t = 0; t < 400; t++) {
            data[0][t] = (float) (1e-5 * Math.sin(t * 0.3));
            data[1][t] = (float) (2e-5 * Math.cos(t * 0.11));
        }
        PreparedWindow w = deeperBrain.prepare(new SignalWindow(data, List.of("Channel 1", "Channel 2"), 200, null));
        assertNull(w.positions().get(0));
        assertEquals(64, deeperBrain.embed(List.of(w), "mean")[0].length);
    }

    @Test
    void batchedEmbeddingsEqualOneAtATime() throws IOException {
        Recording r = InferenceFixtures.recording();
        List<PreparedWindow> windows = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            windows.add(deeperBrain.prepare(InferenceFixtures.window(r, 0, 4, 1000 + 320 * i, 320)));
        }
        // A window of another shape in the middle goes into its own batch and keeps its place.
        windows.add(2, deeperBrain.prepare(InferenceFixtures.window(r, 10, 3, 5000, 480)));
        float[][] batched = deeperBrain.embed(windows, "power");
        for (int i = 0; i < windows.size(); i++) {
            float[] single = deeperBrain.embed(List.of(windows.get(i)), "power")[0];
            assertArrayEquals(single, batched[i], 1e-5f, "window " + i);
        }
    }

    @Test
    void recordingWindowsMatchTheRecordingCut() throws IOException {
        Recording r = InferenceFixtures.recording();
        List<PreparedWindow> windows = deeperBrain.windows(r, 0);
        // Resampled to 200 Hz, cut into 400-sample windows; a trailing part is dropped.
        int n = deeperBrain.prepareRecording(r).sampleCount();
        int expected = n / 400;
        assertEquals(expected, windows.size());
        assertEquals(64, windows.get(0).channels().size());
        assertEquals(2.0, windows.get(1).startSeconds(), 1e-9);
        assertEquals((n - 400) / 200 + 1, deeperBrain.windows(r, 200).size());
    }

    /**
     * Sequences are per-step channel means, so their mean over steps is the "mean" pooling (mean
     * over all tokens; every channel has the same number of steps), and the last step of MEG-GPT's
     * sequence is its "last" pooling.
     */
    @Test
    void sequencesAverageToTheMeanPoolingAndHaveOneStepPerSampleOrPatch() throws IOException {
        Recording r = InferenceFixtures.recording();
        List<PreparedWindow> db = List.of(deeperBrain.prepare(InferenceFixtures.window(r, 8, 5, 1600, 320)),
                deeperBrain.prepare(InferenceFixtures.window(r, 8, 5, 3200, 320)));
        List<PreparedWindow> mg = List.of(megGpt.prepare(InferenceFixtures.window(r, 0, 4, 0, 160)),
                megGpt.prepare(InferenceFixtures.window(r, 0, 4, 640, 160)));
        float[][][] dbSeq = deeperBrain.embedSequence(db);
        float[][][] mgSeq = megGpt.embedSequence(mg);
        assertEquals(2, dbSeq.length);
        assertEquals(2, dbSeq[0].length, "400 samples = 2 patches of 200");
        assertEquals(64, dbSeq[0][0].length);
        assertEquals(128, mgSeq[0].length, "one step per sample");
        assertEquals(64, mgSeq[0][0].length);
        float[][] dbMean = deeperBrain.embed(db, "mean");
        float[][] mgMean = megGpt.embed(mg, "mean");
        float[][] mgLast = megGpt.embed(mg, "last");
        for (int i = 0; i < 2; i++) {
            assertArrayEquals(dbMean[i], timeMean(dbSeq[i]), 1e-5f);
            assertArrayEquals(mgMean[i], timeMean(mgSeq[i]), 1e-5f);
            assertArrayEquals(mgLast[i], mgSeq[i][127], 1e-5f);
        }
    }

    private static float[] timeMean(float[][] sequence) {
        float[] mean = new float[sequence[0].length];
        for (float[] step : sequence) {
            for (int j = 0; j < mean.length; j++) {
                mean[j] += step[j] / sequence.length;
            }
        }
        return mean;
    }

    @Test
    void megGptMatchesTheTableSpellingAndPools() throws IOException {
        Recording r = InferenceFixtures.recording();
        // The client says "FC5"; the table (from the EDF) says "Fc5.".
        SignalWindow raw = InferenceFixtures.window(r, 0, 4, 0, 160);
        List<String> normalised = List.of("FC5", "FC3", "FC1", "FCz");
        SignalWindow renamed = new SignalWindow(raw.data(), normalised, 160, null);
        PreparedWindow w = megGpt.prepare(renamed);
        assertEquals(r.channelNames().subList(0, 4), w.channels());
        assertEquals(128, w.sampleCount());
        assertEquals(64, megGpt.embed(List.of(w), "mean")[0].length);
        assertEquals(64, megGpt.embed(List.of(w), "last")[0].length);
        assertEquals(4 * 64, megGpt.embed(List.of(w), "flatten")[0].length);
        assertArrayEquals(megGpt.embed(List.of(megGpt.prepare(raw)), "mean")[0], megGpt.embed(List.of(w), "mean")[0]);
    }

    @Test
    void clientWindowEqualsTheFileWindowWhenNoResamplingOrFilterIntervenes() throws IOException {
        Recording r = InferenceFixtures.recording();
        Recording at128 = megGpt.prepareRecording(r);
        PreparedWindow fromFile = megGpt.windows(r, 0).get(3);
        float[][] data = new float[at128.channelCount()][128];
        for (int c = 0; c < data.length; c++) {
            System.arraycopy(at128.channelData(c), 3 * 128, data[c], 0, 128);
        }
        PreparedWindow fromClient = megGpt.prepare(new SignalWindow(data, at128.channelNames(), 128, null));
        assertArrayEquals(megGpt.embed(List.of(fromFile), "mean")[0], megGpt.embed(List.of(fromClient), "mean")[0],
                1e-6f);
    }

    @Test
    void badInputNamesTheField() throws IOException {
        Recording r = InferenceFixtures.recording();
        SignalWindow good = InferenceFixtures.window(r, 0, 2, 0, 160);
        InvalidInputException unknown = assertThrows(InvalidInputException.class, () -> megGpt.prepare(
                new SignalWindow(good.data(), List.of("FC5", "Pz9x"), 160, null)));
        assertEquals("channels", unknown.field());
        assertTrue(unknown.getMessage().contains("Pz9x"), unknown.getMessage());
        InvalidInputException tooLong = assertThrows(InvalidInputException.class, () -> megGpt.prepare(
                InferenceFixtures.window(r, 0, 2, 0, 1600)));
        assertTrue(tooLong.getMessage().contains("at most 128"), tooLong.getMessage());
        InvalidInputException tooShort = assertThrows(InvalidInputException.class, () -> deeperBrain.prepare(
                InferenceFixtures.window(r, 0, 2, 0, 100)));
        assertTrue(tooShort.getMessage().contains("at least one patch of 200"), tooShort.getMessage());
        InvalidInputException pooling = assertThrows(InvalidInputException.class,
                () -> deeperBrain.embed(List.of(deeperBrain.prepare(InferenceFixtures.window(r, 0, 2, 0, 320))), "cls"));
        assertEquals("pooling", pooling.field());
        float[][] nan = {{1f, Float.NaN}};
        assertEquals("data[0][1]", assertThrows(InvalidInputException.class,
                () -> new SignalWindow(nan, List.of("Cz"), 200, null)).field());
        assertEquals("sfreq", assertThrows(InvalidInputException.class,
                () -> new SignalWindow(new float[][] {{1f}}, List.of("Cz"), -5, null)).field());
        assertEquals("channels", assertThrows(InvalidInputException.class,
                () -> new SignalWindow(new float[][] {{1f}}, List.of("Cz", "Pz"), 200, null)).field());
    }
}

package io.neurofm.inference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.neurofm.artifact.Artifact;
import io.neurofm.signal.Recording;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RandomInitTest {
    @Test
    void theTwinHasTheArtifactsShapeAndFreshSeededWeights(@TempDir Path dir) throws Exception {
        Recording r = InferenceFixtures.recording();
        List<PreparedWindow> windows;
        float[] trained;
        float[] twinA;
        float[] twinAgain;
        float[] twinB;
        try (Artifact a = Artifact.open(InferenceFixtures.deeperBrain(dir, 5));
             EmbeddingModel model = EmbeddingModels.load(a, "db:1", null);
             EmbeddingModel twin = EmbeddingModels.loadRandomInit(a, "db:1", 11, null);
             EmbeddingModel again = EmbeddingModels.loadRandomInit(a, "db:1", 11, null);
             EmbeddingModel other = EmbeddingModels.loadRandomInit(a, "db:1", 12, null)) {
            windows = model.windows(r, 0).subList(0, 2);
            List<PreparedWindow> twinWindows = twin.windows(r, 0).subList(0, 2);
            assertArrayEquals(windows.get(1).samples()[3], twinWindows.get(1).samples()[3], "same preprocessing");
            assertEquals(model.description().windowSamples(), twin.description().windowSamples());
            assertEquals(model.description().dimensions(), twin.description().dimensions());
            assertTrue(twin.description().reference().contains("random init, seed 11"), twin.description().reference());
            trained = model.embed(windows, "mean")[1];
            twinA = twin.embed(windows, "mean")[1];
            twinAgain = again.embed(windows, "mean")[1];
            twinB = other.embed(windows, "mean")[1];
        }
        // The fixture's own weights came from seed 5; the twins' from 11 and 12.
        assertFalse(Arrays.equals(trained, twinA), "the twin does not carry the artifact's weights");
        assertArrayEquals(twinA, twinAgain, "one seed, one set of weights");
        assertFalse(Arrays.equals(twinA, twinB), "another seed, other weights");
    }

    @Test
    void aTwinSeededLikeTheArtifactReproducesIt(@TempDir Path dir) throws Exception {
        Recording r = InferenceFixtures.recording();
        try (Artifact a = Artifact.open(InferenceFixtures.deeperBrain(dir, 5));
             EmbeddingModel model = EmbeddingModels.load(a, "db:1", null);
             EmbeddingModel twin = EmbeddingModels.loadRandomInit(a, "db:1", 5, null)) {
            List<PreparedWindow> w = model.windows(r, 0).subList(0, 1);
            // The fixture artifact is itself an initialisation with seed 5, so the twin's weights equal it:
            // the twin is built by the family's own initialisers, not by some other random scheme.
            assertArrayEquals(model.embed(w, "power")[0], twin.embed(w, "power")[0], 1e-6f);
        }
    }

    @Test
    void slicesOfThePreparedRecordingEqualItsWindows(@TempDir Path dir) throws Exception {
        Recording r = InferenceFixtures.recording();
        try (Artifact a = Artifact.open(InferenceFixtures.deeperBrain(dir, 5));
             EmbeddingModel model = EmbeddingModels.load(a, "db:1", null)) {
            List<PreparedWindow> windows = model.windows(r, 100);
            List<PreparedWindow> slices = PreparedWindow.slices(model.prepareRecording(r), List.of(0, 300), 400);
            assertEquals(windows.get(3).startSeconds(), slices.get(1).startSeconds(), 1e-12);
            assertEquals(windows.get(3).positions(), slices.get(1).positions());
            for (int c = 0; c < 64; c++) {
                assertArrayEquals(windows.get(3).samples()[c], slices.get(1).samples()[c]);
                assertArrayEquals(windows.get(0).samples()[c], slices.get(0).samples()[c]);
            }
        }
    }
}

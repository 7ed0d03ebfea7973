package io.neurofm.inference;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.neurofm.artifact.Artifact;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A forward pass must free every native array it creates: the model's own manager may hold only
 * the weights. A pass that leaves arrays behind grows the manager's map and native memory on every
 * request and slows each later pass (found in the serving benchmark: ~5 arrays per pass).
 */
class ForwardLeakTest {
    @TempDir
    static Path dir;

    static int arraysOn(EmbeddingModel model) {
        return ((PreparingEmbeddingModel) model).manager.getManagedArrays().size();
    }

    static void assertNoArraysLeftAfterPasses(EmbeddingModel model, List<PreparedWindow> windows) {
        for (String pooling : model.description().poolings()) {
            model.embed(windows, pooling);   // first pass may cache what it keeps for good
        }
        model.embedSequence(windows);
        int before = arraysOn(model);
        for (int pass = 0; pass < 3; pass++) {
            for (String pooling : model.description().poolings()) {
                model.embed(windows, pooling);
            }
            model.embedSequence(windows);
        }
        assertEquals(before, arraysOn(model), "arrays left on the model's manager by 3 rounds of forward passes");
    }

    @Test
    void deeperBrainPassesFreeWhatTheyCreate() throws IOException {
        try (Artifact a = Artifact.open(InferenceFixtures.deeperBrain(dir, 3));
                EmbeddingModel model = EmbeddingModels.load(a, "db:1", null)) {
            var r = InferenceFixtures.recording();
            List<PreparedWindow> windows = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                windows.add(model.prepare(InferenceFixtures.window(r, 0, 4, 1000 + 320 * i, 320)));
            }
            assertNoArraysLeftAfterPasses(model, windows);
        }
    }

    @Test
    void megGptPassesFreeWhatTheyCreate() throws IOException {
        try (Artifact a = Artifact.open(InferenceFixtures.megGpt(dir, 4));
                EmbeddingModel model = EmbeddingModels.load(a, "mg:1", null)) {
            var r = InferenceFixtures.recording();
            int n = model.description().windowSamples();
            List<PreparedWindow> windows = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                windows.add(model.prepare(InferenceFixtures.window(r, 0, 4, 1000 + n * i, n)));
            }
            assertNoArraysLeftAfterPasses(model, windows);
        }
    }
}

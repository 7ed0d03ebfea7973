package io.neurofm.serve.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.neurofm.artifact.Artifact;
import io.neurofm.artifact.ModelRegistry;
import io.neurofm.family.deeperbrain.DeeperBrainPreset;
import io.neurofm.inference.EmbeddingModel;
import io.neurofm.inference.EmbeddingModels;
import io.neurofm.serve.ServeFixtures;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The benchmark's random-weight DeeperBrain: registered under its own name, it keeps the source
 * artifact's preprocessing and window, has the preset's width, and embeds a real window.
 */
class RandomDeeperBrainTest {
    @Test
    void aSmallPresetKeepsThePreprocessingAndEmbedsWithItsOwnWidth(@TempDir Path dir) throws Exception {
        ModelRegistry source = new ModelRegistry(ServeFixtures.registry());
        ModelRegistry target = new ModelRegistry(dir.resolve("registry"));
        String ref = RandomDeeperBrain.register(source, ServeFixtures.DEEPERBRAIN, DeeperBrainPreset.SMALL, target,
                dir.resolve("build"), 3);
        assertEquals("deeperbrain-small-random:1", ref);
        try (Artifact made = target.open(ref); Artifact from = source.open(ServeFixtures.DEEPERBRAIN)) {
            assertEquals(from.preprocessing(), made.preprocessing());
            assertEquals("small", made.config().size());
            assertEquals(from.config().hyperparameters().get("window_samples"),
                    made.config().hyperparameters().get("window_samples"));
        }
        try (EmbeddingModel model = EmbeddingModels.load(target, ref, null)) {
            float[][] rows = model.embed(List.of(model.prepare(ServeFixtures.window(0, 4, 0, 320))), null);
            assertEquals(1, rows.length);
            assertEquals(DeeperBrainPreset.SMALL.config().dModel(), rows[0].length);
            for (float v : rows[0]) {
                assertTrue(Float.isFinite(v));
            }
        }
    }
}

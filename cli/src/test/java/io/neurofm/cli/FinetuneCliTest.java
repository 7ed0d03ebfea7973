package io.neurofm.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import io.neurofm.artifact.Artifact;
import io.neurofm.artifact.ArtifactConfig;
import io.neurofm.artifact.ArtifactWriter;
import io.neurofm.artifact.ChannelSpec;
import io.neurofm.artifact.DecodingHead;
import io.neurofm.artifact.FilterSpec;
import io.neurofm.artifact.ModelCard;
import io.neurofm.artifact.ModelRegistry;
import io.neurofm.artifact.PreprocessingSpec;
import io.neurofm.family.deeperbrain.DeeperBrainConfig;
import io.neurofm.family.deeperbrain.DeeperBrainModel;
import io.neurofm.finetune.DeeperBrainArtifacts;
import io.neurofm.signal.ChannelType;
import io.neurofm.signal.Position;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FinetuneCliTest {
    private static Path graz() {
        String configured = System.getProperty("neurofm.data");
        Path root = (configured != null ? Path.of(configured) : Path.of("..", "..", "shared", "data"))
                .toAbsolutePath().normalize();
        return root.resolve("eeg/graz_mi_left_right.gdf");
    }

    /** A random-init tiny DeeperBrain artifact registered as tiny:1 (input_scale 1e5: tens of microvolts to ~1). */
    private static ModelRegistry registryWithTinyModel(Path dir) throws Exception {
        DeeperBrainConfig config = new DeeperBrainConfig(100, 16, 2, 32, 1, 4, 4, 4, 1f, 0.5f, 0.03f, 0.1f);
        Path artifact;
        try (NDManager manager = NDManager.newBaseManager()) {
            Engine.getInstance().setRandomSeed(3);
            DeeperBrainModel model = new DeeperBrainModel(config);
            model.initialize(manager);
            PreprocessingSpec pre = new PreprocessingSpec(200, List.of(FilterSpec.bandpass(0.5, 40, 4)),
                    List.of(new ChannelSpec("C3", ChannelType.EEG, "V", new Position(-0.06, 0, 0.06))), null);
            ModelCard card = new ModelCard("Tiny DeeperBrain (random init)", "For tests.", "None.", "None.", Map.of(),
                    "Tests.", "Not trained.");
            artifact = new ArtifactWriter(ArtifactConfig.of("deeperbrain", "test",
                    DeeperBrainArtifacts.hyperparameters(config, 600, 1e5)), pre, card, model.block())
                    .writeDirectory(dir.resolve("tiny"));
        }
        ModelRegistry registry = new ModelRegistry(dir.resolve("registry"));
        registry.register(artifact, "tiny");
        return registry;
    }

    @Test
    void headOnlyFineTuningOnGrazRegistersANewArtifactWithAHead(@TempDir Path dir) throws Exception {
        ModelRegistry registry = registryWithTinyModel(dir);
        CliRun run = CliRun.of("finetune", "--registry", registry.root().toString(), "--model", "tiny:1",
                "--data", graz().toString(), "--channel-map", "resource:graz_sample_channels.tsv", "--mode", "head",
                "--epochs", "2", "--folds", "2", "--head", "mi", "--out-name", "tiny-mi");
        assertEquals(0, run.exitCode(), run.err() + run.out());
        assertTrue(run.out().contains("40 epochs, channels [C3, Cz, C4], 6 patches of 100 samples"), run.out());
        assertTrue(run.out().contains("2-fold balanced accuracy"), run.out());
        assertTrue(run.out().contains("registered tiny-mi:1"), run.out());
        try (Artifact tuned = registry.open("tiny-mi"); NDManager manager = NDManager.newBaseManager()) {
            DecodingHead head = DecodingHead.load(tuned, "mi", manager);
            assertEquals(List.of("left", "right"), head.classes());
            assertEquals("left vs right", head.task());
            assertEquals(2.0, head.metrics().get("cv_folds"));
        }
    }

    @Test
    void unknownModeIsRefused(@TempDir Path dir) throws Exception {
        ModelRegistry registry = registryWithTinyModel(dir);
        CliRun run = CliRun.of("finetune", "--registry", registry.root().toString(), "--model", "tiny",
                "--data", graz().toString(), "--mode", "partial", "--epochs", "1",
                "--out-name", "x");
        assertTrue(run.exitCode() != 0);
        assertTrue(run.err().contains("full, head or lora"), run.err());
    }
}

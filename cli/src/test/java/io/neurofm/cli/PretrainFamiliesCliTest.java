package io.neurofm.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.neurofm.artifact.Artifact;
import io.neurofm.artifact.ModelRegistry;
import io.neurofm.family.brainharmonix.BrainHarmonixConfig;
import io.neurofm.family.brainharmonix.BrainHarmonixModel;
import io.neurofm.family.deeperbrain.DeeperBrainConfig;
import io.neurofm.family.deeperbrain.DeeperBrainModel;
import io.neurofm.nn.StateDict;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code neurofm pretrain} for DeeperBrain and BrainHarmonix on the shared recordings, at sizes that
 * run in seconds: validation loss falls, the registered artifact opens and its weights load into a
 * freshly built model, and a resumed run ends where the uninterrupted one did.
 */
class PretrainFamiliesCliTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    Path dir;

    @Test
    void deeperBrainTrainsRegistersAndResumes() throws Exception {
        Path run = dir.resolve("run");
        Path registry = dir.resolve("registry");
        Path job = dir.resolve("job.json");
        Files.writeString(job, """
                {"family": "deeperbrain", "size": "tiny",
                 "inputs": ["eeg/eegmmidb_S001R01.edf", "eeg/capslpdb_brux2_100s.edf"],
                 "windowSamples": 400, "channelsPerSample": 4, "maxValidationSamples": 32,
                 "deeperbrain": {"nspWeight": 0.5},
                 "training": {"steps": 16, "microBatch": 8, "lr": 0.002, "warmup": 2, "checkpointEvery": 8,
                              "validateEvery": 4, "seed": 5},
                 "runDir": "run", "modelName": "db-test"}
                """);
        CliRun result = CliRun.of("pretrain", "--config", job.toString(), "--registry", registry.toString());
        assertEquals(0, result.exitCode(), result.err() + result.out());
        assertTrue(result.out().strip().endsWith("db-test:1"), result.out());
        List<Double> validation = validationLosses(run.resolve("metrics.jsonl"));
        System.out.println("deeperbrain validation losses " + validation);
        assertEquals(4, validation.size(), "validated at steps 4, 8, 12, 16: " + validation);
        assertTrue(validation.get(3) < validation.get(0) * 0.9, "validation loss should fall: " + validation);

        try (Artifact artifact = Artifact.open(new ModelRegistry(registry).resolve("db-test"));
                NDManager manager = NDManager.newBaseManager()) {
            JsonNode hyper = artifact.config().hyperparameters();
            assertEquals("deeperbrain", artifact.config().family());
            assertEquals(400, hyper.get("window_samples").asInt());
            double scale = hyper.get("input_scale").asDouble();
            // EEG is tens of microvolts: the scale that brings it to unit size is ~1e4 to 1e6 per volt.
            assertTrue(scale > 1e3 && scale < 1e7, "input_scale " + scale);
            DeeperBrainConfig config = JSON.treeToValue(hyper.get("model"), DeeperBrainConfig.class);
            assertEquals(0.5f, config.nspWeight());
            // D = the statistics vector of 4 channels: 4 x bands + 6 pairs + 4 means + 4 x PAC + 4 entropies.
            assertEquals(config.statisticsDim(), hyper.get("statistics_mean").size());
            assertEquals(1, artifact.preprocessing().filters().size());
            assertTrue(artifact.preprocessing().channels().stream().anyMatch(c -> c.position() != null));
            assertTrue(artifact.preprocessing().channels().stream().anyMatch(c -> c.position() == null),
                    "brux2's bipolar channels have no position");
            DeeperBrainModel fresh = new DeeperBrainModel(config);
            manager.getEngine().setRandomSeed(999);
            fresh.initialize(manager);
            float[] before = StateDict.parameters(fresh.block()).get("mask_token").getArray().toFloatArray();
            artifact.loadWeights(fresh.block(), manager);
            float[] after = StateDict.parameters(fresh.block()).get("mask_token").getArray().toFloatArray();
            assertFalse(Arrays.equals(before, after), "the artifact's weights replace the fresh ones");
        }

        // Interrupted after step 8 (outputs of the later steps removed): --resume ends where it did.
        Files.delete(run.resolve("run.json"));
        deleteTree(run.resolve("artifact"));
        deleteTree(run.resolve("checkpoints").resolve("step-00000016"));
        CliRun resumed = CliRun.of("pretrain", "--config", job.toString(), "--registry", registry.toString(),
                "--resume");
        assertEquals(0, resumed.exitCode(), resumed.err());
        assertTrue(resumed.err().contains("resuming"), resumed.err());
        assertTrue(resumed.out().strip().endsWith("db-test:2"), resumed.out());
        assertEquals(validation, validationLosses(run.resolve("metrics.jsonl")), "same losses after the resume");
    }

    @Test
    void brainHarmonixTrainsThreeStagesRegistersAndResumes() throws Exception {
        Path run = dir.resolve("run");
        Path registry = dir.resolve("registry");
        Path job = dir.resolve("job.json");
        Files.writeString(job, """
                {"family": "brainharmonix", "size": "tiny",
                 "brainharmonix": {"jepaSteps": 10, "maeSteps": 10, "fusionSteps": 12, "t1MaskSamples": 16},
                 "training": {"steps": 10, "microBatch": 4, "lr": 0.001, "warmup": 2, "checkpointEvery": 6,
                              "validateEvery": 5, "seed": 3},
                 "runDir": "run", "modelName": "bh-test"}
                """);
        CliRun result = CliRun.of("pretrain", "--config", job.toString(), "--registry", registry.toString());
        assertEquals(0, result.exitCode(), result.err() + result.out());
        assertTrue(result.out().strip().endsWith("bh-test:1"), result.out());
        List<Double> fusion = null;
        for (String stage : List.of("fmri_jepa", "t1_mae", "fusion")) {
            List<Double> validation = validationLosses(run.resolve("stages").resolve(stage).resolve("metrics.jsonl"));
            System.out.println("brainharmonix " + stage + " validation losses " + validation);
            assertTrue(validation.size() >= 2, stage + ": " + validation);
            assertTrue(validation.get(validation.size() - 1) < validation.get(0),
                    stage + " validation loss should fall: " + validation);
            assertTrue(Files.exists(run.resolve("stages").resolve(stage).resolve("loss.png")));
            fusion = validation;
        }
        JsonNode manifest = JSON.readTree(run.resolve("run.json").toFile());
        assertEquals(3, manifest.get("result").get("stages").size());
        assertEquals(3, manifest.get("inputs").size(), "the fMRI series and two T1 volumes");

        try (Artifact artifact = Artifact.open(new ModelRegistry(registry).resolve("bh-test"));
                NDManager manager = NDManager.newBaseManager()) {
            assertEquals("brainharmonix", artifact.config().family());
            JsonNode hyper = artifact.config().hyperparameters();
            BrainHarmonixConfig config = JSON.treeToValue(hyper.get("model"), BrainHarmonixConfig.class);
            assertTrue(hyper.get("window_samples").asInt() > 0);
            assertEquals(31, artifact.preprocessing().channels().size(), "the CSV's 31 ROIs");
            assertTrue(artifact.tokenizerState().isPresent(), "the fMRI tokenizer");
            BrainHarmonixModel fresh = new BrainHarmonixModel(config);
            manager.getEngine().setRandomSeed(999);
            fresh.initialize(manager);
            NDArray hubs = StateDict.parameters(fresh.network()).get("fusion.hubs").getArray();
            float[] before = hubs.toFloatArray();
            artifact.loadWeights(fresh.network(), manager);
            float[] after = StateDict.parameters(fresh.network()).get("fusion.hubs").getArray().toFloatArray();
            assertFalse(Arrays.equals(before, after), "the artifact's weights replace the fresh ones");
        }

        // Interrupted in the fusion stage after its step 6: the finished stages are loaded, not retrained.
        Files.delete(run.resolve("run.json"));
        deleteTree(run.resolve("artifact"));
        deleteTree(run.resolve("stages").resolve("fusion").resolve("checkpoints").resolve("step-00000012"));
        CliRun resumed = CliRun.of("pretrain", "--config", job.toString(), "--registry", registry.toString(),
                "--resume");
        assertEquals(0, resumed.exitCode(), resumed.err());
        assertTrue(resumed.err().contains("fmri_jepa: finished earlier"), resumed.err());
        assertTrue(resumed.out().strip().endsWith("bh-test:2"), resumed.out());
        assertEquals(fusion, validationLosses(run.resolve("stages").resolve("fusion").resolve("metrics.jsonl")),
                "the resumed fusion stage ends with the same losses");
    }

    @Test
    void namingAGpuThatDoesNotExistIsAClearError() throws Exception {
        Path job = dir.resolve("job.json");
        Files.writeString(job, "{\"family\": \"deeperbrain\", \"training\": {\"steps\": 1}}");
        CliRun gpu = CliRun.of("pretrain", "--config", job.toString(), "--registry", dir.resolve("r").toString(),
                "--devices", "gpu7");
        assertEquals(2, gpu.exitCode(), gpu.err());
        assertTrue(gpu.err().contains("gpu7") && gpu.err().contains("--devices cpu"), gpu.err());
        CliRun bad = CliRun.of("pretrain", "--config", job.toString(), "--devices", "tpu0");
        assertEquals(2, bad.exitCode(), bad.err());
        assertTrue(bad.err().contains("unknown device \"tpu0\""), bad.err());
        assertTrue(Files.notExists(dir.resolve("r")), "nothing trained or registered");
    }

    private static List<Double> validationLosses(Path metrics) throws Exception {
        List<Double> out = new ArrayList<>();
        for (String line : Files.readAllLines(metrics)) {
            JsonNode node = JSON.readTree(line);
            if (node.has("val_loss")) {
                out.add(node.get("val_loss").asDouble());
            }
        }
        return out;
    }

    private static void deleteTree(Path root) throws java.io.IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}

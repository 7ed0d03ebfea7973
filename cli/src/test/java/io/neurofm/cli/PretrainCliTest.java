package io.neurofm.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import io.neurofm.artifact.Artifact;
import io.neurofm.artifact.ModelRegistry;
import io.neurofm.corpus.CorpusLoader;
import io.neurofm.corpus.Verification;
import io.neurofm.family.meggpt.MegGptModel;
import io.neurofm.pretrain.CorpusVocabulary;
import io.neurofm.pretrain.MegGptCorpusData;
import io.neurofm.pretrain.PretrainJob;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** {@code neurofm pretrain} end to end on the two shared EEG recordings, at a size that runs in seconds. */
class PretrainCliTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int CHANNELS = 4;
    private static final int MICRO_BATCH = 8;
    private static final int VALIDATION_SAMPLES = 32;

    @TempDir
    Path dir;

    @Test
    void trainsRegistersAndReloadsTheModel() throws Exception {
        Path run = dir.resolve("run");
        Path registry = dir.resolve("registry");
        Path job = dir.resolve("job.json");
        Files.writeString(job, """
                {"family": "meggpt", "size": "tiny", "resample": 128, "windowSamples": 64,
                 "channelsPerSample": %d, "validationFraction": 0.5, "splitUnit": "recording",
                 "maxValidationSamples": %d,
                 "training": {"steps": 20, "microBatch": %d, "lr": 0.003, "warmup": 4, "checkpointEvery": 10,
                              "keepCheckpoints": 2, "validateEvery": 5, "seed": 3},
                 "runDir": "run", "modelName": "meggpt-test"}
                """.formatted(CHANNELS, VALIDATION_SAMPLES, MICRO_BATCH));

        CliRun result = CliRun.of("pretrain", "--config", job.toString(), "--registry", registry.toString());
        assertEquals(0, result.exitCode(), result.err() + result.out());
        List<String> lines = result.out().lines().toList();
        assertEquals("meggpt-test:1", lines.get(lines.size() - 1));

        List<Double> validation = new ArrayList<>();
        List<Double> train = new ArrayList<>();
        double lastTrain = Double.NaN;
        for (String line : Files.readAllLines(run.resolve("metrics.jsonl"))) {
            JsonNode node = JSON.readTree(line);
            lastTrain = node.get("loss").asDouble();
            train.add(lastTrain);
            if (node.has("val_loss")) {
                validation.add(node.get("val_loss").asDouble());
            }
        }
        System.out.println(result.out().strip() + "\nvalidation losses " + validation);
        assertEquals(4, validation.size(), "validated at steps 5, 10, 15, 20: " + validation);
        // Validation is the held-out recording (other subject, channels the model never saw), so at 20
        // steps it falls only a little (measured 5.39 -> 5.30 nats, not monotonically); training loss
        // falls clearly (mean of the first vs the last 5 steps).
        assertTrue(validation.get(3) < validation.get(0), "validation loss should fall: " + validation);
        assertEquals(20, train.size());
        double first = train.subList(0, 5).stream().mapToDouble(Double::doubleValue).average().orElseThrow();
        double last = train.subList(15, 20).stream().mapToDouble(Double::doubleValue).average().orElseThrow();
        assertTrue(last < first - 0.1, "training loss should fall: " + train);
        byte[] png = Files.readAllBytes(run.resolve("loss.png"));
        assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G'}, Arrays.copyOf(png, 4));
        JsonNode manifest = JSON.readTree(run.resolve("run.json").toFile());
        assertEquals(2, manifest.get("inputs").size());
        assertEquals(64, manifest.get("inputs").get(0).get("sha256").get("eegmmidb_S001R01.edf").asString().length());
        assertEquals("meggpt-test:1", manifest.get("result").get("registered").asString());

        try (Artifact artifact = Artifact.open(new ModelRegistry(registry).resolve("meggpt-test"));
                NDManager manager = NDManager.newBaseManager()) {
            assertEquals("meggpt", artifact.config().family());
            assertEquals("tiny", artifact.config().size());
            assertEquals(lastTrain, artifact.card().metrics().get("final train loss (nats)"));
            assertTrue(artifact.tokenizerFile().isPresent());
            MegGptModel fresh = new MegGptModel(PretrainJob.modelConfig(artifact.config()));
            manager.getEngine().setRandomSeed(12345);
            fresh.initialize(manager);
            artifact.loadWeights(fresh.block(), manager);

            CorpusLoader corpus = CorpusLoader.open(run.resolve("corpus"), Verification.FULL);
            MegGptCorpusData data = MegGptCorpusData.of(corpus.split("validation"),
                    CorpusVocabulary.of(corpus.manifest()), CHANNELS, VALIDATION_SAMPLES);
            // The trainer's validation: mean over full micro-batches in index order, inference mode.
            ParameterStore store = new ParameterStore(manager, false);
            int batches = data.size() / MICRO_BATCH;
            double sum = 0;
            for (int b = 0; b < batches; b++) {
                int[] idx = new int[MICRO_BATCH];
                for (int i = 0; i < MICRO_BATCH; i++) {
                    idx[i] = b * MICRO_BATCH + i;
                }
                try (NDManager scope = manager.newSubManager()) {
                    NDList batch = data.batch(scope, idx);
                    sum += fresh.loss(store, batch, false).getFloat();
                }
            }
            double reloaded = sum / batches;
            System.out.println("reloaded validation loss " + reloaded);
            assertEquals(validation.get(3), reloaded, 1e-6 * validation.get(3),
                    "reloaded weights give the final validation loss");
        }

        // A finished run is refused; an interrupted one (simulated: the outputs after step 10 removed)
        // resumes from its step-10 checkpoint, reusing tokenizer and corpus, and ends where it did.
        CliRun again = CliRun.of("pretrain", "--config", job.toString(), "--registry", registry.toString(), "--resume");
        assertEquals(2, again.exitCode(), again.err());
        assertTrue(again.err().contains("finished run"), again.err());
        Files.delete(run.resolve("run.json"));
        deleteTree(run.resolve("artifact"));
        deleteTree(run.resolve("checkpoints").resolve("step-00000020"));
        CliRun resumed = CliRun.of("pretrain", "--config", job.toString(), "--registry", registry.toString(),
                "--resume");
        assertEquals(0, resumed.exitCode(), resumed.err());
        assertTrue(resumed.err().contains("resuming"), resumed.err());
        assertTrue(resumed.out().strip().endsWith("meggpt-test:2"), resumed.out());
        List<String> metrics = Files.readAllLines(run.resolve("metrics.jsonl"));
        assertEquals(20, metrics.size());
        assertEquals(validation.get(3), JSON.readTree(metrics.get(19)).get("val_loss").asDouble(),
                "the resumed run ends with the same validation loss");
    }

    private static void deleteTree(Path root) throws java.io.IOException {
        try (java.util.stream.Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    @Test
    void refusesAnUnknownFieldNamingIt() throws Exception {
        Path job = dir.resolve("job.json");
        Files.writeString(job, "{\"size\": \"tiny\", \"training\": {\"stepz\": 5}}");
        CliRun result = CliRun.of("pretrain", "--config", job.toString(), "--registry", dir.resolve("r").toString());
        assertEquals(2, result.exitCode(), result.err());
        assertTrue(result.err().contains("unknown field \"stepz\""), result.err());
        assertTrue(Files.notExists(dir.resolve("r")), "nothing registered");
    }
}

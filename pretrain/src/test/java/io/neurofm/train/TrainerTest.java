package io.neurofm.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.neurofm.tensor.Safetensors;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The loop on the tiny job: determinism, accumulation, data parallel, NaN stop, logs, checkpoints. */
class TrainerTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final List<Device> ONE = List.of(Device.cpu());

    @Test
    void sameSeedAndDataGiveTheSameLossCurveBitwise(@TempDir Path dir) throws Exception {
        TrainingConfig config = TinyJobs.config(12, 4);
        TrainingResult a = TinyJobs.fit(config, TinyJobs.data(20), dir.resolve("a"), ONE);
        TrainingResult b = TinyJobs.fit(config, TinyJobs.data(20), dir.resolve("b"), ONE);
        assertEquals(a.losses(), b.losses());
        assertEquals(12, a.losses().size());
        assertTrue(a.losses().get(11) < a.losses().get(0), "the tiny model learns: " + a.losses());
        assertArrayEquals(Files.readAllBytes(a.lastCheckpoint().resolve("model.safetensors")),
                Files.readAllBytes(b.lastCheckpoint().resolve("model.safetensors")));
        TrainingResult c = TinyJobs.fit(TrainingConfig.of(99, 12, 4, config.schedule()), TinyJobs.data(20),
                dir.resolve("c"), ONE);
        assertFalse(a.losses().equals(c.losses()), "another seed gives another run");
    }

    @Test
    void accumulatingTwoMicroBatchesEqualsOneBatchOfTwiceTheSize(@TempDir Path dir) throws Exception {
        TrainingConfig whole = comparable(TinyJobs.config(5, 8));
        TrainingConfig halves = comparable(TinyJobs.config(5, 4).withAccumulation(2));
        TrainingResult a = TinyJobs.fit(whole, TinyJobs.data(24), dir.resolve("whole"), ONE);
        TrainingResult b = TinyJobs.fit(halves, TinyJobs.data(24), dir.resolve("halves"), ONE);
        assertWeightsClose(a.lastCheckpoint(), b.lastCheckpoint(), 1e-6);
        for (int i = 0; i < 5; i++) {
            assertEquals(a.losses().get(i), b.losses().get(i), 1e-6);
        }
    }

    @Test
    void dataParallelOverTwoReplicasEqualsOneDevice(@TempDir Path dir) throws Exception {
        long steps = 4;
        TrainingResult single = TinyJobs.fit(comparable(TinyJobs.config(steps, 8)), TinyJobs.data(24),
                dir.resolve("one"), ONE);
        TrainingResult pair = TinyJobs.fit(comparable(TinyJobs.config(steps, 4)), TinyJobs.data(24), dir.resolve("two"),
                List.of(Device.cpu(), Device.cpu()));
        assertWeightsClose(single.lastCheckpoint(), pair.lastCheckpoint(), 1e-6);
        // the schedule and the optimizer advanced once per global step, not once per replica
        JsonNode state = JSON.readTree(Files.readString(pair.lastCheckpoint().resolve("state.json")));
        assertEquals(steps, state.get("optimizerStep").asLong());
        assertEquals(2, state.get("replicas").asInt());
        List<JsonNode> lines = metricLines(pair.lastCheckpoint().resolve("metrics.jsonl"));
        assertEquals(steps, lines.size());
        LearningRateSchedule schedule = TinyJobs.config(steps, 4).schedule();
        for (int s = 0; s < steps; s++) {
            assertEquals(s + 1, lines.get(s).get("step").asLong());
            assertEquals(schedule.valueAt(s), lines.get(s).get("lr").asDouble(), 0);
        }
    }

    @Test
    void aNaNBatchStopsTrainingNamingTheStep(@TempDir Path dir) throws Exception {
        int poisoned = 5;
        TrainingConfig config = TinyJobs.config(10, 4).withCheckpoints(2, 5);
        DataOrder order = new DataOrder(config.seed(), 20, 4);
        long expectedStep = -1;
        for (long s = 0; s < 10 && expectedStep < 0; s++) {
            for (int i : order.samplesOf(s)) {
                if (i == poisoned) {
                    expectedStep = s;
                }
            }
        }
        Path run = dir.resolve("nan");
        TrainingDivergedException e = assertThrows(TrainingDivergedException.class,
                () -> TinyJobs.fit(config, TinyJobs.data(20).withNaNAt(poisoned), run, ONE));
        assertEquals(expectedStep, e.step());
        assertTrue(e.getMessage().contains("step " + expectedStep), e.getMessage());
        assertTrue(Double.isNaN(e.loss()));
        // no checkpoint was written for or after the diverged step
        for (Path c : Checkpoints.list(run)) {
            assertTrue(Checkpoints.stepOf(c) <= expectedStep, c.toString());
        }
    }

    @Test
    void logsValidatesAndKeepsTheLastCheckpoints(@TempDir Path dir) throws Exception {
        TrainingConfig config = TinyJobs.config(9, 4).withCheckpoints(2, 2).withValidation(3);
        Path run = dir.resolve("run");
        TrainingResult result;
        try (NDManager manager = NDManager.newBaseManager()) {
            result = new Trainer(TinyJobs.model(), TinyJobs.data(20), TinyJobs.data(8), config, run, ONE)
                    .fit(manager);
        }
        List<Path> kept = Checkpoints.list(run);
        assertEquals(List.of("step-00000008", "step-00000009"),
                kept.stream().map(p -> p.getFileName().toString()).toList());
        List<JsonNode> lines = metricLines(run.resolve("metrics.jsonl"));
        assertEquals(9, lines.size());
        for (String field : List.of("step", "loss", "lr", "grad_norm", "tokens_per_s", "elapsed_s")) {
            assertTrue(lines.get(0).has(field), field);
        }
        for (JsonNode line : lines) {
            long step = line.get("step").asLong();
            assertEquals(step % 3 == 0, line.has("val_loss"), "step " + step);
        }
        assertEquals(lines.get(8).get("val_loss").asDouble(), result.lastValidationLoss(), 0);
        assertThrows(IllegalStateException.class, () -> TinyJobs.fit(config, TinyJobs.data(20), run, ONE));
    }

    @Test
    void resumeInProcessMatchesAnUninterruptedRun(@TempDir Path dir) throws Exception {
        TrainingConfig full = TinyJobs.config(8, 4).withCheckpoints(3, 3);
        TrainingResult straight = TinyJobs.fit(full, TinyJobs.data(20), dir.resolve("straight"), ONE);
        Path run = dir.resolve("split");
        // the first process stops after step 6 (its own end), the second resumes to 8
        TrainingConfig part = new TrainingConfig(full.seed(), 6, 4, 1, full.schedule(), full.adamw(),
                full.decay(), full.maxGradNorm(), 1, 0, 3, 3, false);
        TinyJobs.fit(part, TinyJobs.data(20), run, ONE);
        TrainingResult resumed;
        try (NDManager manager = NDManager.newBaseManager()) {
            resumed = new Trainer(TinyJobs.model(), TinyJobs.data(20), null, full, run, ONE).resume(manager);
        }
        assertEquals(straight.losses().subList(6, 8), resumed.losses());
        assertArrayEquals(Files.readAllBytes(straight.lastCheckpoint().resolve("model.safetensors")),
                Files.readAllBytes(resumed.lastCheckpoint().resolve("model.safetensors")));
        assertArrayEquals(Files.readAllBytes(straight.lastCheckpoint().resolve("optimizer.safetensors")),
                Files.readAllBytes(resumed.lastCheckpoint().resolve("optimizer.safetensors")));
    }

    /**
     * The key bias of attention has a true gradient of 0 (softmax ignores a constant added to every
     * score), so its computed gradient is rounding noise of about 1e-9 whose value depends on the
     * summation order; Adam divides by its root mean square and turns that noise into steps of
     * +-lr. An eps of 1e-4 keeps such noise at 1e-5 * lr while barely touching real gradients
     * (1e-2 and up), so the comparison measures the averaging, not Adam's amplification of noise.
     */
    private static TrainingConfig comparable(TrainingConfig c) {
        return new TrainingConfig(c.seed(), c.steps(), c.microBatch(), c.accumulation(), c.schedule(),
                new AdamWConfig(0.9, 0.999, 1e-4, 0.01), c.decay(), c.maxGradNorm(), c.logEvery(),
                c.validateEvery(), c.checkpointEvery(), c.keepCheckpoints(), false);
    }

    static List<JsonNode> metricLines(Path file) throws Exception {
        return Files.readAllLines(file).stream().map(JSON::readTree).toList();
    }

    static void assertWeightsClose(Path a, Path b, double tolerance) throws Exception {
        try (NDManager manager = NDManager.newBaseManager()) {
            Map<String, NDArray> x = Safetensors.read(a.resolve("model.safetensors"), manager);
            Map<String, NDArray> y = Safetensors.read(b.resolve("model.safetensors"), manager);
            assertEquals(x.keySet(), y.keySet());
            for (String name : x.keySet()) {
                float diff = x.get(name).sub(y.get(name)).abs().max().getFloat();
                assertTrue(diff <= tolerance, name + " differs by " + diff);
            }
        }
    }
}

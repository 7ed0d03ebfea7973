package io.neurofm.train;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import io.neurofm.family.Pretrainable;
import io.neurofm.nn.StateDict;
import io.neurofm.tensor.Safetensors;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.databind.json.JsonMapper;

/**
 * Our training loop (DJL's Trainer/EasyTrain are not used: see docs/training.md). {@link #fit}
 * starts a run in an empty run directory, {@link #resume} continues from its newest checkpoint;
 * both end with a checkpoint at the last step. With the same seed, data, devices and thread
 * settings a resumed run ends with the same weights, bit for bit, as one never interrupted.
 */
public final class Trainer {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Pretrainable model;
    private final TrainingData train;
    private final TrainingData validation;
    private final TrainingConfig config;
    private final Path runDir;
    private final List<Device> devices;
    private final PrintStream progressOut = System.err;
    private Block saved;
    private Runnable afterUpdate = () -> { };

    /**
     * @param validation null for none
     * @param devices one per data-parallel replica; the model lives on the first
     */
    public Trainer(Pretrainable model, TrainingData train, TrainingData validation, TrainingConfig config,
            Path runDir, List<Device> devices) {
        this.model = model;
        this.train = train;
        this.validation = validation;
        this.config = config;
        this.runDir = runDir;
        this.devices = List.copyOf(devices);
        this.saved = model.block();
    }

    /**
     * The block whose parameters checkpoints save and resume loads; the model's block by default.
     * A model with state outside its trained block (an EMA target encoder) names a block that holds
     * both, so a resumed run restores that state too.
     */
    public Trainer checkpointing(Block block) {
        this.saved = block;
        return this;
    }

    /**
     * Runs after every optimizer update, before metrics and checkpoints of that step (e.g. an EMA
     * target update). It must be deterministic so resumed runs stay bit-identical.
     */
    public Trainer afterUpdate(Runnable hook) {
        this.afterUpdate = hook;
        return this;
    }

    /** Starts a new run; refuses a run directory that already has checkpoints. */
    public TrainingResult fit(NDManager manager) throws IOException, TrainingDivergedException {
        if (Checkpoints.latest(runDir).isPresent()) {
            throw new IllegalStateException(runDir + " already has checkpoints; use resume");
        }
        Files.createDirectories(runDir);
        Files.deleteIfExists(metricsFile());
        return run(manager, null);
    }

    /** Continues from the newest checkpoint in the run directory. */
    public TrainingResult resume(NDManager manager) throws IOException, TrainingDivergedException {
        Checkpoints.removeTemporaries(runDir);
        Path checkpoint = Checkpoints.latest(runDir).orElseThrow(
                () -> new IllegalStateException(runDir + " has no checkpoint to resume from"));
        return run(manager, checkpoint);
    }

    private Path metricsFile() {
        return runDir.resolve("metrics.jsonl");
    }

    private TrainingResult run(NDManager root, Path checkpoint) throws IOException, TrainingDivergedException {
        if (!root.getDevice().equals(devices.get(0))) {
            throw new IllegalArgumentException("manager is on " + root.getDevice() + ", first device is " + devices.get(0));
        }
        int replicaCount = devices.size();
        int globalBatch = Math.multiplyExact(config.microBatch(), config.accumulation() * replicaCount);
        DataOrder order = new DataOrder(config.seed(), train.size(), globalBatch);
        root.getEngine().setRandomSeed(Seeds.forStep(config.seed(), -1));
        model.initialize(root);
        LinkedHashMap<String, Parameter> parameters = StateDict.parameters(model.block());
        AdamW optimizer = new AdamW(parameters, config.adamw(), config.decay());
        long start = 0;
        double elapsedBefore = 0;
        if (checkpoint != null) {
            TrainingState state = JSON.readValue(Files.readString(checkpoint.resolve("state.json")), TrainingState.class);
            checkMatches(state, checkpoint, globalBatch, replicaCount);
            StateDict.load(saved, checkpoint.resolve("model.safetensors"));
            optimizer.load(checkpoint.resolve("optimizer.safetensors"));
            start = state.step();
            elapsedBefore = state.elapsedSeconds();
            Files.copy(checkpoint.resolve("metrics.jsonl"), metricsFile(), StandardCopyOption.REPLACE_EXISTING);
        }
        List<Double> losses = new ArrayList<>();
        double lastValidation = Double.NaN;
        double lastLoss = Double.NaN;
        Path lastCheckpoint = checkpoint;
        try (Replicas replicas = new Replicas(parameters, devices);
                MetricsLog metrics = new MetricsLog(metricsFile())) {
            TrainStep trainStep = new TrainStep(model, replicas, optimizer, new ArrayList<>(parameters.values()),
                    config.accumulation(), config.maxGradNorm(), config.seed());
            long t0 = System.nanoTime();
            ProgressLine progress = config.progress()
                    ? new ProgressLine(progressOut, start, config.steps(), globalBatch, train.tokensPerSample()) : null;
            long intervalStart = t0;
            long intervalSteps = 0;
            for (long step = start; step < config.steps(); step++) {
                int[] samples = order.samplesOf(step);
                TrainStep.Result r = trainStep.run(step, config.schedule().valueAt(step),
                        (j, rep, m) -> train.batch(m, slice(samples, (j * replicaCount + rep) * config.microBatch(),
                                config.microBatch())), null);
                afterUpdate.run();
                losses.add(r.loss());
                lastLoss = r.loss();
                intervalSteps++;
                long done = step + 1;
                boolean last = done == config.steps();
                Double val = null;
                if (validation != null && ((config.validateEvery() > 0 && done % config.validateEvery() == 0) || last)) {
                    lastValidation = validate(root, replicas.store(0), done);
                    val = lastValidation;
                }
                if (done % config.logEvery() == 0 || last || val != null) {
                    long now = System.nanoTime();
                    double seconds = (now - intervalStart) / 1e9;
                    Map<String, Object> line = new LinkedHashMap<>();
                    line.put("step", done);
                    line.put("loss", r.loss());
                    line.put("lr", r.lr());
                    line.put("grad_norm", r.gradNorm());
                    line.put("tokens_per_s", intervalSteps * globalBatch * train.tokensPerSample() / seconds);
                    line.put("elapsed_s", elapsedBefore + (now - t0) / 1e9);
                    if (val != null) {
                        line.put("val_loss", val);
                    }
                    metrics.append(line);
                    if (progress != null) {
                        progress.update(done, r.loss(), val, now);
                    }
                    intervalStart = now;
                    intervalSteps = 0;
                }
                if (last || (config.checkpointEvery() > 0 && done % config.checkpointEvery() == 0)) {
                    TrainingState state = new TrainingState(TrainingState.FORMAT, done, config.seed(), globalBatch,
                            config.microBatch(), config.accumulation(), replicaCount, train.size(),
                            order.epochOf(done), order.positionOf(done), config.schedule(),
                            config.schedule().valueAt(done), optimizer.step(),
                            elapsedBefore + (System.nanoTime() - t0) / 1e9, lastLoss);
                    lastCheckpoint = Checkpoints.write(runDir, done, config.keepCheckpoints(), dir -> {
                        saveWeights(dir.resolve("model.safetensors"));
                        optimizer.save(dir.resolve("optimizer.safetensors"));
                        Files.writeString(dir.resolve("state.json"),
                                JSON.writerWithDefaultPrettyPrinter().writeValueAsString(state) + "\n",
                                StandardCharsets.UTF_8);
                        Files.copy(metrics.file(), dir.resolve("metrics.jsonl"));
                    });
                }
            }
        }
        return new TrainingResult(config.steps(), losses, lastValidation, lastCheckpoint);
    }

    /** Mean loss over the validation set's full micro-batches, in index order, without gradients. */
    private double validate(NDManager root, ParameterStore store, long done) {
        root.getEngine().setRandomSeed(Seeds.forValidation(config.seed(), done));
        int batches = validation.size() / config.microBatch();
        if (batches == 0) {
            throw new IllegalArgumentException("validation set of " + validation.size()
                    + " samples is smaller than one micro-batch of " + config.microBatch());
        }
        double sum = 0;
        for (int b = 0; b < batches; b++) {
            int[] idx = new int[config.microBatch()];
            for (int i = 0; i < idx.length; i++) {
                idx[i] = b * config.microBatch() + i;
            }
            try (NDManager scope = root.newSubManager()) {
                NDList batch = validation.batch(scope, idx);
                sum += model.loss(store, batch, false).getFloat();
            }
        }
        return sum / batches;
    }

    private void checkMatches(TrainingState state, Path checkpoint, int globalBatch, int replicas) throws IOException {
        List<String> problems = new ArrayList<>();
        if (state.format() != TrainingState.FORMAT) {
            problems.add("format " + state.format() + " (expected " + TrainingState.FORMAT + ")");
        }
        if (state.seed() != config.seed()) {
            problems.add("seed " + state.seed() + " (job: " + config.seed() + ")");
        }
        if (state.globalBatch() != globalBatch || state.microBatch() != config.microBatch()
                || state.accumulation() != config.accumulation() || state.replicas() != replicas) {
            problems.add("batch " + state.microBatch() + " x " + state.accumulation() + " x " + state.replicas()
                    + " (job: " + config.microBatch() + " x " + config.accumulation() + " x " + replicas + ")");
        }
        if (state.dataSize() != train.size()) {
            problems.add("data size " + state.dataSize() + " (job: " + train.size() + ")");
        }
        if (!state.schedule().equals(config.schedule())) {
            problems.add("schedule " + state.schedule() + " (job: " + config.schedule() + ")");
        }
        if (state.optimizerStep() != state.step()) {
            problems.add("optimizer step " + state.optimizerStep() + " differs from step " + state.step());
        }
        if (!problems.isEmpty()) {
            throw new IOException(checkpoint + ": cannot resume this job from it: " + String.join("; ", problems));
        }
    }

    /**
     * {@link StateDict#save} with its metadata in a fixed order: StateDict.METADATA is a Map.of,
     * whose iteration order changes from JVM to JVM, and equal weights must give equal files.
     */
    private void saveWeights(Path file) throws IOException {
        LinkedHashMap<String, NDArray> tensors = new LinkedHashMap<>();
        StateDict.parameters(saved).forEach((name, p) -> tensors.put(name, p.getArray()));
        Safetensors.write(file, tensors, new TreeMap<>(StateDict.METADATA));
    }

    private static int[] slice(int[] samples, int from, int length) {
        return Arrays.copyOfRange(samples, from, from + length);
    }
}

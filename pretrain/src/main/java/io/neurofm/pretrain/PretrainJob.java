package io.neurofm.pretrain;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import io.neurofm.artifact.ArtifactConfig;
import io.neurofm.artifact.ArtifactWriter;
import io.neurofm.artifact.ModelRegistry;
import io.neurofm.artifact.RegistryEntry;
import io.neurofm.family.meggpt.MegGptConfig;
import io.neurofm.nn.StateDict;
import io.neurofm.signal.io.AtomicFiles;
import io.neurofm.train.AdamWConfig;
import io.neurofm.train.Checkpoints;
import io.neurofm.train.DecayRule;
import io.neurofm.train.LearningRateSchedule;
import io.neurofm.train.Trainer;
import io.neurofm.train.TrainingConfig;
import io.neurofm.train.TrainingDivergedException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A pretraining run end to end (docs/jobs.md), for any family: the family's {@link FamilyRecipe}
 * prepares data and model, then this class trains each phase (or resumes it), plots, writes the
 * artifact, registers it and writes the run manifest.
 *
 * <p>Run folder: the family's data ({@code tokenizer/}, {@code corpus/} for MEG-GPT),
 * {@code metrics.jsonl}, {@code checkpoints/}, {@code loss.png} (per stage under
 * {@code stages/<name>/} for multi-stage families), {@code artifact/}, {@code run.json} (written
 * last: a run with it is finished).
 */
public final class PretrainJob {
    static final String STAGES = "stages";

    private PretrainJob() {
    }

    /**
     * @param resume          continue from the newest checkpoint (reusing the tokenizer and corpus)
     * @param registry        registry folder overriding the job's; null to keep it
     * @param defaultDataRoot data root when the job names none
     * @param base            folder relative job paths (data root, run dir, registry) are resolved against
     * @param log             progress lines go here
     * @param devices         one per data-parallel replica (see {@link Devices}); the model lives on the first
     * @param progress        draw a progress line on stderr while training
     */
    public record Options(boolean resume, Path registry, Path defaultDataRoot, Path base, PrintWriter log,
            List<Device> devices, boolean progress) {
        public Options {
            devices = devices == null || devices.isEmpty() ? List.of(Device.cpu()) : List.copyOf(devices);
        }

        /** One CPU, no progress line. */
        public Options(boolean resume, Path registry, Path defaultDataRoot, Path base, PrintWriter log) {
            this(resume, registry, defaultDataRoot, base, log, null, false);
        }
    }

    /** What a finished job produced; losses are those of the last phase. */
    public record Outcome(String name, String version, Path runDir, Path artifact, long steps, double trainLoss,
            double validationLoss) {
        public String reference() {
            return name + ":" + version;
        }
    }

    public static Outcome run(PretrainJobConfig job, Options options) throws IOException, TrainingDivergedException {
        Path runDir = options.base().resolve(job.runDir()).toAbsolutePath().normalize();
        if (Files.exists(RunManifest.fileIn(runDir))) {
            throw new IllegalArgumentException(runDir + " holds a finished run (run.json); choose a new run folder");
        }
        boolean resuming = options.resume() && hasCheckpoints(runDir);
        if (!options.resume() && isNonEmptyDirectory(runDir)) {
            throw new IllegalArgumentException(runDir + " is not empty; use --resume to continue it or choose a new folder");
        }
        Files.createDirectories(runDir);
        Path dataRoot = job.dataRoot() == null ? options.defaultDataRoot() : options.base().resolve(job.dataRoot());
        List<Path> inputs = job.inputs().stream().map(p -> dataRoot.resolve(p).toAbsolutePath().normalize()).toList();
        PreparedRun prepared = FamilyRecipe.of(job.family()).prepare(job,
                new FamilyRecipe.Context(runDir, inputs, dataRoot, resuming, options.log()));

        Path artifactDir = runDir.resolve("artifact");
        try (NDManager manager = NDManager.newBaseManager(options.devices().get(0))) {
            List<TrainingPhase.Result> results = new ArrayList<>();
            for (TrainingPhase phase : prepared.phases()) {
                results.add(train(job, phase, runDir, manager, options));
            }
            TrainingPhase.Result last = results.get(results.size() - 1);
            PreparedRun.ArtifactParts parts = prepared.artifact(results);
            deleteTree(artifactDir);
            ArtifactWriter writer = new ArtifactWriter(parts.config(), parts.preprocessing(), parts.card(),
                    parts.weights());
            if (parts.tokenizer() != null) {
                writer.tokenizer(parts.tokenizer());
            }
            writer.writeDirectory(artifactDir);
            ModelRegistry registry = options.registry() != null ? new ModelRegistry(options.registry())
                    : job.registry() != null ? new ModelRegistry(options.base().resolve(job.registry()))
                    : ModelRegistry.locate(null);
            RegistryEntry entry = registry.register(artifactDir, job.modelName());
            String reference = entry.name() + ":" + entry.version();
            ObjectNode manifest = RunManifest.of(job, prepared.inputs(), prepared.splitSeed(), prepared.modelConfig(),
                    job.training().seed(), results, reference);
            AtomicFiles.write(RunManifest.fileIn(runDir), (PretrainJobConfig.JSON.writerWithDefaultPrettyPrinter()
                    .writeValueAsString(manifest) + "\n").getBytes(StandardCharsets.UTF_8));
            long steps = results.stream().mapToLong(r -> r.phase().steps()).sum();
            return new Outcome(entry.name(), entry.version(), runDir, entry.path(), steps, last.trainLoss(),
                    last.validationLoss());
        }
    }

    /**
     * Trains one phase in its folder: a new run, a resume from its newest checkpoint, or, when that
     * checkpoint is its last step (a resumed job whose phase had finished), just its weights.
     */
    private static TrainingPhase.Result train(PretrainJobConfig job, TrainingPhase phase, Path runDir,
            NDManager manager, Options options) throws IOException, TrainingDivergedException {
        Path dir = phase.folder().isEmpty() ? runDir : runDir.resolve(phase.folder());
        Files.createDirectories(dir);
        Optional<Path> latest = options.resume() ? Checkpoints.latest(dir) : Optional.empty();
        if (latest.isPresent() && Checkpoints.stepOf(latest.get()) == phase.steps()) {
            phase.model().initialize(manager);
            StateDict.load(phase.checkpoint(), latest.get().resolve("model.safetensors"));
            options.log().println(phase.name() + ": finished earlier, weights from " + runDir.relativize(latest.get()));
        } else {
            Trainer trainer = new Trainer(phase.model(), phase.train(), phase.validation(),
                    trainingConfig(job.training(), phase.steps()).withProgress(options.progress()), dir,
                    options.devices()).checkpointing(phase.checkpoint()).afterUpdate(phase.afterUpdate());
            if (latest.isPresent()) {
                Checkpoints.removeTemporaries(dir);
                trainer.resume(manager);
            } else {
                trainer.fit(manager);
            }
        }
        Path metrics = dir.resolve("metrics.jsonl");
        double[] last = lastLosses(metrics);
        LossCurvePlot.write(metrics, dir.resolve("loss.png"), job.family() + " " + job.size()
                + (phase.folder().isEmpty() ? " pretraining" : " " + phase.name()));
        return new TrainingPhase.Result(phase, last[0], last[1]);
    }

    static TrainingConfig trainingConfig(PretrainJobConfig.Training t, long steps) {
        long warmup = Math.min(t.warmup(), steps - 1);
        return new TrainingConfig(t.seed(), steps, t.microBatch(), 1,
                new LearningRateSchedule(t.lr(), warmup, steps, t.lr() / 10), AdamWConfig.DEFAULT,
                DecayRule.DEFAULT, t.maxGradNorm(), t.logEvery(), t.validateEvery(), t.checkpointEvery(),
                t.keepCheckpoints(), false);
    }

    /** The MEG-GPT shape an artifact written by this job was trained with. */
    public static MegGptConfig modelConfig(ArtifactConfig config) {
        return PretrainJobConfig.JSON.treeToValue(config.hyperparameters().get("model"), MegGptConfig.class);
    }

    /** The final training loss and the last validation loss from metrics.jsonl. */
    static double[] lastLosses(Path metrics) throws IOException {
        double train = Double.NaN;
        double validation = Double.NaN;
        for (String line : Files.readAllLines(metrics)) {
            if (line.isBlank()) {
                continue;
            }
            JsonNode node = PretrainJobConfig.JSON.readTree(line);
            train = node.get("loss").asDouble();
            if (node.has("val_loss")) {
                validation = node.get("val_loss").asDouble();
            }
        }
        return new double[] {train, validation};
    }

    /** Whether the run folder or one of its stage folders holds a checkpoint. */
    private static boolean hasCheckpoints(Path runDir) throws IOException {
        if (Checkpoints.latest(runDir).isPresent()) {
            return true;
        }
        Path stages = runDir.resolve(STAGES);
        if (!Files.isDirectory(stages)) {
            return false;
        }
        try (Stream<Path> entries = Files.list(stages)) {
            for (Path stage : entries.toList()) {
                if (Checkpoints.latest(stage).isPresent()) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean isNonEmptyDirectory(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return false;
        }
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.findAny().isPresent();
        }
    }

    /** Removes an unfinished corpus or artifact of this run (only ever paths inside the run folder). */
    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}

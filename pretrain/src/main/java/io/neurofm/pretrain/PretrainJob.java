package io.neurofm.pretrain;

import ai.djl.ndarray.NDManager;
import io.neurofm.artifact.ArtifactConfig;
import io.neurofm.artifact.ArtifactWriter;
import io.neurofm.artifact.ChannelSpec;
import io.neurofm.artifact.ModelCard;
import io.neurofm.artifact.ModelRegistry;
import io.neurofm.artifact.PreprocessingSpec;
import io.neurofm.artifact.RegistryEntry;
import io.neurofm.corpus.CorpusBuilder;
import io.neurofm.corpus.CorpusLoader;
import io.neurofm.corpus.CorpusSpec;
import io.neurofm.corpus.Verification;
import io.neurofm.family.meggpt.MegGptConfig;
import io.neurofm.family.meggpt.MegGptModel;
import io.neurofm.family.meggpt.MegGptPreset;
import io.neurofm.load.LoadSpec;
import io.neurofm.load.RecordingLoader;
import io.neurofm.signal.Channel;
import io.neurofm.signal.OpenOptions;
import io.neurofm.signal.Recording;
import io.neurofm.signal.io.AtomicFiles;
import io.neurofm.tokenize.MuLawTokenizer;
import io.neurofm.tokenize.Tokenizer;
import io.neurofm.tokenize.TokenizerFiles;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A MEG-GPT pretraining run end to end (docs/jobs.md): fit and save the tokenizer, build the corpus,
 * train (or resume), plot, write the run manifest, write the artifact and register it.
 *
 * <p>Run folder: {@code tokenizer/mulaw.json}, {@code corpus/}, {@code metrics.jsonl},
 * {@code checkpoints/}, {@code loss.png}, {@code artifact/}, {@code run.json} (written last: a run
 * with it is finished).
 */
public final class PretrainJob {
    private PretrainJob() {
    }

    /**
     * @param resume          continue from the newest checkpoint (reusing the tokenizer and corpus)
     * @param registry        registry folder overriding the job's; null to keep it
     * @param defaultDataRoot data root when the job names none
     * @param base            folder relative job paths (data root, run dir, registry) are resolved against
     * @param log             progress lines go here
     */
    public record Options(boolean resume, Path registry, Path defaultDataRoot, Path base, PrintWriter log) {}

    /** What a finished job produced. */
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
        boolean resuming = options.resume() && Checkpoints.latest(runDir).isPresent();
        if (!options.resume() && isNonEmptyDirectory(runDir)) {
            throw new IllegalArgumentException(runDir + " is not empty; use --resume to continue it or choose a new folder");
        }
        Files.createDirectories(runDir);
        Path dataRoot = job.dataRoot() == null ? options.defaultDataRoot() : options.base().resolve(job.dataRoot());
        List<Path> inputs = job.inputs().stream().map(p -> dataRoot.resolve(p).toAbsolutePath().normalize()).toList();
        LoadSpec load = new LoadSpec(OpenOptions.DEFAULT, List.of(), 0, Double.NaN, job.resample(), null, null, true);
        List<Recording> recordings = new ArrayList<>();
        for (Path input : inputs) {
            recordings.add(RecordingLoader.load(input, load));
        }

        Path tokenizerFile = runDir.resolve("tokenizer").resolve("mulaw.json");
        Path corpusDir = runDir.resolve("corpus");
        MegGptPreset preset = MegGptPreset.valueOf(job.size().toUpperCase(Locale.ROOT));
        int window = job.windowSamples() == null ? preset.config().maxLength() : job.windowSamples();
        int stride = job.strideSamples() == null ? window : job.strideSamples();
        if (!Files.exists(corpusDir.resolve(CorpusBuilder.MANIFEST))) {
            if (resuming) {
                throw new IllegalArgumentException(runDir + " has checkpoints but no finished corpus; cannot resume");
            }
            deleteTree(corpusDir);
            options.log().println("fitting mu-law tokenizer on " + inputs.size() + " recordings at "
                    + job.resample() + " Hz");
            Files.createDirectories(tokenizerFile.getParent());
            TokenizerFiles.save(MuLawTokenizer.fit(recordings, job.tokenizer().headroom()), tokenizerFile);
            CorpusSpec spec = new CorpusSpec(inputs.stream().map(p -> new CorpusSpec.Input(p.toString(), null, null))
                    .toList(), null, new CorpusSpec.Read(null, job.resample(), null, null, null),
                    new CorpusSpec.Preprocess(null, null, "none"), tokenizerFile.toString(), window / job.resample(),
                    stride / job.resample(), job.validationFraction(), job.splitUnit(), job.training().seed(), null);
            CorpusBuilder.Result built = CorpusBuilder.build(spec, runDir, corpusDir);
            options.log().println("corpus: " + built.trainWindows() + " train / " + built.validationWindows()
                    + " validation windows of " + window + " samples");
        }
        Tokenizer tokenizer = TokenizerFiles.load(tokenizerFile);
        CorpusLoader corpus = CorpusLoader.open(corpusDir, Verification.FULL);
        CorpusVocabulary vocabulary = CorpusVocabulary.of(corpus.manifest());
        int channels = job.channelsPerSample();
        MegGptCorpusData train = MegGptCorpusData.of(corpus.split("train"), vocabulary, channels, 0);
        MegGptCorpusData validation = MegGptCorpusData.of(corpus.split("validation"), vocabulary, channels,
                job.maxValidationSamples());
        if (train.steps() != window) {
            throw new IllegalArgumentException("corpus windows have " + train.steps() + " steps, the job asks for " + window);
        }
        int vocabularySize = corpus.manifest().get("shards").get(0).get("vocabulary_size").asInt();
        MegGptConfig modelConfig = modelConfig(preset.config(), vocabularySize + 1, window,
                vocabulary.channels().size(), vocabulary.sessions());
        MegGptModel model = new MegGptModel(modelConfig);

        PretrainJobConfig.Training t = job.training();
        TrainingConfig training = new TrainingConfig(t.seed(), t.steps(), t.microBatch(), 1,
                new LearningRateSchedule(t.lr(), t.warmup(), t.steps(), t.lr() / 10), AdamWConfig.DEFAULT,
                DecayRule.DEFAULT, t.maxGradNorm(), t.logEvery(), t.validateEvery(), t.checkpointEvery(),
                t.keepCheckpoints(), false);
        Path artifactDir = runDir.resolve("artifact");
        try (NDManager manager = NDManager.newBaseManager()) {
            Trainer trainer = new Trainer(model, train, validation, training, runDir, List.of(manager.getDevice()));
            options.log().println((resuming ? "resuming" : "training") + " MEG-GPT " + job.size() + " ("
                    + t.steps() + " steps, micro-batch " + t.microBatch() + ", " + train.size() + " train / "
                    + validation.size() + " validation samples of " + channels + " x " + window + ")");
            if (resuming) {
                trainer.resume(manager);
            } else {
                trainer.fit(manager);
            }
            Path metrics = runDir.resolve("metrics.jsonl");
            double[] last = lastLosses(metrics);
            LossCurvePlot.write(metrics, runDir.resolve("loss.png"), "MEG-GPT " + job.size() + " pretraining");

            ObjectNode hyper = PretrainJobConfig.JSON.createObjectNode();
            hyper.set("model", PretrainJobConfig.JSON.valueToTree(modelConfig));
            hyper.set("channel_vocabulary", PretrainJobConfig.JSON.valueToTree(vocabulary.channels()));
            hyper.put("channels_per_sample", channels);
            hyper.put("window_samples", window);
            hyper.put("tokenizer", tokenizer.type());
            hyper.put("steps", t.steps());
            hyper.put("micro_batch", t.microBatch());
            hyper.put("peak_lr", t.lr());
            hyper.put("warmup", t.warmup());
            hyper.put("seed", t.seed());
            PreprocessingSpec preprocessing = new PreprocessingSpec(job.resample(), List.of(),
                    channelSpecs(vocabulary.channels(), recordings), null);
            deleteTree(artifactDir);
            new ArtifactWriter(ArtifactConfig.of("meggpt", job.size(), hyper), preprocessing,
                    card(job, corpus.manifest(), model, last, t.steps()), model.block())
                    .tokenizer(tokenizer.state())
                    .writeDirectory(artifactDir);
            ModelRegistry registry = options.registry() != null ? new ModelRegistry(options.registry())
                    : job.registry() != null ? new ModelRegistry(options.base().resolve(job.registry()))
                    : ModelRegistry.locate(null);
            RegistryEntry entry = registry.register(artifactDir, job.modelName());
            String reference = entry.name() + ":" + entry.version();
            ObjectNode manifest = RunManifest.of(job, corpus.manifest(), modelConfig, t.seed(), last[0], last[1],
                    reference);
            AtomicFiles.write(RunManifest.fileIn(runDir), (PretrainJobConfig.JSON.writerWithDefaultPrettyPrinter()
                    .writeValueAsString(manifest) + "\n").getBytes(StandardCharsets.UTF_8));
            return new Outcome(entry.name(), entry.version(), runDir, entry.path(), t.steps(), last[0], last[1]);
        }
    }

    /**
     * The preset's shape with the job's token vocabulary, window and id tables: V = tokenizer ids + 1
     * spare (as the presets), T = the window, K = min(preset K, T / 2), and the channel / session
     * tables grown when the corpus has more than the preset's.
     */
    static MegGptConfig modelConfig(MegGptConfig preset, int vocabulary, int window, int channels, int sessions) {
        int lossSteps = Math.max(1, Math.min(preset.lossSteps(), window / 2));
        return new MegGptConfig(vocabulary, window, Math.max(preset.channelVocabulary(), channels),
                Math.max(preset.sessionVocabulary(), sessions), preset.dModel(), preset.heads(), preset.ffDim(),
                preset.layers(), preset.channelAttentionEvery(), preset.dropout(), lossSteps);
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

    private static List<ChannelSpec> channelSpecs(List<String> names, List<Recording> recordings) {
        Map<String, Channel> byName = new LinkedHashMap<>();
        for (Recording r : recordings) {
            r.channels().forEach(c -> byName.putIfAbsent(c.name(), c));
        }
        return names.stream().map(n -> ChannelSpec.of(byName.get(n))).toList();
    }

    private static ModelCard card(PretrainJobConfig job, JsonNode corpus, MegGptModel model, double[] last,
            long steps) {
        StringBuilder data = new StringBuilder();
        for (JsonNode source : corpus.get("sources")) {
            data.append("- ").append(source.get("path").asString()).append(" (").append(source.get("split").asString())
                    .append(", ").append(source.get("windows").asLong()).append(" windows, ")
                    .append(source.get("channels").size()).append(" channels)\n");
        }
        data.append("Resampled to ").append(job.resample()).append(" Hz, no filtering, mu-law tokens (256 ids), ")
                .append("windows of ").append(model.config().maxLength()).append(" samples, samples of ")
                .append(job.channelsPerSample()).append(" consecutive channels; split by ").append(job.splitUnit())
                .append(" (validation fraction ").append(job.validationFraction()).append(").");
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("final train loss (nats)", last[0]);
        if (Double.isFinite(last[1])) {
            metrics.put("final validation loss (nats)", last[1]);
        }
        metrics.put("steps", (double) steps);
        return new ModelCard("MEG-GPT " + job.size() + " pretrained on " + corpus.get("sources").size()
                + " EEG recordings", "A causal per-channel token model (MEG-GPT family, " + job.size()
                + " preset) pretrained by `neurofm pretrain`.", data.toString(), model.objectiveName(), metrics,
                "Research: a starting point for fine-tuning, embeddings for probes, and checking the pipeline end "
                        + "to end.",
                "Trained on very little data (a few recordings, few steps): not a general EEG model, not for "
                        + "clinical use. Channel ids are names of the training recordings; other montages need a "
                        + "channel map. The mu-law scale was fitted on all recordings, validation ones included.");
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
    private static void deleteTree(Path dir) throws IOException {
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

package io.neurofm.pretrain;

import io.neurofm.artifact.ArtifactConfig;
import io.neurofm.artifact.ChannelSpec;
import io.neurofm.artifact.ModelCard;
import io.neurofm.artifact.PreprocessingSpec;
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
import io.neurofm.tokenize.MuLawTokenizer;
import io.neurofm.tokenize.Tokenizer;
import io.neurofm.tokenize.TokenizerFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * MEG-GPT: fit and save the mu-law tokenizer, build the sharded corpus (reused on resume), train
 * next-token prediction on blocks of C channels (docs/jobs.md).
 */
final class MegGptRecipe implements FamilyRecipe {
    @Override
    public PreparedRun prepare(PretrainJobConfig job, Context context) throws IOException {
        Path runDir = context.runDir();
        List<Path> inputs = context.inputs();
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
            if (context.resuming()) {
                throw new IllegalArgumentException(runDir + " has checkpoints but no finished corpus; cannot resume");
            }
            PretrainJob.deleteTree(corpusDir);
            context.log().println("fitting mu-law tokenizer on " + inputs.size() + " recordings at "
                    + job.resample() + " Hz");
            Files.createDirectories(tokenizerFile.getParent());
            TokenizerFiles.save(MuLawTokenizer.fit(recordings, job.tokenizer().headroom()), tokenizerFile);
            CorpusSpec spec = new CorpusSpec(inputs.stream().map(p -> new CorpusSpec.Input(p.toString(), null, null))
                    .toList(), null, new CorpusSpec.Read(null, job.resample(), null, null, null),
                    new CorpusSpec.Preprocess(null, null, "none"), tokenizerFile.toString(), window / job.resample(),
                    stride / job.resample(), job.validationFraction(), job.splitUnit(), job.training().seed(), null);
            CorpusBuilder.Result built = CorpusBuilder.build(spec, runDir, corpusDir);
            context.log().println("corpus: " + built.trainWindows() + " train / " + built.validationWindows()
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
        context.log().println((context.resuming() ? "resuming" : "training") + " MEG-GPT " + job.size() + " ("
                + t.steps() + " steps, micro-batch " + t.microBatch() + ", " + train.size() + " train / "
                + validation.size() + " validation samples of " + channels + " x " + window + ")");
        TrainingPhase phase = TrainingPhase.single(model, train, validation, t.steps());
        JsonNode manifest = corpus.manifest();
        List<PreparedRun.InputRecord> records = new ArrayList<>();
        for (JsonNode source : manifest.get("sources")) {
            Map<String, String> hashes = new LinkedHashMap<>();
            source.get("sha256").properties().forEach(e -> hashes.put(e.getKey(), e.getValue().asString()));
            records.add(new PreparedRun.InputRecord(source.get("path").asString(), hashes,
                    source.get("split").asString()));
        }
        long splitSeed = manifest.get("split").get("seed").asLong();
        return new PreparedRun(List.of(phase), modelConfig, records, splitSeed, results -> {
            TrainingPhase.Result last = results.get(results.size() - 1);
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
            return new PreparedRun.ArtifactParts(ArtifactConfig.of("meggpt", job.size(), hyper), preprocessing,
                    card(job, manifest, model, new double[] {last.trainLoss(), last.validationLoss()}, t.steps()),
                    model.block(), tokenizer.state());
        });
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
}

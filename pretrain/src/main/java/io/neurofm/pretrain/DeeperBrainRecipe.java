package io.neurofm.pretrain;

import io.neurofm.artifact.ArtifactConfig;
import io.neurofm.artifact.FilterSpec;
import io.neurofm.artifact.ModelCard;
import io.neurofm.artifact.PreprocessingSpec;
import io.neurofm.corpus.Sha256;
import io.neurofm.dsp.Filters;
import io.neurofm.family.deeperbrain.DeeperBrainConfig;
import io.neurofm.family.deeperbrain.DeeperBrainModel;
import io.neurofm.family.deeperbrain.DeeperBrainPreset;
import io.neurofm.tokenize.stats.NeurodynamicsConfig;
import io.neurofm.tokenize.stats.NeurodynamicsStatistics;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tools.jackson.databind.node.ObjectNode;

/**
 * DeeperBrain: masked patch reconstruction plus neurodynamics statistics prediction on windows of
 * the unlabelled EEG ({@link EegWindowSamples}). Everything fitted on the data (the input scale and
 * the statistics' moments) is a deterministic function of the inputs, so a resume recomputes it.
 */
final class DeeperBrainRecipe implements FamilyRecipe {
    static final double DEFAULT_WINDOW_SECONDS = 4;

    @Override
    public PreparedRun prepare(PretrainJobConfig job, Context context) throws IOException {
        PretrainJobConfig.DeeperBrain options = job.deeperbrain();
        DeeperBrainConfig preset = DeeperBrainPreset.valueOf(job.size().toUpperCase(Locale.ROOT)).config();
        double rate = job.resample();
        int window = job.windowSamples() == null ? (int) Math.round(DEFAULT_WINDOW_SECONDS * rate) : job.windowSamples();
        int stride = job.strideSamples() == null ? window : job.strideSamples();
        if (window % preset.patchLength() != 0) {
            throw new IllegalArgumentException("windowSamples " + window + " must be whole patches of "
                    + preset.patchLength() + " samples");
        }
        int channels = job.channelsPerSample();
        FilterSpec bandPass = FilterSpec.bandpass(options.bandPass().get(0), options.bandPass().get(1),
                Filters.DEFAULT_ORDER);
        NeurodynamicsStatistics statistics = NeurodynamicsStatistics.plan(NeurodynamicsConfig.DEFAULT, rate, window);
        context.log().println("deeperbrain: windows of " + window + " samples at " + rate + " Hz, band-pass "
                + options.bandPass() + " Hz, blocks of " + channels + " channels, neurodynamics statistics per block");
        EegWindowSamples samples = EegWindowSamples.build(context.inputs(), rate, bandPass, window, stride, channels,
                job.validationFraction(), statistics);
        double inputScale = EegWindowSamples.inputScale(samples.train());
        double[][] moments = EegWindowSamples.statisticsMoments(samples.train());
        float lambda = options.nspWeight().floatValue();
        float maskRatio = options.maskRatio() == null ? preset.maskRatio() : options.maskRatio().floatValue();
        DeeperBrainConfig p = preset.withStatisticsDim(statistics.flatLength(channels)).withNspWeight(lambda);
        DeeperBrainConfig modelConfig = new DeeperBrainConfig(p.patchLength(), p.dModel(), p.heads(), p.ffDim(),
                p.layers(), p.oscillatoryBases(), p.exponentialBases(), p.statisticsDim(), p.nspWeight(), maskRatio,
                p.initialTau(), p.dropout());
        DeeperBrainModel model = new DeeperBrainModel(modelConfig);
        long seed = job.training().seed();
        DeeperBrainData train = new DeeperBrainData(samples.train(), inputScale, modelConfig.patchLength(), maskRatio,
                lambda > 0 ? moments : null, seed, false);
        DeeperBrainData validation = new DeeperBrainData(DeeperBrainData.spaced(samples.validation(),
                job.maxValidationSamples()), inputScale, modelConfig.patchLength(), maskRatio,
                lambda > 0 ? moments : null, io.neurofm.train.Seeds.mix(~seed, 1), true);
        PretrainJobConfig.Training t = job.training();
        context.log().println((context.resuming() ? "resuming" : "training") + " DeeperBrain " + job.size() + " ("
                + t.steps() + " steps, micro-batch " + t.microBatch() + ", " + train.size() + " train / "
                + validation.size() + " validation samples of " + channels + " channels x " + window / rate
                + " s, statistics D = " + modelConfig.statisticsDim() + ", lambda " + lambda + ", input scale "
                + String.format(Locale.ROOT, "%.4g", inputScale) + " per volt"
                + (samples.skipped() > 0 ? ", " + samples.skipped() + " samples skipped" : "") + ")");
        TrainingPhase phase = TrainingPhase.single(model, train, validation, t.steps());
        List<PreparedRun.InputRecord> inputs = new ArrayList<>();
        for (Path input : context.inputs()) {
            inputs.add(new PreparedRun.InputRecord(input.toString(),
                    Map.of(input.getFileName().toString(), Sha256.of(input)), "train+validation (time)"));
        }
        return new PreparedRun(List.of(phase), modelConfig, inputs, seed, results -> {
            TrainingPhase.Result last = results.get(0);
            ObjectNode hyper = PretrainJobConfig.JSON.createObjectNode();
            hyper.set("model", PretrainJobConfig.JSON.valueToTree(modelConfig));
            hyper.put("window_samples", window);
            hyper.put("input_scale", inputScale);
            hyper.put("channels_per_sample", channels);
            hyper.set("statistics_mean", PretrainJobConfig.JSON.valueToTree(moments[0]));
            hyper.set("statistics_std", PretrainJobConfig.JSON.valueToTree(moments[1]));
            hyper.put("steps", t.steps());
            hyper.put("micro_batch", t.microBatch());
            hyper.put("peak_lr", t.lr());
            hyper.put("warmup", t.warmup());
            hyper.put("seed", seed);
            PreprocessingSpec preprocessing = new PreprocessingSpec(rate, List.of(bandPass), samples.channels(),
                    null);
            return new PreparedRun.ArtifactParts(ArtifactConfig.of("deeperbrain", job.size(), hyper), preprocessing,
                    card(job, samples, model, last, t.steps(), inputScale, window, rate), model.block(), null);
        });
    }

    private static ModelCard card(PretrainJobConfig job, EegWindowSamples samples, DeeperBrainModel model,
            TrainingPhase.Result last, long steps, double inputScale, int window, double rate) {
        StringBuilder data = new StringBuilder();
        samples.summaries().forEach(s -> data.append("- ").append(s).append('\n'));
        data.append("Resampled to ").append(rate).append(" Hz, band-pass ").append(job.deeperbrain().bandPass())
                .append(" Hz (Butterworth order 4, zero phase), windows of ").append(window / rate)
                .append(" s, samples of ").append(job.channelsPerSample()).append(" consecutive channels; ")
                .append(samples.train().size()).append(" training and ").append(samples.validation().size())
                .append(" validation samples; split by time (the last ").append(job.validationFraction())
                .append(" of each recording held out). Inputs are volts times one scale ")
                .append(String.format(Locale.ROOT, "%.6g", inputScale))
                .append(" (1 / the median channel standard deviation of the training windows); statistics targets ")
                .append("standardised with the training moments (hyperparameters statistics_mean/std).");
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("final train loss", last.trainLoss());
        if (Double.isFinite(last.validationLoss())) {
            metrics.put("final validation loss", last.validationLoss());
        }
        metrics.put("steps", (double) steps);
        metrics.put("nsp weight", (double) model.config().nspWeight());
        return new ModelCard("DeeperBrain " + job.size() + " pretrained on " + samples.summaries().size()
                + " EEG recordings", "A masked-patch EEG encoder (DeeperBrain family, " + job.size()
                + " preset) pretrained by `neurofm pretrain`.", data.toString(), model.objectiveName(), metrics,
                "Research: embeddings for probes and a starting point for fine-tuning.",
                "Trained on a few minutes of EEG from a few recordings: not a general EEG model, not for clinical "
                        + "use. Validation windows come from the same recordings as training (time split).");
    }
}

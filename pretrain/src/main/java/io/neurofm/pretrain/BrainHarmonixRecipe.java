package io.neurofm.pretrain;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import io.neurofm.artifact.ArtifactConfig;
import io.neurofm.artifact.ChannelSpec;
import io.neurofm.artifact.ModelCard;
import io.neurofm.artifact.PreprocessingSpec;
import io.neurofm.corpus.Sha256;
import io.neurofm.family.brainharmonix.BrainHarmonixConfig;
import io.neurofm.family.brainharmonix.BrainHarmonixModel;
import io.neurofm.family.brainharmonix.BrainHarmonixPreset;
import io.neurofm.family.brainharmonix.FmriBatch;
import io.neurofm.family.brainharmonix.JepaMasking;
import io.neurofm.family.brainharmonix.Stage;
import io.neurofm.family.brainharmonix.T1Batch;
import io.neurofm.signal.OpenOptions;
import io.neurofm.signal.ReadRequest;
import io.neurofm.signal.Readers;
import io.neurofm.signal.Recording;
import io.neurofm.signal.SignalFile;
import io.neurofm.signal.Volume;
import io.neurofm.signal.io.nifti.NiftiReader;
import io.neurofm.tokenize.FmriTokenizer;
import io.neurofm.tokenize.TokenBatch;
import io.neurofm.tokenize.Tokens;
import io.neurofm.tokenize.VolumePatchTokenizer;
import io.neurofm.tokenize.VolumePatches;
import io.neurofm.train.Seeds;
import io.neurofm.train.TrainingData;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import tools.jackson.databind.node.ObjectNode;

/**
 * BrainHarmonix in three stages on one network: fMRI JEPA (with the EMA target updated after every
 * step), T1 MAE, then fusion. fMRI: ROI series (the shared CSV) cut into windows of whole tokens;
 * the split is by time (the shared data is one 250-volume scan: the last {@code validationFraction}
 * of it is held out, training windows overlapping it are dropped). T1: the first volume trains, the
 * others validate (each training sample is the volume under another random mask). Fusion pairs each
 * fMRI window with the T1 volume of its split. Every checkpoint holds the whole network, the EMA
 * target included, so a resumed stage (or a later one) continues exactly.
 */
final class BrainHarmonixRecipe implements FamilyRecipe {
    static final int DEFAULT_WINDOW_VOLUMES = 57;
    static final int DEFAULT_STRIDE_VOLUMES = 6;
    static final int VALIDATION_MASKS = 8;

    @Override
    public PreparedRun prepare(PretrainJobConfig job, Context context) throws IOException {
        PretrainJobConfig.BrainHarmonix options = job.brainharmonix();
        BrainHarmonixConfig config = BrainHarmonixPreset.valueOf(job.size().toUpperCase(Locale.ROOT)).config();
        int patch = options.t1Patch();
        if (patch * patch * patch != config.t1PatchVoxels()) {
            config = config.withT1PatchVoxels(patch * patch * patch);
        }
        BrainHarmonixConfig modelConfig = config;
        double tr = options.repetitionSeconds();
        int window = job.windowSamples() == null ? DEFAULT_WINDOW_VOLUMES : job.windowSamples();
        int stride = job.strideSamples() == null ? DEFAULT_STRIDE_VOLUMES : job.strideSamples();
        long seed = job.training().seed();

        List<Tokens> trainWindows = new ArrayList<>();
        List<Tokens> validationWindows = new ArrayList<>();
        List<ChannelSpec> rois = null;
        List<String> summaries = new ArrayList<>();
        FmriTokenizer tokenizer = null;
        for (Path input : context.inputs()) {
            try (SignalFile file = Readers.open(input, OpenOptions.withRepetitionTime(tr))) {
                Recording all = file.read(ReadRequest.all());
                int volumes = all.sampleCount();
                int validationStart = volumes - (int) Math.round(volumes * job.validationFraction());
                if (validationStart < window || volumes - validationStart < window) {
                    throw new IllegalArgumentException(input + ": " + volumes + " volumes split at " + validationStart
                            + " leave no room for a training and a validation window of " + window + " volumes");
                }
                if (tokenizer == null) {
                    tokenizer = FmriTokenizer.fit(List.of(file.read(ReadRequest.window(0, validationStart))),
                            FmriTokenizer.DEFAULT_DURATION_SECONDS);
                    rois = all.channels().stream().map(ChannelSpec::of).toList();
                }
                int train = 0;
                int held = 0;
                // Training windows must end before the held-out part; validation windows start at it,
                // at half the stride (the held-out part is short: one scan).
                for (int start = 0; start + window <= validationStart; start += stride) {
                    trainWindows.add(tokenizer.encode(file.read(ReadRequest.window(start, window))));
                    train++;
                }
                for (int start = validationStart; start + window <= volumes; start += Math.max(1, stride / 2)) {
                    validationWindows.add(tokenizer.encode(file.read(ReadRequest.window(start, window))));
                    held++;
                }
                summaries.add(input.getFileName() + ": " + all.channelCount() + " ROIs x " + volumes
                        + " volumes at TR " + tr + " s; " + train + " training windows in volumes [0, "
                        + validationStart + "), " + held + " validation windows after, " + window + " volumes each, "
                        + "stride " + stride + " (validation " + Math.max(1, stride / 2) + ")");
            }
        }
        if (trainWindows.isEmpty() || validationWindows.isEmpty()) {
            throw new IllegalArgumentException("no " + (trainWindows.isEmpty() ? "training" : "validation")
                    + " fMRI window");
        }
        NiftiReader nifti = new NiftiReader();
        List<Volume> volumes = new ArrayList<>();
        for (String t1 : options.t1()) {
            volumes.add(nifti.read(context.dataRoot().resolve(t1)));
        }
        int[] grid = {options.t1Grid(), options.t1Grid(), options.t1Grid()};
        // T1 intensities are in arbitrary scanner units, so each volume is scaled by its own median
        // and IQR (a tokenizer fitted on it alone); one fitted on ch2 put the other volume's values
        // at ~100x the scale.
        List<VolumePatches> t1 = new ArrayList<>();
        for (Volume v : volumes) {
            t1.add(VolumePatchTokenizer.fit(List.of(v), grid, patch).encode(v));
        }
        summaries.add("T1: " + options.t1().get(0) + " trains (" + options.t1MaskSamples() + " masks per step "
                + "cycle), " + String.join(", ", options.t1().subList(1, options.t1().size())) + " validate; "
                + options.t1Grid() + "^3 grid, " + patch + "^3 patches (" + t1.get(0).count() + " per volume)");

        BrainHarmonixModel model = new BrainHarmonixModel(modelConfig);
        FmriData jepaTrain = new FmriData(trainWindows, tr, modelConfig.fmriMaskRatio(), seed, false);
        FmriData jepaValidation = new FmriData(validationWindows, tr, modelConfig.fmriMaskRatio(), ~seed, true);
        T1Data maeTrain = new T1Data(t1.subList(0, 1), options.t1MaskSamples(), modelConfig.t1MaskRatio(), seed, false);
        T1Data maeValidation = new T1Data(t1.subList(1, t1.size()), VALIDATION_MASKS, modelConfig.t1MaskRatio(),
                ~seed, true);
        FusionData fusionTrain = new FusionData(trainWindows, t1.get(0), tr);
        FusionData fusionValidation = new FusionData(validationWindows, t1.get(1), tr);
        PretrainJobConfig.Training t = job.training();
        long jepaSteps = options.jepaSteps() == null ? t.steps() : options.jepaSteps();
        long maeSteps = options.maeSteps() == null ? t.steps() : options.maeSteps();
        long fusionSteps = options.fusionSteps() == null ? t.steps() : options.fusionSteps();
        List<TrainingPhase> phases = List.of(
                new TrainingPhase("fmri_jepa", PretrainJob.STAGES + "/fmri_jepa", model.stage(Stage.FMRI_JEPA),
                        jepaTrain, jepaValidation, jepaSteps, model.network(), model::updateTarget),
                new TrainingPhase("t1_mae", PretrainJob.STAGES + "/t1_mae", model.stage(Stage.T1_MAE), maeTrain,
                        maeValidation, maeSteps, model.network(), () -> { }),
                new TrainingPhase("fusion", PretrainJob.STAGES + "/fusion", model.stage(Stage.FUSION), fusionTrain,
                        fusionValidation, fusionSteps, model.network(), () -> { }));
        context.log().println((context.resuming() ? "resuming" : "training") + " BrainHarmonix " + job.size()
                + ": fMRI JEPA " + jepaSteps + " steps (" + jepaTrain.size() + " train / " + jepaValidation.size()
                + " validation samples), T1 MAE " + maeSteps + " (" + maeTrain.size() + " / " + maeValidation.size()
                + "), fusion " + fusionSteps + " (" + fusionTrain.size() + " / " + fusionValidation.size()
                + "), micro-batch " + t.microBatch());
        List<PreparedRun.InputRecord> inputs = new ArrayList<>();
        for (Path input : context.inputs()) {
            inputs.add(new PreparedRun.InputRecord(input.toString(),
                    Map.of(input.getFileName().toString(), Sha256.of(input)), "train+validation (time)"));
        }
        for (int i = 0; i < options.t1().size(); i++) {
            Path file = context.dataRoot().resolve(options.t1().get(i)).toAbsolutePath().normalize();
            inputs.add(new PreparedRun.InputRecord(file.toString(), Map.of(file.getFileName().toString(),
                    Sha256.of(file)), i == 0 ? "train" : "validation"));
        }
        FmriTokenizer fmriTokenizer = tokenizer;
        List<ChannelSpec> channels = rois;
        return new PreparedRun(phases, modelConfig, inputs, seed, results -> {
            ObjectNode hyper = PretrainJobConfig.JSON.createObjectNode();
            hyper.set("model", PretrainJobConfig.JSON.valueToTree(modelConfig));
            hyper.put("window_samples", window);
            hyper.put("repetition_seconds", tr);
            ObjectNode t1State = hyper.putObject("t1_tokenizer");
            t1State.put("type", VolumePatchTokenizer.TYPE);
            t1State.put("grid", options.t1Grid());
            t1State.put("patch", patch);
            t1State.put("intensity", "per volume: (x - median) / IQR of its own non-zero voxels");
            ObjectNode steps = hyper.putObject("stage_steps");
            results.forEach(r -> steps.put(r.phase().name(), r.phase().steps()));
            hyper.put("micro_batch", t.microBatch());
            hyper.put("peak_lr", t.lr());
            hyper.put("seed", seed);
            PreprocessingSpec preprocessing = new PreprocessingSpec(1 / tr, List.of(), channels, null);
            Map<String, Double> metrics = new LinkedHashMap<>();
            for (TrainingPhase.Result r : results) {
                metrics.put(r.phase().name() + " final train loss", r.trainLoss());
                metrics.put(r.phase().name() + " final validation loss", r.validationLoss());
                metrics.put(r.phase().name() + " steps", (double) r.phase().steps());
            }
            StringBuilder data = new StringBuilder();
            summaries.forEach(s -> data.append("- ").append(s).append('\n'));
            data.append("fMRI tokens of ").append(FmriTokenizer.DEFAULT_DURATION_SECONDS)
                    .append(" s (FmriTokenizer, fitted on the training volumes), no ROI coordinates (learned "
                            + "unknown position). The shared fMRI is a single scan, so validation is its last "
                            + "part in time, not another subject.");
            ModelCard card = new ModelCard("BrainHarmonix " + job.size() + " pretrained on the shared fMRI and T1",
                    "An fMRI + T1 model (BrainHarmonix family, " + job.size() + " preset) pretrained in three "
                            + "stages by `neurofm pretrain`.", data.toString(),
                    "fMRI JEPA (Smooth-L1 to EMA-target representations), then T1 MAE (MSE on masked patches), "
                            + "then fusion (MSE of pooled modality embeddings decoded from hub tokens)",
                    metrics, "Research: checking the multimodal pipeline end to end; hub embeddings for probes.",
                    "One fMRI scan and two T1 volumes: not a general brain model, not for clinical use.");
            return new PreparedRun.ArtifactParts(ArtifactConfig.of("brainharmonix", job.size(), hyper), preprocessing, card,
                    model.network(), fmriTokenizer.state());
        });
    }

    /** JEPA batches: padded token windows with a time-block target mask per sample. */
    static final class FmriData implements TrainingData {
        private final List<Tokens> windows;
        private final double tr;
        private final double ratio;
        private final long seed;
        private final boolean fixedMasks;

        FmriData(List<Tokens> windows, double tr, double ratio, long seed, boolean fixedMasks) {
            this.windows = List.copyOf(windows);
            this.tr = tr;
            this.ratio = ratio;
            this.seed = seed;
            this.fixedMasks = fixedMasks;
        }

        @Override
        public int size() {
            // Validation repeats each window under several fixed masks, so its loss averages over them.
            return fixedMasks ? windows.size() * VALIDATION_MASKS : windows.size();
        }

        @Override
        public long tokensPerSample() {
            return (long) windows.get(0).channels().size() * windows.get(0).valid()[0].length;
        }

        @Override
        public NDList batch(NDManager manager, int[] indices) {
            List<Tokens> picked = new ArrayList<>();
            for (int i : indices) {
                picked.add(windows.get(i % windows.size()));
            }
            TokenBatch tokens = TokenBatch.pad(picked);
            float[][][] target = new float[indices.length][][];
            Random batchRandom = new Random(Seeds.mix(seed, Arrays.hashCode(indices)));
            for (int i = 0; i < indices.length; i++) {
                Random random = fixedMasks ? new Random(Seeds.mix(seed, indices[i])) : batchRandom;
                target[i] = JepaMasking.timeBlock(new boolean[][][] {tokens.valid()[i]}, ratio, random)[0];
            }
            double[] trs = new double[indices.length];
            Arrays.fill(trs, tr);
            return FmriBatch.of(manager, tokens, trs, null, target);
        }
    }

    /** MAE batches: T1 volumes, sample i = volume i mod V under a random (validation: fixed) mask. */
    static final class T1Data implements TrainingData {
        private final List<VolumePatches> volumes;
        private final int perVolume;
        private final double ratio;
        private final long seed;
        private final boolean fixedMasks;

        T1Data(List<VolumePatches> volumes, int perVolume, double ratio, long seed, boolean fixedMasks) {
            this.volumes = List.copyOf(volumes);
            this.perVolume = perVolume;
            this.ratio = ratio;
            this.seed = seed;
            this.fixedMasks = fixedMasks;
        }

        @Override
        public int size() {
            return volumes.size() * perVolume;
        }

        @Override
        public long tokensPerSample() {
            return volumes.get(0).count();
        }

        @Override
        public NDList batch(NDManager manager, int[] indices) {
            List<VolumePatches> picked = new ArrayList<>();
            float[][] mask = new float[indices.length][];
            Random batchRandom = new Random(Seeds.mix(seed, Arrays.hashCode(indices)));
            for (int i = 0; i < indices.length; i++) {
                VolumePatches v = volumes.get(indices[i] % volumes.size());
                picked.add(v);
                Random random = fixedMasks ? new Random(Seeds.mix(seed, indices[i])) : batchRandom;
                mask[i] = T1Batch.randomMask(1, v.count(), ratio, random)[0];
            }
            return T1Batch.of(manager, picked, mask);
        }
    }

    /** Fusion batches: each fMRI window with its split's T1 volume. */
    static final class FusionData implements TrainingData {
        private final List<Tokens> windows;
        private final VolumePatches t1;
        private final double tr;

        FusionData(List<Tokens> windows, VolumePatches t1, double tr) {
            this.windows = List.copyOf(windows);
            this.t1 = t1;
            this.tr = tr;
        }

        @Override
        public int size() {
            return windows.size();
        }

        @Override
        public long tokensPerSample() {
            return (long) windows.get(0).channels().size() * windows.get(0).valid()[0].length + t1.count();
        }

        @Override
        public NDList batch(NDManager manager, int[] indices) {
            List<Tokens> picked = new ArrayList<>();
            List<VolumePatches> volumes = new ArrayList<>();
            for (int i : indices) {
                picked.add(windows.get(i));
                volumes.add(t1);
            }
            double[] trs = new double[indices.length];
            Arrays.fill(trs, tr);
            NDList out = FmriBatch.of(manager, TokenBatch.pad(picked), trs, null, null);
            out.addAll(T1Batch.of(manager, volumes, null));
            return out;
        }
    }
}

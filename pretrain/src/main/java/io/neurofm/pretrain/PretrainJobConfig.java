package io.neurofm.pretrain;

import io.neurofm.corpus.SplitUnit;
import io.neurofm.signal.SignalFormatException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.exc.UnrecognizedPropertyException;
import tools.jackson.databind.json.JsonMapper;

/**
 * A pretraining job ({@code neurofm pretrain --config job.json}, see docs/jobs.md). Unknown fields
 * are refused naming the field, so a misspelt option is not silently ignored. Nulls take the
 * defaults stated per field.
 *
 * <p>Defaults depend on the family where they say so (meggpt / deeperbrain / brainharmonix).
 *
 * @param family             model family: meggpt (null), deeperbrain or brainharmonix
 * @param size               preset: tiny, small or base
 * @param dataRoot           folder relative input paths are resolved against; null for the caller's default
 *                           (the CLI: the shared data folder)
 * @param inputs             recordings (brainharmonix: fMRI ROI series); null for the family's shared defaults
 * @param resample           common rate in Hz every EEG recording is resampled to; null for 128 / 200;
 *                           brainharmonix refuses it (fMRI keeps its TR)
 * @param tokenizer          MEG-GPT tokenizer settings; null for mu-law with headroom 1
 * @param windowSamples      window length in samples (brainharmonix: volumes); null for the preset's T /
 *                           4 s / 76 volumes
 * @param strideSamples      distance between window starts; null for windowSamples
 * @param channelsPerSample  channels of one training sample (consecutive rows of a window); null for 4;
 *                           brainharmonix refuses it (a sample holds every ROI)
 * @param validationFraction held-out fraction of split groups (time split: of each recording's windows,
 *                           taken from its end); null for 0.5 / 0.25 / 0.3
 * @param splitUnit          subject, session or recording (meggpt; null for recording); time (the other
 *                           families, and their only choice)
 * @param maxValidationSamples validation samples used (evenly spaced over the set); null or 0 for all
 * @param training           loop settings; null for the defaults of {@link Training}
 * @param runDir             run folder (tokenizer, corpus, metrics, checkpoints, artifact); null for runs/&lt;modelName&gt;
 * @param registry           model registry folder; null for ModelRegistry's default
 * @param modelName          registry name; null for &lt;family&gt;-&lt;size&gt;
 * @param deeperbrain        DeeperBrain settings (only with that family); null for the defaults
 * @param brainharmonix      BrainHarmonix settings (only with that family); null for the defaults
 */
public record PretrainJobConfig(String family, String size, String dataRoot, List<String> inputs, Double resample,
        Tokenizer tokenizer, Integer windowSamples, Integer strideSamples, Integer channelsPerSample,
        Double validationFraction, String splitUnit, Integer maxValidationSamples, Training training,
        String runDir, String registry, String modelName, DeeperBrain deeperbrain, BrainHarmonix brainharmonix) {
    public static final List<String> DEFAULT_INPUTS =
            List.of("eeg/eegmmidb_S001R01.edf", "eeg/capslpdb_brux2_100s.edf");
    /** The unlabelled shared EEG (not the Graz motor-imagery file: it is the probes' test set). */
    public static final List<String> DEFAULT_EEG_INPUTS = List.of("eeg/eegmmidb_S001R01.edf",
            "eeg/capslpdb_brux2_100s.edf", "eeg/test_edf_stim_channel.edf");
    public static final List<String> DEFAULT_FMRI_INPUTS = List.of("fmri/fmri_timeseries.csv");
    public static final List<String> FAMILIES = List.of("meggpt", "deeperbrain", "brainharmonix");
    static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES).build();

    public PretrainJobConfig {
        family = family == null ? "meggpt" : family.toLowerCase(Locale.ROOT);
        if (!FAMILIES.contains(family)) {
            throw new IllegalArgumentException("family must be one of " + FAMILIES + ", got " + family);
        }
        boolean meggpt = family.equals("meggpt");
        boolean harmonix = family.equals("brainharmonix");
        if (!family.equals("deeperbrain") && deeperbrain != null) {
            throw new IllegalArgumentException("the deeperbrain section needs family deeperbrain, got " + family);
        }
        if (!harmonix && brainharmonix != null) {
            throw new IllegalArgumentException("the brainharmonix section needs family brainharmonix, got " + family);
        }
        if (!meggpt && tokenizer != null) {
            throw new IllegalArgumentException("tokenizer is a meggpt setting; " + family + " has its own");
        }
        if (harmonix && (resample != null || channelsPerSample != null)) {
            throw new IllegalArgumentException("resample and channelsPerSample are EEG settings; brainharmonix "
                    + "keeps the fMRI's TR and every ROI");
        }
        size = size == null ? "tiny" : size.toLowerCase(Locale.ROOT);
        if (!List.of("tiny", "small", "base").contains(size)) {
            throw new IllegalArgumentException("size must be tiny, small or base, got " + size);
        }
        inputs = inputs == null ? (meggpt ? DEFAULT_INPUTS : harmonix ? DEFAULT_FMRI_INPUTS : DEFAULT_EEG_INPUTS)
                : List.copyOf(inputs);
        if (inputs.isEmpty()) {
            throw new IllegalArgumentException("inputs is empty");
        }
        resample = resample == null ? (meggpt ? Double.valueOf(128.0) : harmonix ? null : Double.valueOf(200.0))
                : resample;
        if (resample != null && (!(resample > 0) || !Double.isFinite(resample))) {
            throw new IllegalArgumentException("resample must be a positive rate in Hz, got " + resample);
        }
        tokenizer = tokenizer == null && meggpt ? new Tokenizer(null, null) : tokenizer;
        if (windowSamples != null && windowSamples < 2) {
            throw new IllegalArgumentException("windowSamples must be >= 2, got " + windowSamples);
        }
        if (strideSamples != null && strideSamples < 1) {
            throw new IllegalArgumentException("strideSamples must be >= 1, got " + strideSamples);
        }
        channelsPerSample = channelsPerSample == null && !harmonix ? Integer.valueOf(4) : channelsPerSample;
        if (channelsPerSample != null && channelsPerSample < (meggpt ? 1 : 2)) {
            throw new IllegalArgumentException("channelsPerSample must be >= " + (meggpt ? 1 : 2)
                    + " (deeperbrain's statistics need channel pairs), got " + channelsPerSample);
        }
        validationFraction = validationFraction == null ? (meggpt ? 0.5 : harmonix ? 0.3 : 0.25)
                : validationFraction;
        if (!(validationFraction > 0 && validationFraction < 1)) {
            throw new IllegalArgumentException("validationFraction must be in (0, 1) (the job reports a validation "
                    + "loss), got " + validationFraction);
        }
        if (meggpt) {
            splitUnit = splitUnit == null ? SplitUnit.RECORDING.label() : splitUnit;
            SplitUnit.parse(splitUnit);
        } else {
            splitUnit = splitUnit == null ? TIME_SPLIT : splitUnit;
            if (!splitUnit.equals(TIME_SPLIT)) {
                throw new IllegalArgumentException(family + " splits by time (the end of each recording is held "
                        + "out), splitUnit must be \"time\", got " + splitUnit);
            }
        }
        maxValidationSamples = maxValidationSamples == null ? 0 : maxValidationSamples;
        if (maxValidationSamples < 0) {
            throw new IllegalArgumentException("maxValidationSamples must be >= 0, got " + maxValidationSamples);
        }
        training = training == null ? new Training(null, null, null, null, null, null, null, null, null, null)
                : training;
        modelName = modelName == null ? family + "-" + size : modelName;
        runDir = runDir == null ? "runs/" + modelName : runDir;
        deeperbrain = deeperbrain == null && family.equals("deeperbrain") ? new DeeperBrain(null, null, null)
                : deeperbrain;
        brainharmonix = brainharmonix == null && harmonix
                ? new BrainHarmonix(null, null, null, null, null, null, null, null) : brainharmonix;
    }

    static final String TIME_SPLIT = "time";

    /**
     * DeeperBrain settings.
     *
     * @param bandPass  zero-phase Butterworth band-pass [low, high] Hz after resampling (order 4); null for
     *                  [0.5, 45]
     * @param nspWeight lambda of the statistics prediction; null for 1, 0 for reconstruction only
     * @param maskRatio share of a sample's patches masked; null for the preset's 0.5
     */
    public record DeeperBrain(List<Double> bandPass, Double nspWeight, Double maskRatio) {
        public DeeperBrain {
            bandPass = bandPass == null ? List.of(0.5, 45.0) : List.copyOf(bandPass);
            if (bandPass.size() != 2 || !(bandPass.get(0) > 0) || !(bandPass.get(0) < bandPass.get(1))
                    || !Double.isFinite(bandPass.get(1))) {
                throw new IllegalArgumentException("deeperbrain.bandPass must be [low, high] Hz with 0 < low < high, got "
                        + bandPass);
            }
            nspWeight = nspWeight == null ? 1.0 : nspWeight;
            if (!(nspWeight >= 0) || !Double.isFinite(nspWeight)) {
                throw new IllegalArgumentException("deeperbrain.nspWeight must be >= 0, got " + nspWeight);
            }
            if (maskRatio != null && !(maskRatio > 0 && maskRatio < 1)) {
                throw new IllegalArgumentException("deeperbrain.maskRatio must be in (0, 1), got " + maskRatio);
            }
        }
    }

    /**
     * BrainHarmonix settings. Stages train in order fMRI JEPA, T1 MAE, fusion, each with the job's
     * training settings except its step count.
     *
     * @param repetitionSeconds TR of the fMRI inputs (the CSV series have none); null for 1.89
     * @param t1                T1 volumes, the first training and the rest validation; null for
     *                          mri/ch2.nii.gz and mri/nibabel_anatomical.nii
     * @param t1Grid            voxels per axis the T1 volumes are resampled to; null for 32
     * @param t1Patch           voxels per patch edge; null for 8 (p^3 = the preset's T1 patch voxels)
     * @param jepaSteps         fMRI JEPA steps; null for training.steps
     * @param maeSteps          T1 MAE steps; null for training.steps
     * @param fusionSteps       fusion steps; null for training.steps
     * @param t1MaskSamples     training samples per T1 volume (each a different random mask); null for 64
     */
    public record BrainHarmonix(Double repetitionSeconds, List<String> t1, Integer t1Grid, Integer t1Patch,
            Long jepaSteps, Long maeSteps, Long fusionSteps, Integer t1MaskSamples) {
        public BrainHarmonix {
            repetitionSeconds = repetitionSeconds == null ? 1.89 : repetitionSeconds;
            if (!(repetitionSeconds > 0) || !Double.isFinite(repetitionSeconds)) {
                throw new IllegalArgumentException("brainharmonix.repetitionSeconds must be positive, got "
                        + repetitionSeconds);
            }
            t1 = t1 == null ? List.of("mri/ch2.nii.gz", "mri/nibabel_anatomical.nii") : List.copyOf(t1);
            if (t1.size() < 2) {
                throw new IllegalArgumentException("brainharmonix.t1 needs a training and a validation volume, got "
                        + t1);
            }
            t1Grid = t1Grid == null ? 32 : t1Grid;
            t1Patch = t1Patch == null ? 8 : t1Patch;
            if (t1Patch < 1 || t1Grid < 2 * t1Patch || t1Grid % t1Patch != 0) {
                throw new IllegalArgumentException("brainharmonix.t1Grid must be a multiple of t1Patch with at least "
                        + "two patches per axis, got grid " + t1Grid + ", patch " + t1Patch);
            }
            for (Long s : new Long[] {jepaSteps, maeSteps, fusionSteps}) {
                if (s != null && s < 1) {
                    throw new IllegalArgumentException("brainharmonix stage steps must be >= 1, got " + s);
                }
            }
            t1MaskSamples = t1MaskSamples == null ? 64 : t1MaskSamples;
            if (t1MaskSamples < 1) {
                throw new IllegalArgumentException("brainharmonix.t1MaskSamples must be >= 1, got " + t1MaskSamples);
            }
        }
    }

    /** Tokenizer settings. mu-law has 256 ids (mu = 255), so the model's V is 257 (one spare id, as the presets). */
    public record Tokenizer(String type, Double headroom) {
        public Tokenizer {
            type = type == null ? "mulaw" : type.toLowerCase(Locale.ROOT);
            if (!type.equals("mulaw")) {
                throw new IllegalArgumentException("tokenizer.type must be mulaw, got " + type);
            }
            headroom = headroom == null ? 1.0 : headroom;
            if (!(headroom >= 1) || !Double.isFinite(headroom)) {
                throw new IllegalArgumentException("tokenizer.headroom must be >= 1, got " + headroom);
            }
        }
    }

    /**
     * Loop settings (see docs/training.md).
     *
     * @param steps           global steps; null for 200
     * @param microBatch      samples per step; null for 16
     * @param lr              peak learning rate; null for 1e-3
     * @param warmup          linear warmup steps; null for steps / 10
     * @param checkpointEvery steps between checkpoints; null for 50 (0: the final one only)
     * @param keepCheckpoints newest checkpoints kept; null for 2
     * @param validateEvery   steps between validation passes; null for 50 (the end is always validated)
     * @param logEvery        steps between metric lines; null for 1
     * @param maxGradNorm     global-norm clipping; null for 1.0, 0 for off
     * @param seed            seeds weights, data order, dropout and the split; null for 7
     */
    public record Training(Long steps, Integer microBatch, Double lr, Long warmup, Integer checkpointEvery,
            Integer keepCheckpoints, Integer validateEvery, Integer logEvery, Double maxGradNorm, Long seed) {
        public Training {
            steps = steps == null ? 200L : steps;
            microBatch = microBatch == null ? 16 : microBatch;
            lr = lr == null ? 1e-3 : lr;
            warmup = warmup == null ? steps / 10 : warmup;
            checkpointEvery = checkpointEvery == null ? 50 : checkpointEvery;
            keepCheckpoints = keepCheckpoints == null ? 2 : keepCheckpoints;
            validateEvery = validateEvery == null ? 50 : validateEvery;
            logEvery = logEvery == null ? 1 : logEvery;
            maxGradNorm = maxGradNorm == null ? 1.0 : maxGradNorm;
            seed = seed == null ? 7L : seed;
        }
    }

    /** Parses a job; a malformed one is a SignalFormatException naming the file and the offending field. */
    public static PretrainJobConfig parse(String json, Path source) throws IOException {
        try {
            return JSON.readValue(json, PretrainJobConfig.class);
        } catch (UnrecognizedPropertyException e) {
            throw new SignalFormatException(source, e.getPropertyName(), -1,
                    "a known job field (see docs/jobs.md)", "unknown field \"" + e.getPropertyName() + "\" at "
                    + e.getPathReference());
        } catch (JacksonException e) {
            Throwable cause = e.getCause();
            String message = cause instanceof IllegalArgumentException ? cause.getMessage() : e.getOriginalMessage();
            throw new SignalFormatException(source, "job config", -1, "a valid pretraining job (see docs/jobs.md)",
                    message);
        }
    }

    public static PretrainJobConfig read(Path file) throws IOException {
        return parse(Files.readString(file), file);
    }

    public PretrainJobConfig withRunDir(String dir) {
        return new PretrainJobConfig(family, size, dataRoot, inputs, resample, tokenizer, windowSamples, strideSamples,
                channelsPerSample, validationFraction, splitUnit, maxValidationSamples, training, dir, registry,
                modelName, deeperbrain, brainharmonix);
    }

    public JsonNode toJson() {
        return JSON.valueToTree(this);
    }
}

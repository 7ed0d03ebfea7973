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
 * @param family             model family; only "meggpt"
 * @param size               preset: tiny, small or base
 * @param dataRoot           folder relative input paths are resolved against; null for the caller's default
 *                           (the CLI: the shared data folder)
 * @param inputs             recordings; null for the two shared EEG recordings
 * @param resample           common rate in Hz every recording is resampled to; null for 128
 * @param tokenizer          tokenizer settings; null for mu-law with headroom 1
 * @param windowSamples      window length in samples = the model's T; null for the preset's T
 * @param strideSamples      distance between window starts; null for windowSamples
 * @param channelsPerSample  channels of one training sample (consecutive rows of a window); null for 4
 * @param validationFraction held-out fraction of split groups; null for 0.5
 * @param splitUnit          subject, session or recording; null for recording
 * @param maxValidationSamples validation samples used (evenly spaced over the set); null or 0 for all
 * @param training           loop settings; null for the defaults of {@link Training}
 * @param runDir             run folder (tokenizer, corpus, metrics, checkpoints, artifact); null for runs/&lt;modelName&gt;
 * @param registry           model registry folder; null for ModelRegistry's default
 * @param modelName          registry name; null for &lt;family&gt;-&lt;size&gt;
 */
public record PretrainJobConfig(String family, String size, String dataRoot, List<String> inputs, Double resample,
        Tokenizer tokenizer, Integer windowSamples, Integer strideSamples, Integer channelsPerSample,
        Double validationFraction, String splitUnit, Integer maxValidationSamples, Training training,
        String runDir, String registry, String modelName) {
    public static final List<String> DEFAULT_INPUTS =
            List.of("eeg/eegmmidb_S001R01.edf", "eeg/capslpdb_brux2_100s.edf");
    static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES).build();

    public PretrainJobConfig {
        family = family == null ? "meggpt" : family.toLowerCase(Locale.ROOT);
        if (!family.equals("meggpt")) {
            throw new IllegalArgumentException("family must be meggpt (the only family with a pretraining job), got "
                    + family);
        }
        size = size == null ? "tiny" : size.toLowerCase(Locale.ROOT);
        if (!List.of("tiny", "small", "base").contains(size)) {
            throw new IllegalArgumentException("size must be tiny, small or base, got " + size);
        }
        inputs = inputs == null ? DEFAULT_INPUTS : List.copyOf(inputs);
        if (inputs.isEmpty()) {
            throw new IllegalArgumentException("inputs is empty");
        }
        resample = resample == null ? 128.0 : resample;
        if (!(resample > 0) || !Double.isFinite(resample)) {
            throw new IllegalArgumentException("resample must be a positive rate in Hz, got " + resample);
        }
        tokenizer = tokenizer == null ? new Tokenizer(null, null) : tokenizer;
        if (windowSamples != null && windowSamples < 2) {
            throw new IllegalArgumentException("windowSamples must be >= 2, got " + windowSamples);
        }
        if (strideSamples != null && strideSamples < 1) {
            throw new IllegalArgumentException("strideSamples must be >= 1, got " + strideSamples);
        }
        channelsPerSample = channelsPerSample == null ? 4 : channelsPerSample;
        if (channelsPerSample < 1) {
            throw new IllegalArgumentException("channelsPerSample must be >= 1, got " + channelsPerSample);
        }
        validationFraction = validationFraction == null ? 0.5 : validationFraction;
        if (!(validationFraction > 0 && validationFraction < 1)) {
            throw new IllegalArgumentException("validationFraction must be in (0, 1) (the job reports a validation "
                    + "loss), got " + validationFraction);
        }
        splitUnit = splitUnit == null ? SplitUnit.RECORDING.label() : splitUnit;
        SplitUnit.parse(splitUnit);
        maxValidationSamples = maxValidationSamples == null ? 0 : maxValidationSamples;
        if (maxValidationSamples < 0) {
            throw new IllegalArgumentException("maxValidationSamples must be >= 0, got " + maxValidationSamples);
        }
        training = training == null ? new Training(null, null, null, null, null, null, null, null, null, null)
                : training;
        modelName = modelName == null ? family + "-" + size : modelName;
        runDir = runDir == null ? "runs/" + modelName : runDir;
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
                modelName);
    }

    public JsonNode toJson() {
        return JSON.valueToTree(this);
    }
}

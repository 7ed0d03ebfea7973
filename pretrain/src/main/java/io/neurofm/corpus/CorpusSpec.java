package io.neurofm.corpus;

import io.neurofm.load.LoadSpec;
import io.neurofm.montage.StandardMontage;
import io.neurofm.signal.OpenOptions;
import io.neurofm.signal.SignalFormatException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * What a pretraining corpus is made of and how: the recordings, how to read and preprocess them,
 * the tokenizer, the windows and the train/validation split. Mapped from JSON by Jackson (unknown
 * fields are refused so a misspelt option is not silently ignored). Relative paths are resolved
 * against a base folder (the spec file's folder for {@link #read}).
 *
 * @param inputs             recordings named one by one, each with optional subject/session ids
 * @param bids               BIDS dataset roots; their recordings of the given suffixes are added, sorted by path
 * @param read               channel selection, resampling, channel map, montage
 * @param preprocess         filters and scaling applied to each whole recording before windowing
 * @param tokenizer          a saved tokenizer state file (T.json, see TokenizerFiles)
 * @param windowSeconds      window length
 * @param strideSeconds      distance between window starts; null for windowSeconds (no overlap)
 * @param validationFraction fraction of split groups held out, in [0, 1); null for 0
 * @param splitUnit          subject, session or recording; null for subject
 * @param seed               seeds the split; null for 0
 * @param shardBytes         target shard size; a shard holds at least one window; null for 64 MiB
 */
public record CorpusSpec(List<Input> inputs, List<Bids> bids, Read read, Preprocess preprocess, String tokenizer,
                         Double windowSeconds, Double strideSeconds, Double validationFraction, String splitUnit,
                         Long seed, Long shardBytes) {
    public static final long DEFAULT_SHARD_BYTES = 64L << 20;
    /** Mapped buffers are indexed by int; a shard stays well below that. */
    public static final long MAX_SHARD_BYTES = 1L << 30;
    static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES).build();

    public CorpusSpec {
        inputs = inputs == null ? List.of() : List.copyOf(inputs);
        bids = bids == null ? List.of() : List.copyOf(bids);
        read = read == null ? new Read(null, null, null, null, null) : read;
        preprocess = preprocess == null ? new Preprocess(null, null, null) : preprocess;
        splitUnit = splitUnit == null ? SplitUnit.SUBJECT.label() : splitUnit;
        shardBytes = shardBytes == null ? DEFAULT_SHARD_BYTES : shardBytes;
        if (windowSeconds == null) {
            throw new IllegalArgumentException("the corpus spec has no windowSeconds");
        }
        strideSeconds = strideSeconds == null ? windowSeconds : strideSeconds;
        validationFraction = validationFraction == null ? 0.0 : validationFraction;
        seed = seed == null ? 0L : seed;
        if (inputs.isEmpty() && bids.isEmpty()) {
            throw new IllegalArgumentException("the corpus spec names no inputs and no BIDS datasets");
        }
        if (tokenizer == null || tokenizer.isBlank()) {
            throw new IllegalArgumentException("the corpus spec names no tokenizer (a saved T.json)");
        }
        if (!(windowSeconds > 0) || !Double.isFinite(windowSeconds)) {
            throw new IllegalArgumentException("windowSeconds must be > 0, got " + windowSeconds);
        }
        if (!(strideSeconds > 0) || !Double.isFinite(strideSeconds)) {
            throw new IllegalArgumentException("strideSeconds must be > 0, got " + strideSeconds);
        }
        if (!(validationFraction >= 0 && validationFraction < 1)) {
            throw new IllegalArgumentException("validationFraction must be in [0, 1), got " + validationFraction);
        }
        SplitUnit.parse(splitUnit);
        if (shardBytes < 1 || shardBytes > MAX_SHARD_BYTES) {
            throw new IllegalArgumentException("shardBytes must be in 1.." + MAX_SHARD_BYTES + ", got " + shardBytes);
        }
    }

    /** One recording; subject and session (labels without "sub-"/"ses-") override what the file or BIDS says. */
    public record Input(String path, String subject, String session) {
        public Input {
            if (path == null || path.isBlank()) {
                throw new IllegalArgumentException("an input has no path");
            }
        }
    }

    /** A BIDS dataset root and the recording suffixes to take from it (null: eeg, ieeg, meg). */
    public record Bids(String root, List<String> suffixes) {
        public Bids {
            if (root == null || root.isBlank()) {
                throw new IllegalArgumentException("a BIDS entry has no root");
            }
            suffixes = suffixes == null ? List.of("eeg", "ieeg", "meg") : List.copyOf(suffixes);
        }
    }

    /**
     * The {@link LoadSpec} pieces.
     *
     * @param channels     channel names to keep, in this order; null or empty for all
     * @param resample     common rate in Hz; null keeps each file's rate (then they must agree with the tokenizer)
     * @param channelMap   a channel map file (rename/retype/position); null for none
     * @param montage      standard montage label (10-20, 10-10, 10-05); null for none
     * @param samplingRate rate for formats that carry none (CSV, bare NPY); null when not needed
     */
    public record Read(List<String> channels, Double resample, String channelMap, String montage,
                       Double samplingRate) {
        public Read {
            channels = channels == null ? List.of() : List.copyOf(channels);
            if (montage != null) {
                StandardMontage.byLabel(montage);
            }
        }

        LoadSpec toLoadSpec(Path base) {
            return new LoadSpec(samplingRate == null ? OpenOptions.DEFAULT : OpenOptions.withSamplingRate(samplingRate),
                    channels, 0, Double.NaN, resample, channelMap == null ? null : base.resolve(channelMap),
                    montage == null ? null : StandardMontage.byLabel(montage), true);
        }
    }

    /**
     * Steps applied to each whole recording, in this order: band-pass, notch, scaling.
     *
     * @param scaling none, zscore or robust, fitted per recording on that recording
     */
    public record Preprocess(Bandpass bandpass, Notch notch, String scaling) {
        public Preprocess {
            scaling = scaling == null ? "none" : scaling.toLowerCase(Locale.ROOT);
            if (!List.of("none", "zscore", "robust").contains(scaling)) {
                throw new IllegalArgumentException("scaling must be none, zscore or robust, got " + scaling);
            }
        }
    }

    /** Zero-phase Butterworth band-pass; order null for {@code Filters.DEFAULT_ORDER}. */
    public record Bandpass(double low, double high, Integer order) {
        public Bandpass {
            if (!(low > 0 && high > low)) {
                throw new IllegalArgumentException("band-pass needs 0 < low < high, got " + low + ".." + high);
            }
            order = order == null ? io.neurofm.dsp.Filters.DEFAULT_ORDER : order;
        }
    }

    /** Zero-phase notch; q null for {@code Filters.DEFAULT_NOTCH_Q}. */
    public record Notch(double freq, Double q, boolean harmonics) {
        public Notch {
            if (!(freq > 0)) {
                throw new IllegalArgumentException("notch frequency must be > 0, got " + freq);
            }
            q = q == null ? io.neurofm.dsp.Filters.DEFAULT_NOTCH_Q : q;
        }
    }

    /** Reads a spec file; relative paths in it are meant against its folder. */
    public static CorpusSpec read(Path file) throws IOException {
        try {
            return JSON.readValue(Files.readString(file), CorpusSpec.class);
        } catch (JacksonException e) {
            Throwable cause = e.getCause();
            String message = cause instanceof IllegalArgumentException ? cause.getMessage() : e.getOriginalMessage();
            throw new SignalFormatException(file, "corpus spec", -1, "a valid corpus spec (see docs/corpus.md)",
                    message);
        }
    }

    public SplitUnit unit() {
        return SplitUnit.parse(splitUnit);
    }
}

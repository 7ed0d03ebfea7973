package io.neurofm.tokenize;

import io.neurofm.dsp.Resampling;
import io.neurofm.montage.Montage;
import io.neurofm.montage.StandardMontage;
import io.neurofm.signal.Channel;
import io.neurofm.signal.Recording;
import io.neurofm.signal.RecordingIds;
import io.neurofm.signal.SignalException;
import io.neurofm.signal.Transform;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Continuous patch tokens (LaBraM / CBraMod style): the window is resampled to a target rate,
 * optionally scaled per channel, and cut into non-overlapping patches of a fixed number of
 * samples; a trailing remainder shorter than a patch is dropped. Each token is the patch's
 * samples, optionally followed by its magnitude spectrum ({@link PatchSpectrum}). Rows keep the
 * window's channel names and positions; with a standard montage set, EEG channels with standard
 * names get their positions from it before patching.
 *
 * <p>Without the spectrum the tokens are invertible: decoding concatenates the patches at the
 * target rate and undoes the scaling (the dropped remainder is not restored).
 */
public final class PatchTokenizer implements Tokenizer {
    public static final String TYPE = "patch";

    /** How samples are scaled before patching. */
    public enum Scaling {
        /** Samples as they are, in SI units. */
        NONE,
        /** Divided by one constant for every channel (LaBraM: 100 uV = 1e-4 V). */
        FIXED,
        /** Per channel (x - mean) / std, fitted on the training recordings at the target rate. */
        ZSCORE
    }

    /**
     * @param targetRate    rate the window is resampled to, Hz (the ratio to a window's rate must be exact in decimal)
     * @param patchSamples  samples per patch at the target rate
     * @param fft           append the magnitude spectrum to each patch
     * @param scaling       how samples are scaled
     * @param fixedDivisor  the divisor for {@link Scaling#FIXED}, in the channels' unit
     * @param montage       standard positions applied to the window first, or null to keep the window's
     */
    public record Options(double targetRate, int patchSamples, boolean fft, Scaling scaling, double fixedDivisor,
                          StandardMontage montage) {
        public static final Options LABRAM = new Options(200, 200, false, Scaling.FIXED, 1e-4, null);

        public Options {
            if (!(targetRate > 0) || !Double.isFinite(targetRate)) {
                throw new IllegalArgumentException("target rate must be positive, got " + targetRate);
            }
            if (patchSamples < 1) {
                throw new IllegalArgumentException("a patch needs at least one sample, got " + patchSamples);
            }
            if (scaling == null) {
                throw new IllegalArgumentException("scaling must be given");
            }
            if (scaling == Scaling.FIXED && (!(fixedDivisor > 0) || !Double.isFinite(fixedDivisor))) {
                throw new IllegalArgumentException("the fixed divisor must be positive, got " + fixedDivisor);
            }
        }

        /** Patches of {@code seconds} at {@code rate}: round(seconds * rate) samples. */
        public static Options of(double rate, double seconds, boolean fft, Scaling scaling, double divisor,
                                 StandardMontage montage) {
            return new Options(rate, (int) Math.round(seconds * rate), fft, scaling, divisor, montage);
        }
    }

    private final Options options;
    private final ChannelTable channels;
    private final double[] mean;
    private final double[] std;
    private final PatchSpectrum spectrum;

    private PatchTokenizer(Options options, ChannelTable channels, double[] mean, double[] std) {
        this.options = options;
        this.channels = channels;
        this.mean = mean;
        this.std = std;
        this.spectrum = options.fft() ? new PatchSpectrum(options.patchSamples()) : null;
    }

    /**
     * Records the training channels (types and units, for decoding) and, for z-scoring, fits each
     * channel's mean and std at the target rate (after the resampling that encoding applies).
     */
    public static PatchTokenizer fit(List<Recording> training, Options options) throws SignalException {
        if (training.isEmpty()) {
            throw new SignalException(null, "the patch tokenizer needs at least one training recording");
        }
        List<Recording> prepared = new ArrayList<>();
        for (Recording r : training) {
            WindowChecks.requireSamples(r, 1, TYPE);
            WindowChecks.requireFinite(r, TYPE);
            prepared.add(resampled(r, options.targetRate()));
        }
        ChannelTable table = ChannelTable.union(prepared);
        double[] mean = null;
        double[] std = null;
        if (options.scaling() == Scaling.ZSCORE) {
            mean = new double[table.size()];
            std = new double[table.size()];
            long[] count = new long[table.size()];
            for (Recording r : prepared) {
                for (int c = 0; c < r.channelCount(); c++) {
                    int i = table.indexOf(r.channel(c).name());
                    for (int t = 0; t < r.sampleCount(); t++) {
                        mean[i] += r.sample(c, t);
                    }
                    count[i] += r.sampleCount();
                }
            }
            for (int i = 0; i < mean.length; i++) {
                mean[i] /= count[i];
            }
            for (Recording r : prepared) {
                for (int c = 0; c < r.channelCount(); c++) {
                    int i = table.indexOf(r.channel(c).name());
                    for (int t = 0; t < r.sampleCount(); t++) {
                        double d = r.sample(c, t) - mean[i];
                        std[i] += d * d;
                    }
                }
            }
            for (int i = 0; i < std.length; i++) {
                std[i] = Math.sqrt(std[i] / count[i]);
                if (!(std[i] > 0)) {
                    throw new SignalException(null, "channel " + table.names().get(i)
                            + " is constant in the training recordings: it cannot be z-scored; drop it first");
                }
            }
        }
        return new PatchTokenizer(options, table, mean, std);
    }

    private static Recording resampled(Recording r, double rate) throws SignalException {
        return Math.abs(r.samplingRate() - rate) <= 1e-9 * rate ? r : Resampling.resample(r, rate);
    }

    static PatchTokenizer fromState(TokenizerState state) {
        StateFields fields = new StateFields(state, TYPE);
        Scaling scaling = Scaling.valueOf(fields.text("scaling",
                Arrays.stream(Scaling.values()).map(s -> s.name().toLowerCase(Locale.ROOT)).toList())
                .toUpperCase(Locale.ROOT));
        StandardMontage montage = null;
        if (fields.has("montage")) {
            String label = fields.text("montage", Arrays.stream(StandardMontage.values())
                    .map(StandardMontage::label).toList());
            montage = StandardMontage.byLabel(label);
        }
        Options options = new Options(fields.positive("target_rate"), fields.integer("patch_samples", 1, 1 << 20),
                fields.bool("fft"), scaling, scaling == Scaling.FIXED ? fields.positive("fixed_divisor") : 1,
                montage);
        ChannelTable table = ChannelTable.read(fields);
        double[] mean = scaling == Scaling.ZSCORE ? fields.numbers("mean", table.size(), false) : null;
        double[] std = scaling == Scaling.ZSCORE ? fields.numbers("std", table.size(), true) : null;
        return new PatchTokenizer(options, table, mean, std);
    }

    @Override
    public String type() {
        return TYPE;
    }

    public Options options() {
        return options;
    }

    /** Values per token: the patch samples, plus floor(P/2) + 1 spectrum magnitudes with the FFT on. */
    public int dimension() {
        return options.patchSamples() + (options.fft() ? PatchSpectrum.bins(options.patchSamples()) : 0);
    }

    @Override
    public Tokens encode(Recording window) throws SignalException {
        WindowChecks.requireSamples(window, 1, TYPE);
        WindowChecks.requireFinite(window, TYPE);
        Recording placed = options.montage() == null ? window
                : Montage.applyStandard(window, options.montage()).recording();
        Recording r = resampled(placed, options.targetRate());
        int p = options.patchSamples();
        int patches = r.sampleCount() / p;
        if (patches == 0) {
            throw new SignalException(null, "the patch tokenizer needs at least one patch of " + p + " samples at "
                    + options.targetRate() + " Hz; the window has " + r.sampleCount() + " after resampling");
        }
        int[] rows = options.scaling() == Scaling.ZSCORE ? channels.rowsOf(r, TYPE) : null;
        float[][][] vectors = new float[r.channelCount()][patches][dimension()];
        for (int c = 0; c < r.channelCount(); c++) {
            float[] x = r.channelData(c);
            scale(x, rows == null ? -1 : rows[c]);
            for (int k = 0; k < patches; k++) {
                System.arraycopy(x, k * p, vectors[c][k], 0, p);
                if (spectrum != null) {
                    spectrum.magnitudes(x, k * p, vectors[c][k], p);
                }
            }
        }
        return new Tokens(r.channelNames(), WindowChecks.positions(r), null, vectors, null, 0,
                p / options.targetRate(), options.targetRate());
    }

    private void scale(float[] x, int row) {
        switch (options.scaling()) {
            case NONE -> { }
            case FIXED -> {
                for (int t = 0; t < x.length; t++) {
                    x[t] = (float) (x[t] / options.fixedDivisor());
                }
            }
            case ZSCORE -> {
                for (int t = 0; t < x.length; t++) {
                    x[t] = (float) ((x[t] - mean[row]) / std[row]);
                }
            }
        }
    }

    private double unscale(float v, int row) {
        return switch (options.scaling()) {
            case NONE -> v;
            case FIXED -> v * options.fixedDivisor();
            case ZSCORE -> v * std[row] + mean[row];
        };
    }

    @Override
    public boolean invertible() {
        return !options.fft();
    }

    @Override
    public Recording decode(Tokens tokens) throws SignalException {
        if (options.fft()) {
            throw new SignalException(null, "this patch tokenizer appends FFT magnitudes to its tokens: it is not "
                    + "invertible (fit one without --fft to decode)");
        }
        if (tokens.isDiscrete() || tokens.dimension() != options.patchSamples()) {
            throw new SignalException(null, "patch decoding needs vectors of " + options.patchSamples()
                    + " values, got " + (tokens.isDiscrete() ? "ids" : "vectors of " + tokens.dimension()));
        }
        int[] rows = channels.rowsOf(tokens.channels(), TYPE);
        int p = options.patchSamples();
        float[][] samples = new float[rows.length][tokens.steps() * p];
        List<Channel> out = new ArrayList<>();
        for (int c = 0; c < rows.length; c++) {
            for (int k = 0; k < tokens.steps(); k++) {
                float[] patch = tokens.vectors()[c][k];
                for (int i = 0; i < p; i++) {
                    samples[c][k * p + i] = (float) unscale(patch[i], rows[c]);
                }
            }
            out.add(channels.channel(rows[c], options.targetRate(), tokens.positions().get(c)));
        }
        return new Recording(out, samples, options.targetRate(), List.of(), RecordingIds.NONE, null, 0,
                List.of(Transform.of("detokenize", "tokenizer", TYPE, "patch_samples", p)));
    }

    @Override
    public TokenizerState state() {
        ObjectNode config = JsonNodeFactory.instance.objectNode();
        config.put("target_rate", options.targetRate());
        config.put("patch_samples", options.patchSamples());
        config.put("fft", options.fft());
        config.put("fft_normalisation", "abs(rfft(patch)) / patch_samples, bins 0..patch_samples/2");
        config.put("scaling", options.scaling().name().toLowerCase(Locale.ROOT));
        if (options.scaling() == Scaling.FIXED) {
            config.put("fixed_divisor", options.fixedDivisor());
        }
        if (options.montage() != null) {
            config.put("montage", options.montage().label());
        }
        channels.write(config);
        if (options.scaling() == Scaling.ZSCORE) {
            StateFields.array(config, "mean", mean);
            StateFields.array(config, "std", std);
        }
        return new TokenizerState(TYPE, config, Map.of());
    }
}

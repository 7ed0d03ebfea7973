package io.neurofm.tokenize.stats;

import io.neurofm.signal.Recording;
import io.neurofm.signal.SignalException;
import java.util.ArrayList;
import java.util.List;

/**
 * Computes {@link NeurodynamicsTargets} for windows of a fixed length at a fixed rate: relative
 * band power (Welch), alpha phase-locking values, theta/alpha-gamma phase-amplitude coupling and
 * sample entropy, per channel of the window.
 *
 * <p>A plan: Welch window and FFT tables, the Hilbert FFT of the window length, band bins and
 * Butterworth designs are made once by {@link #plan}, and each {@link #compute} only allocates
 * per-channel buffers (no per-sample allocation). Plans are immutable; threads may share one,
 * so a corpus is best processed with one plan per (rate, window length) and windows in parallel.
 */
public final class NeurodynamicsStatistics {
    private final NeurodynamicsConfig config;
    private final double fs;
    private final int length;
    private final Welch welch;
    private final BandPower bandPower;
    private final Hilbert hilbert;
    /** Distinct filters; the indices below point into this list. */
    private final List<BandFilter> filters;
    private final int plvFilter;
    private final int[] pacPhaseFilters;
    private final int pacAmplitudeFilter;
    private final List<String> pacNames;

    private NeurodynamicsStatistics(NeurodynamicsConfig config, double fs, int length) {
        this.config = config;
        this.fs = fs;
        this.length = length;
        int nperseg = config.nperseg(fs);
        if (nperseg < 2) {
            throw new IllegalArgumentException("a Welch segment of " + config.welchSegmentSeconds() + " s at " + fs
                    + " Hz is " + nperseg + " samples; it needs at least 2");
        }
        if (length < nperseg) {
            throw new IllegalArgumentException("a window of " + length + " samples is shorter than the Welch segment"
                    + " of " + nperseg + " samples (" + config.welchSegmentSeconds() + " s at " + fs
                    + " Hz); use longer windows or shorter Welch segments");
        }
        if (length < config.sampleEntropyM() + 2) {
            throw new IllegalArgumentException("a window of " + length + " samples is too short for sample entropy"
                    + " with m = " + config.sampleEntropyM());
        }
        this.welch = new Welch(fs, nperseg);
        this.bandPower = new BandPower(welch, config.powerBands(), config.nyquist());
        this.hilbert = new Hilbert(length);
        this.filters = new ArrayList<>();
        this.plvFilter = filterIndex(config.plvBand());
        this.pacPhaseFilters = new int[config.pacPhaseBands().size()];
        for (int p = 0; p < pacPhaseFilters.length; p++) {
            pacPhaseFilters[p] = filterIndex(config.pacPhaseBands().get(p));
        }
        this.pacAmplitudeFilter = filterIndex(config.pacAmplitudeBand());
        List<String> names = new ArrayList<>();
        for (FrequencyBand b : config.pacPhaseBands()) {
            names.add(b.name() + "-" + config.pacAmplitudeBand().name());
        }
        this.pacNames = List.copyOf(names);
        for (BandFilter f : filters) {
            if (length <= f.padLength()) {
                throw new IllegalArgumentException("a window of " + length + " samples is too short for the " + f
                        + " filter, which pads " + f.padLength() + " samples on each side (zero-phase filtering)");
            }
        }
    }

    private int filterIndex(FrequencyBand band) {
        BandFilter f = new BandFilter(band, fs, config.filterOrder(), config.nyquist());
        for (int i = 0; i < filters.size(); i++) {
            if (filters.get(i).sameAs(f)) {
                return i;
            }
        }
        filters.add(f);
        return filters.size() - 1;
    }

    /**
     * A plan for windows of {@code length} samples at {@code fs} Hz.
     *
     * @throws IllegalArgumentException when the window is shorter than a Welch segment or a filter's
     *                                  padding, a band holds no Welch bin, or a band reaches above
     *                                  Nyquist under {@link NyquistPolicy#REFUSE}
     */
    public static NeurodynamicsStatistics plan(NeurodynamicsConfig config, double fs, int length) {
        if (!(fs > 0) || !Double.isFinite(fs)) {
            throw new IllegalArgumentException("sampling rate must be positive, got " + fs);
        }
        return new NeurodynamicsStatistics(config, fs, length);
    }

    /**
     * The statistics of {@code length} samples of {@code r} from {@code startSample}, over its
     * signal channels (STIM and MISC channels are left out), with a fresh plan. For many windows,
     * make a {@link #plan} once and call {@link #compute(Recording, int)}.
     */
    public static NeurodynamicsTargets compute(Recording r, int startSample, int length, NeurodynamicsConfig config)
            throws SignalException {
        NeurodynamicsStatistics plan;
        try {
            plan = plan(config, r.samplingRate(), length);
        } catch (IllegalArgumentException e) {
            throw new SignalException(null, "neurodynamics statistics refused for " + r + ": " + e.getMessage(), e);
        }
        return plan.compute(r, startSample);
    }

    public NeurodynamicsConfig config() {
        return config;
    }

    public double samplingRate() {
        return fs;
    }

    /** Window length in samples. */
    public int length() {
        return length;
    }

    public Welch welch() {
        return welch;
    }

    public BandPower bandPower() {
        return bandPower;
    }

    /** The filter used for PLV phases (its design shows whether gamma etc. became a high-pass). */
    public BandFilter plvFilter() {
        return filters.get(plvFilter);
    }

    public BandFilter pacAmplitudeFilter() {
        return filters.get(pacAmplitudeFilter);
    }

    /** Length of {@link NeurodynamicsTargets#flat()} for a window of {@code channels} channels. */
    public int flatLength(int channels) {
        return NeurodynamicsTargets.flatLength(channels, config.powerBands().size(), pacNames.size());
    }

    /**
     * The window [startSample, startSample + length) of the recording's signal channels.
     *
     * @throws SignalException when the rate differs from the plan's, the window leaves the
     *                         recording, fewer than two signal channels remain, or a channel holds
     *                         NaN/Inf or is flat in the window
     */
    public NeurodynamicsTargets compute(Recording r, int startSample) throws SignalException {
        if (Double.compare(r.samplingRate(), fs) != 0) {
            throw new SignalException(null, "this plan is for " + fs + " Hz but the recording is at "
                    + r.samplingRate() + " Hz; make a plan for its rate or resample it");
        }
        if (startSample < 0 || (long) startSample + length > r.sampleCount()) {
            throw new SignalException(null, "window [" + startSample + ", " + ((long) startSample + length)
                    + ") is outside the recording's " + r.sampleCount() + " samples");
        }
        List<String> names = new ArrayList<>();
        List<double[]> rows = new ArrayList<>();
        List<String> bad = new ArrayList<>();
        for (int c = 0; c < r.channelCount(); c++) {
            if (!r.channel(c).type().isData()) {
                continue;
            }
            double[] x = new double[length];
            for (int t = 0; t < length; t++) {
                float v = r.sample(c, startSample + t);
                if (!Float.isFinite(v)) {
                    bad.add(r.channel(c).name() + " (" + v + " at sample " + (startSample + t) + ")");
                    break;
                }
                x[t] = v;
            }
            names.add(r.channel(c).name());
            rows.add(x);
        }
        if (!bad.isEmpty()) {
            throw new SignalException(null, "neurodynamics statistics refused: non-finite samples in "
                    + String.join(", ", bad) + "; repair or drop these channels (see ChannelQuality)");
        }
        try {
            return compute(rows.toArray(new double[0][]), names);
        } catch (IllegalArgumentException e) {
            throw new SignalException(null, "neurodynamics statistics refused for window [" + startSample + ", "
                    + (startSample + length) + ") of " + r + ": " + e.getMessage(), e);
        }
    }

    /**
     * The statistics of a window given as [channel][sample] (each row {@link #length()} long).
     *
     * @throws IllegalArgumentException on fewer than two channels, a wrong length, NaN/Inf, a flat
     *                                  channel, or a channel with no m + 1 template match (sample
     *                                  entropy would be infinite)
     */
    public NeurodynamicsTargets compute(double[][] window, List<String> channelNames) {
        int c = window.length;
        if (c < 2) {
            throw new IllegalArgumentException("phase locking needs at least two channels, got " + c);
        }
        if (channelNames.size() != c) {
            throw new IllegalArgumentException(c + " channels but " + channelNames.size() + " names");
        }
        for (int i = 0; i < c; i++) {
            requireUsable(window[i], channelNames.get(i));
        }
        double[][] rbp = new double[c][];
        double[][] pac = new double[c][pacPhaseFilters.length];
        double[] sampen = new double[c];
        double[][] plvPhasors = new double[c][];
        for (int ch = 0; ch < c; ch++) {
            double[] x = window[ch];
            String name = channelNames.get(ch);
            rbp[ch] = BandPower.relative(bandPower.absolute(welch.psd(x)));

            double[][] analytic = new double[filters.size()][];
            for (int f = 0; f < filters.size(); f++) {
                analytic[f] = hilbert.analytic(filters.get(f).apply(x));
            }
            double[] amplitude = Phases.amplitude(analytic[pacAmplitudeFilter]);
            for (double[] z : analytic) {
                Phases.toUnitPhasors(z);
            }
            plvPhasors[ch] = analytic[plvFilter];
            for (int p = 0; p < pacPhaseFilters.length; p++) {
                pac[ch][p] = Phases.normalisedMeanVectorLength(analytic[pacPhaseFilters[p]], amplitude);
            }

            SampleEntropy.Result se = SampleEntropy.compute(x, config.sampleEntropyM(), config.sampleEntropyRFactor());
            if (!se.isFinite()) {
                throw new IllegalArgumentException("sample entropy of channel " + name + " is undefined: " + se.a()
                        + " matches of length " + (se.m() + 1) + " and " + se.b() + " of length " + se.m()
                        + " at r = " + se.r() + "; the window is too short or too irregular");
            }
            sampen[ch] = se.value();
        }
        double[] pairs = new double[c * (c - 1) / 2];
        double[] sums = new double[c];
        int k = 0;
        for (int i = 0; i < c; i++) {
            for (int j = i + 1; j < c; j++) {
                double v = Phases.plv(plvPhasors[i], plvPhasors[j]);
                pairs[k++] = v;
                sums[i] += v;
                sums[j] += v;
            }
        }
        for (int i = 0; i < c; i++) {
            sums[i] /= c - 1;
        }
        List<String> bandNames = config.powerBands().stream().map(FrequencyBand::name).toList();
        return new NeurodynamicsTargets(channelNames, bandNames, pacNames, rbp, pairs, sums, pac, sampen);
    }

    private void requireUsable(double[] x, String name) {
        if (x.length != length) {
            throw new IllegalArgumentException("channel " + name + " has " + x.length + " samples; this plan is for "
                    + length);
        }
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (int t = 0; t < x.length; t++) {
            if (!Double.isFinite(x[t])) {
                throw new IllegalArgumentException("channel " + name + " has " + x[t] + " at sample " + t
                        + "; non-finite samples are refused");
            }
            min = Math.min(min, x[t]);
            max = Math.max(max, x[t]);
        }
        if (min == max) {
            throw new IllegalArgumentException("channel " + name + " is flat (every sample is " + min
                    + "); its band power, phases and PAC are undefined");
        }
    }
}

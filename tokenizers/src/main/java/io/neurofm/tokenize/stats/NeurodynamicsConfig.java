package io.neurofm.tokenize.stats;

import java.util.List;

/**
 * What {@link NeurodynamicsStatistics} computes.
 *
 * @param powerBands           bands for relative band power (default: the five classic bands)
 * @param welchSegmentSeconds  Welch segment length; nperseg = round(seconds * fs), overlap nperseg / 2
 * @param filterOrder          Butterworth order of the zero-phase band filters (band-pass: 2 x order poles)
 * @param plvBand              band for the phase-locking values
 * @param pacPhaseBands        phase bands for phase-amplitude coupling
 * @param pacAmplitudeBand     amplitude band for phase-amplitude coupling
 * @param sampleEntropyM       template length m
 * @param sampleEntropyRFactor tolerance r as a fraction of the window's standard deviation
 * @param nyquist              what to do with bands reaching above fs / 2
 */
public record NeurodynamicsConfig(List<FrequencyBand> powerBands, double welchSegmentSeconds, int filterOrder,
                                  FrequencyBand plvBand, List<FrequencyBand> pacPhaseBands,
                                  FrequencyBand pacAmplitudeBand, int sampleEntropyM, double sampleEntropyRFactor,
                                  NyquistPolicy nyquist) {
    /**
     * Five-band relative power from 1 s Welch segments, alpha PLV, theta/alpha-gamma PAC, order 4
     * filters, SampEn(m = 2, r = 0.2 SD); gamma is clipped at Nyquist below 160 Hz sampling.
     */
    public static final NeurodynamicsConfig DEFAULT = new NeurodynamicsConfig(FrequencyBand.CLASSIC, 1.0, 4,
            FrequencyBand.ALPHA, List.of(FrequencyBand.THETA, FrequencyBand.ALPHA), FrequencyBand.GAMMA, 2, 0.2,
            NyquistPolicy.CLIP);

    public NeurodynamicsConfig {
        powerBands = List.copyOf(powerBands);
        pacPhaseBands = List.copyOf(pacPhaseBands);
        if (powerBands.isEmpty()) {
            throw new IllegalArgumentException("relative band power needs at least one band");
        }
        if (pacPhaseBands.isEmpty()) {
            throw new IllegalArgumentException("PAC needs at least one phase band");
        }
        if (plvBand == null || pacAmplitudeBand == null || nyquist == null) {
            throw new IllegalArgumentException("PLV band, PAC amplitude band and Nyquist policy are required");
        }
        if (!(welchSegmentSeconds > 0) || !Double.isFinite(welchSegmentSeconds)) {
            throw new IllegalArgumentException("Welch segment must be a positive number of seconds, got "
                    + welchSegmentSeconds);
        }
        if (filterOrder < 1 || filterOrder > 16) {
            throw new IllegalArgumentException("filter order must be in 1..16, got " + filterOrder);
        }
        if (sampleEntropyM < 1) {
            throw new IllegalArgumentException("sample entropy m must be >= 1, got " + sampleEntropyM);
        }
        if (!(sampleEntropyRFactor > 0) || !Double.isFinite(sampleEntropyRFactor)) {
            throw new IllegalArgumentException("sample entropy r factor must be positive, got " + sampleEntropyRFactor);
        }
    }

    public NeurodynamicsConfig withNyquist(NyquistPolicy policy) {
        return new NeurodynamicsConfig(powerBands, welchSegmentSeconds, filterOrder, plvBand, pacPhaseBands,
                pacAmplitudeBand, sampleEntropyM, sampleEntropyRFactor, policy);
    }

    public NeurodynamicsConfig withWelchSegmentSeconds(double seconds) {
        return new NeurodynamicsConfig(powerBands, seconds, filterOrder, plvBand, pacPhaseBands,
                pacAmplitudeBand, sampleEntropyM, sampleEntropyRFactor, nyquist);
    }

    /** Welch nperseg at rate fs. */
    public int nperseg(double fs) {
        return (int) Math.round(welchSegmentSeconds * fs);
    }
}

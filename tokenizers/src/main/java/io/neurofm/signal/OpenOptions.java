package io.neurofm.signal;

/**
 * Facts a user supplies that some formats do not carry.
 *
 * @param samplingRate rate in Hz for formats without one (CSV ROI series, bare NPY); null if not given
 */
public record OpenOptions(Double samplingRate) {
    public static final OpenOptions DEFAULT = new OpenOptions(null);

    public OpenOptions {
        if (samplingRate != null && (!(samplingRate > 0) || samplingRate.isInfinite())) {
            throw new IllegalArgumentException("samplingRate must be positive, got " + samplingRate);
        }
    }

    public static OpenOptions withSamplingRate(double rate) {
        return new OpenOptions(rate);
    }

    /** For fMRI: the repetition time in seconds, as a rate of 1/TR. */
    public static OpenOptions withRepetitionTime(double trSeconds) {
        return new OpenOptions(1.0 / trSeconds);
    }
}

package io.neurofm.tokenize.stats;

import java.util.List;

/** A frequency band [low, high) in Hz with a name. */
public record FrequencyBand(String name, double low, double high) {
    public static final FrequencyBand DELTA = new FrequencyBand("delta", 1, 4);
    public static final FrequencyBand THETA = new FrequencyBand("theta", 4, 8);
    public static final FrequencyBand ALPHA = new FrequencyBand("alpha", 8, 13);
    public static final FrequencyBand BETA = new FrequencyBand("beta", 13, 30);
    public static final FrequencyBand GAMMA = new FrequencyBand("gamma", 30, 80);
    /** The five classic EEG bands, in the order every target vector uses. */
    public static final List<FrequencyBand> CLASSIC = List.of(DELTA, THETA, ALPHA, BETA, GAMMA);

    public FrequencyBand {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a band needs a name");
        }
        if (!(low > 0 && low < high && Double.isFinite(high))) {
            throw new IllegalArgumentException("band " + name + " must have 0 < low < high (finite), got ["
                    + low + ", " + high + ")");
        }
    }

    /**
     * The upper edge actually used at sampling rate {@code fs}: {@code high} when it is at or
     * below Nyquist; above Nyquist, fs / 2 under {@link NyquistPolicy#CLIP} and a refusal under
     * {@link NyquistPolicy#REFUSE}. A band starting at or above Nyquist is always refused.
     */
    public double effectiveHigh(double fs, NyquistPolicy policy) {
        double nyquist = fs / 2;
        if (low >= nyquist) {
            throw new IllegalArgumentException("band " + this + " starts at or above Nyquist (" + nyquist
                    + " Hz at " + fs + " Hz): it holds no signal at this rate");
        }
        if (high <= nyquist) {
            return high;
        }
        if (policy == NyquistPolicy.REFUSE) {
            throw new IllegalArgumentException("band " + this + " reaches above Nyquist (" + nyquist + " Hz at "
                    + fs + " Hz); resample higher, pick another band, or use NyquistPolicy.CLIP");
        }
        return nyquist;
    }

    @Override
    public String toString() {
        return name + " [" + low + ", " + high + ") Hz";
    }
}

package io.neurofm.tokenize.stats;

import io.neurofm.dsp.Butterworth;
import io.neurofm.dsp.FilterType;
import io.neurofm.dsp.Sos;
import io.neurofm.dsp.SosFilter;

/**
 * A zero-phase Butterworth filter isolating one band at one rate, as scipy's
 * {@code sosfiltfilt(butter(order, [low, high], 'bandpass', fs=fs, output='sos'), x)}. A band
 * whose (effective) upper edge reaches Nyquist cannot be a band-pass (butter needs edges strictly
 * below fs / 2); it keeps everything above its lower edge, so it becomes a high-pass at {@code low}.
 */
public final class BandFilter {
    private final FrequencyBand band;
    private final double low;
    private final double high;
    private final boolean highpass;
    private final Sos sos;
    private final int padLength;

    public BandFilter(FrequencyBand band, double fs, int order, NyquistPolicy policy) {
        this.band = band;
        this.low = band.low();
        this.high = band.effectiveHigh(fs, policy);
        this.highpass = high >= fs / 2;
        this.sos = highpass
                ? Butterworth.design(order, FilterType.HIGHPASS, fs, low)
                : Butterworth.design(order, FilterType.BANDPASS, fs, low, high);
        this.padLength = sos.defaultPadLength();
    }

    public FrequencyBand band() {
        return band;
    }

    /** True when the band reaches Nyquist and is filtered as a high-pass at its lower edge. */
    public boolean isHighpass() {
        return highpass;
    }

    public double effectiveHigh() {
        return high;
    }

    public Sos sos() {
        return sos;
    }

    /** sosfiltfilt's odd-extension length; the signal must be longer than this. */
    public int padLength() {
        return padLength;
    }

    /** The zero-phase filtered copy of x. */
    public double[] apply(double[] x) {
        return SosFilter.filtfilt(sos, x, padLength);
    }

    /** Same filter design (low edge, effective high edge, type) regardless of the band's name. */
    boolean sameAs(BandFilter other) {
        return low == other.low && high == other.high && highpass == other.highpass;
    }

    @Override
    public String toString() {
        return highpass ? band.name() + " high-pass " + low + " Hz" : band.name() + " band-pass " + low + "-" + high
                + " Hz";
    }
}

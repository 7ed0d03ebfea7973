package io.neurofm.dsp;

import io.neurofm.signal.Recording;
import io.neurofm.signal.SignalException;
import io.neurofm.signal.Transform;
import java.util.Arrays;
import java.util.List;

/**
 * Zero-phase Butterworth and notch filtering of a {@link Recording}'s signal channels
 * (STIM and MISC channels are copied unchanged). Each call returns a new recording with one
 * provenance step describing the filter. Samples are filtered in double and stored as float.
 */
public final class Filters {
    /** MNE's customary Butterworth order for IIR filtering. */
    public static final int DEFAULT_ORDER = 4;
    /** Notch quality factor: -3 dB width of freq / 30 (1.7 Hz at 50 Hz). */
    public static final double DEFAULT_NOTCH_Q = 30.0;

    private Filters() {
    }

    public static Recording bandpass(Recording r, double low, double high, int order) throws SignalException {
        return butterworth(r, order, FilterType.BANDPASS, low, high);
    }

    public static Recording bandstop(Recording r, double low, double high, int order) throws SignalException {
        return butterworth(r, order, FilterType.BANDSTOP, low, high);
    }

    public static Recording highpass(Recording r, double cutoff, int order) throws SignalException {
        return butterworth(r, order, FilterType.HIGHPASS, cutoff);
    }

    public static Recording lowpass(Recording r, double cutoff, int order) throws SignalException {
        return butterworth(r, order, FilterType.LOWPASS, cutoff);
    }

    /**
     * scipy.signal.sosfiltfilt(butter(order, cutoffs, type, fs=rate, output='sos'), x) on every
     * signal channel.
     *
     * @throws SignalException when a channel holds NaN/Inf or the recording is too short for the padding
     */
    public static Recording butterworth(Recording r, int order, FilterType type, double... cutoffs)
            throws SignalException {
        Sos sos;
        try {
            sos = Designs.butterworth(order, type, r.samplingRate(), cutoffs);
        } catch (IllegalArgumentException e) {
            throw new SignalException(null, "cannot design the " + type.scipyName() + " filter for "
                    + r.samplingRate() + " Hz: " + e.getMessage(), e);
        }
        Transform step = Transform.of("filter", "design", "butterworth", "type", type.scipyName(), "order", order,
                "cutoff_hz", Arrays.toString(cutoffs), "phase", "zero (sosfiltfilt, odd padding)",
                "pad_samples", sos.defaultPadLength());
        return zeroPhase(r, sos, sos.defaultPadLength(), step);
    }

    /**
     * scipy.signal.filtfilt(*iirnotch(freq, q, fs=rate), x) on every signal channel; with
     * {@code harmonics}, again at 2 freq, 3 freq, ... below Nyquist (one pass per frequency).
     */
    public static Recording notch(Recording r, double freq, double q, boolean harmonics) throws SignalException {
        List<Double> freqs;
        try {
            freqs = Notch.frequencies(freq, r.samplingRate(), harmonics);
        } catch (IllegalArgumentException e) {
            throw new SignalException(null, "cannot notch at " + r.samplingRate() + " Hz: " + e.getMessage(), e);
        }
        int[] data = PerChannel.dataChannels(r);
        PerChannel.requireFinite(r, data, "notch filtering");
        requireLength(r, Notch.PAD_LENGTH);
        double fs = r.samplingRate();
        float[][] out = PerChannel.map(r, data, x -> {
            float[] y = x;
            for (double f : freqs) {
                y = SosFilter.filtfilt(Notch.design(f, q, fs), y, Notch.PAD_LENGTH);
            }
            return y;
        });
        return r.withSamples(out, Transform.of("notch", "design", "iirnotch", "freq_hz", freqs.toString(), "q", q,
                "phase", "zero (filtfilt, odd padding)", "pad_samples", Notch.PAD_LENGTH));
    }

    /** Any SOS filter applied forward-backward with odd padding of {@code padLength} samples. */
    public static Recording zeroPhase(Recording r, Sos sos, int padLength, Transform step) throws SignalException {
        int[] data = PerChannel.dataChannels(r);
        PerChannel.requireFinite(r, data, "filtering");
        requireLength(r, padLength);
        return r.withSamples(PerChannel.map(r, data, x -> SosFilter.filtfilt(sos, x, padLength)), step);
    }

    private static void requireLength(Recording r, int padLength) throws SignalException {
        if (r.sampleCount() <= padLength) {
            throw new SignalException(null, "the recording has " + r.sampleCount() + " samples but zero-phase "
                    + "filtering pads " + padLength + " samples on each side by odd reflection and needs more than "
                    + padLength + "; use a longer recording or a lower filter order");
        }
    }
}

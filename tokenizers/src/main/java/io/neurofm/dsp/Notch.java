package io.neurofm.dsp;

import java.util.ArrayList;
import java.util.List;

/**
 * Second-order IIR notch as scipy.signal.iirnotch(w0, Q, fs), applied forward-backward as
 * scipy.signal.filtfilt(b, a, x) does by default (odd padding of 3 * max(len(a), len(b)) = 9
 * samples, lfilter_zi initial conditions). A single biquad with a0 = 1 filtered by lfilter is the
 * same recursion as one second-order section, so the notch is returned as a one-section {@link Sos}.
 */
public final class Notch {
    /** filtfilt's default pad length for a biquad: 3 * max(len(a), len(b)). */
    public static final int PAD_LENGTH = 9;

    private Notch() {
    }

    /**
     * scipy.signal.iirnotch: zeros on the unit circle at {@code freq}, -3 dB bandwidth freq / q.
     *
     * @param freq notch frequency in Hz, strictly between 0 and fs/2
     * @param q    quality factor (> 0)
     */
    public static Sos design(double freq, double q, double fs) {
        if (!(fs > 0) || !Double.isFinite(fs)) {
            throw new IllegalArgumentException("sampling rate must be positive, got " + fs);
        }
        if (!(q > 0) || !Double.isFinite(q)) {
            throw new IllegalArgumentException("notch quality factor must be positive, got " + q);
        }
        double w0 = 2 * freq / fs;
        if (!(w0 > 0 && w0 < 1)) {
            throw new IllegalArgumentException("notch frequency " + freq + " Hz must be strictly between 0 and fs/2 = "
                    + fs / 2 + " Hz");
        }
        double bw = w0 / q * Math.PI;
        w0 = w0 * Math.PI;
        double gb = 1 / Math.sqrt(2);
        double beta = (Math.sqrt(1.0 - gb * gb) / gb) * Math.tan(bw / 2.0);
        double gain = 1.0 / (1.0 + beta);
        double cos = Math.cos(w0);
        return new Sos(new double[][] {{gain, gain * (-2.0 * cos), gain, 1.0, -2.0 * gain * cos, 2.0 * gain - 1.0}});
    }

    /** The notch frequencies: {@code freq} alone, or with harmonics every multiple strictly below Nyquist. */
    public static List<Double> frequencies(double freq, double fs, boolean harmonics) {
        if (!(freq > 0 && freq < fs / 2)) {
            throw new IllegalArgumentException("notch frequency " + freq + " Hz must be strictly between 0 and fs/2 = "
                    + fs / 2 + " Hz");
        }
        List<Double> out = new ArrayList<>();
        out.add(freq);
        if (harmonics) {
            for (int k = 2; freq * k < fs / 2; k++) {
                out.add(freq * k);
            }
        }
        return out;
    }

    /** scipy filtfilt(*iirnotch(freq, q, fs), x), once per frequency when harmonics are asked for. */
    public static double[] apply(double[] x, double freq, double q, double fs, boolean harmonics) {
        double[] y = x;
        for (double f : frequencies(freq, fs, harmonics)) {
            y = SosFilter.filtfilt(design(f, q, fs), y, PAD_LENGTH);
        }
        return y;
    }
}

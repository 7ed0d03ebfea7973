package io.neurofm.tokenize.stats;

import org.jtransforms.fft.DoubleFFT_1D;

/**
 * Welch power spectral density as {@code scipy.signal.welch(x, fs, window='hann', nperseg,
 * noverlap=nperseg // 2, nfft=nperseg, detrend='constant', return_onesided=True,
 * scaling='density', average='mean')}: segments start every nperseg - nperseg // 2 samples and
 * a trailing partial segment is dropped (scipy's default boundary=None, padded=False); each
 * segment has its mean removed, is multiplied by the periodic Hann window and transformed;
 * |X|^2 / (fs sum(w^2)) is doubled except at DC and (even nperseg) Nyquist, then averaged.
 *
 * <p>A plan for one (fs, nperseg): the window, scale, frequencies and FFT tables are computed
 * once. Immutable; {@link #psd} allocates one segment buffer per call, so a plan may be shared
 * by threads.
 */
public final class Welch {
    private final double fs;
    private final int nperseg;
    private final int noverlap;
    private final double[] window;
    private final double scale;
    private final double[] frequencies;
    private final DoubleFFT_1D fft;

    public Welch(double fs, int nperseg) {
        if (!(fs > 0) || !Double.isFinite(fs)) {
            throw new IllegalArgumentException("sampling rate must be positive, got " + fs);
        }
        if (nperseg < 2) {
            throw new IllegalArgumentException("Welch needs nperseg >= 2, got " + nperseg);
        }
        this.fs = fs;
        this.nperseg = nperseg;
        this.noverlap = nperseg / 2;
        this.window = hann(nperseg);
        double[] squares = new double[nperseg];
        for (int i = 0; i < nperseg; i++) {
            squares[i] = window[i] * window[i];
        }
        this.scale = 1.0 / (fs * NumpySum.sum(squares));
        this.frequencies = rfftfreq(nperseg, fs);
        this.fft = new DoubleFFT_1D(nperseg);
    }

    /**
     * scipy.signal.get_window('hann', n): the periodic Hann window 0.5 + 0.5 cos(fac) with fac
     * from numpy.linspace(-pi, pi, n + 1) without its last point (evaluated as linspace does).
     */
    public static double[] hann(int n) {
        double[] w = new double[n];
        double step = (Math.PI - -Math.PI) / n;
        for (int i = 0; i < n; i++) {
            double fac = i * step + -Math.PI;
            w[i] = 0.5 + 0.5 * Math.cos(fac);
        }
        return w;
    }

    /** numpy.fft.rfftfreq(n, 1 / fs): k * (1 / (n * (1 / fs))), evaluated in that order. */
    public static double[] rfftfreq(int n, double fs) {
        double val = 1.0 / (n * (1.0 / fs));
        double[] f = new double[n / 2 + 1];
        for (int k = 0; k < f.length; k++) {
            f[k] = k * val;
        }
        return f;
    }

    public int nperseg() {
        return nperseg;
    }

    public int noverlap() {
        return noverlap;
    }

    public double samplingRate() {
        return fs;
    }

    /** Bin frequencies in Hz (a copy): nperseg / 2 + 1 values from 0 to (at most) fs / 2. */
    public double[] frequencies() {
        return frequencies.clone();
    }

    /** The frequency of bin k. */
    public double frequency(int k) {
        return frequencies[k];
    }

    public int binCount() {
        return frequencies.length;
    }

    /** Bin spacing df = fs / nperseg as numpy computes f[1] - f[0]. */
    public double binWidth() {
        return frequencies[1] - frequencies[0];
    }

    /** The window (a copy). */
    public double[] window() {
        return window.clone();
    }

    /** How many segments a signal of n samples gives: (n - noverlap) / (nperseg - noverlap). */
    public int segmentCount(int n) {
        return n < nperseg ? 0 : (n - noverlap) / (nperseg - noverlap);
    }

    /** The PSD of x in units^2 / Hz, one value per {@link #frequencies()} bin. */
    public double[] psd(double[] x) {
        return psd(x, 0, x.length);
    }

    /** The PSD of x[from, from + length). */
    public double[] psd(double[] x, int from, int length) {
        if (length < nperseg) {
            throw new IllegalArgumentException("Welch with nperseg = " + nperseg + " needs at least " + nperseg
                    + " samples, got " + length + " (scipy would silently shorten nperseg; this refuses)");
        }
        int step = nperseg - noverlap;
        int segments = segmentCount(length);
        double[] buf = new double[nperseg];
        double[] out = new double[frequencies.length];
        boolean even = nperseg % 2 == 0;
        int last = frequencies.length - 1;
        for (int s = 0; s < segments; s++) {
            int start = from + s * step;
            double mean = NumpySum.mean(x, start, nperseg);
            for (int i = 0; i < nperseg; i++) {
                buf[i] = window[i] * (x[start + i] - mean);
            }
            fft.realForward(buf);
            // JTransforms' packed layout: buf[2k], buf[2k+1] = Re, Im of bin k; buf[1] holds
            // Re of the Nyquist bin (even n) or Im of the last bin (odd n)
            out[0] += buf[0] * buf[0] * scale;
            for (int k = 1; k < last; k++) {
                double re = buf[2 * k];
                double im = buf[2 * k + 1];
                out[k] += (re * re + im * im) * scale * 2;
            }
            if (last > 0) {
                if (even) {
                    out[last] += buf[1] * buf[1] * scale;
                } else {
                    double re = buf[2 * last];
                    double im = buf[1];
                    out[last] += (re * re + im * im) * scale * 2;
                }
            }
        }
        for (int k = 0; k < out.length; k++) {
            out[k] /= segments;
        }
        return out;
    }
}

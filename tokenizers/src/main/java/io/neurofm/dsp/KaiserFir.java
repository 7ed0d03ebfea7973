package io.neurofm.dsp;

/**
 * Windowed-sinc low-pass FIR as scipy.signal.firwin(numtaps, cutoff, window=('kaiser', beta)):
 * an ideal low-pass impulse response times a symmetric Kaiser window, scaled to unit DC gain.
 */
public final class KaiserFir {
    private KaiserFir() {
    }

    /**
     * @param taps   number of taps (odd, so the filter has a centre tap)
     * @param cutoff cutoff relative to Nyquist, in (0, 1)
     * @param beta   Kaiser shape parameter (resample_poly uses 5.0)
     */
    public static double[] lowpass(int taps, double cutoff, double beta) {
        if (taps < 1 || taps % 2 == 0) {
            throw new IllegalArgumentException("a low-pass FIR here needs an odd number of taps >= 1, got " + taps);
        }
        if (!(cutoff > 0 && cutoff < 1)) {
            throw new IllegalArgumentException("cutoff must be in (0, 1) relative to Nyquist, got " + cutoff);
        }
        double[] window = kaiser(taps, beta);
        double alpha = 0.5 * (taps - 1);
        double[] h = new double[taps];
        for (int i = 0; i < taps; i++) {
            double m = i - alpha;
            h[i] = cutoff * sinc(cutoff * m) * window[i];
        }
        double sum = 0;
        for (double v : h) {
            sum += v;
        }
        for (int i = 0; i < taps; i++) {
            h[i] /= sum;
        }
        return h;
    }

    /** Symmetric Kaiser window (scipy.signal.windows.kaiser(M, beta, sym=True)). */
    public static double[] kaiser(int length, double beta) {
        if (length == 1) {
            return new double[] {1.0};
        }
        double alpha = (length - 1) / 2.0;
        double norm = besselI0(beta);
        double[] w = new double[length];
        for (int n = 0; n < length; n++) {
            double r = (n - alpha) / alpha;
            w[n] = besselI0(beta * Math.sqrt(1 - r * r)) / norm;
        }
        return w;
    }

    /** numpy.sinc: sin(pi x) / (pi x), 1 at 0. */
    static double sinc(double x) {
        if (x == 0) {
            return 1.0;
        }
        double y = Math.PI * x;
        return Math.sin(y) / y;
    }

    /**
     * Modified Bessel function of the first kind, order 0, by its power series
     * sum ((x/2)^k / k!)^2. All terms are positive, so there is no cancellation and the sum is
     * accurate to a few ulps for the window arguments used here (|x| up to beta).
     */
    static double besselI0(double x) {
        double q = x * x / 4;
        double term = 1.0;
        double sum = 1.0;
        for (int k = 1; k < 1000; k++) {
            term *= q / ((double) k * k);
            sum += term;
            if (term < sum * 1e-17) {
                break;
            }
        }
        return sum;
    }
}

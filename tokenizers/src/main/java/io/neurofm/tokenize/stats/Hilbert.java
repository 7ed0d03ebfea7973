package io.neurofm.tokenize.stats;

import org.jtransforms.fft.DoubleFFT_1D;

/**
 * The analytic signal as {@code scipy.signal.hilbert(x)}: the n-point DFT of x, times h
 * (h[0] = 1, h[k] = 2 for the positive frequencies, h[n/2] = 1 for even n, 0 for the negative
 * frequencies), inverse DFT. The real part is x again and the imaginary part its Hilbert transform.
 *
 * <p>A plan for one length n (FFT tables computed once; immutable and shareable across
 * threads). Output is interleaved complex: out[2t] = Re z_t, out[2t + 1] = Im z_t.
 */
public final class Hilbert {
    private final int n;
    private final DoubleFFT_1D fft;

    public Hilbert(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("Hilbert transform needs at least one sample, got " + n);
        }
        this.n = n;
        this.fft = new DoubleFFT_1D(n);
    }

    public int length() {
        return n;
    }

    /** A new interleaved analytic signal of x (x.length must equal the plan's length). */
    public double[] analytic(double[] x) {
        double[] out = new double[2 * n];
        analytic(x, out);
        return out;
    }

    /** Writes the analytic signal of x into {@code out} (2n values, interleaved). */
    public void analytic(double[] x, double[] out) {
        if (x.length != n || out.length != 2 * n) {
            throw new IllegalArgumentException("this Hilbert plan is for " + n + " samples (output " + 2 * n
                    + "), got input " + x.length + " and output " + out.length);
        }
        System.arraycopy(x, 0, out, 0, n);
        fft.realForward(out);
        // Packed layout from realForward: out[2k], out[2k+1] = Re, Im of bin k, except out[1],
        // which holds Re of bin n/2 (even n) or Im of bin (n-1)/2 (odd n). Bins keep their place,
        // so the spectrum is weighted in place and the negative half is zeroed.
        double packed = out[1];
        out[1] = 0;
        int positive = (n - 1) / 2;
        for (int k = 1; k <= positive; k++) {
            out[2 * k] *= 2;
            out[2 * k + 1] *= 2;
        }
        if (n % 2 == 0) {
            if (n > 1) {
                out[n] = packed;
                out[n + 1] = 0;
            }
            java.util.Arrays.fill(out, n + 2, 2 * n, 0.0);
        } else {
            if (positive > 0) {
                out[2 * positive + 1] = 2 * packed;
            }
            java.util.Arrays.fill(out, 2 * positive + 2, 2 * n, 0.0);
        }
        fft.complexInverse(out, true);
    }
}

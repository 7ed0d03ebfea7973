package io.neurofm.tokenize.stats;

/**
 * Phase and amplitude of an interleaved analytic signal. The phase is carried as the unit
 * phasor exp(i phi) = z / |z| rather than the angle: PLV and PAC only ever need exp(i phi), and
 * this skips atan2, cos and sin per sample. At |z| = 0 the phasor is 1, matching numpy's
 * angle(0) = 0.
 */
public final class Phases {
    private Phases() {
    }

    /** Replaces each complex sample z of {@code analytic} (interleaved) by z / |z| in place. */
    public static void toUnitPhasors(double[] analytic) {
        for (int i = 0; i < analytic.length; i += 2) {
            double re = analytic[i];
            double im = analytic[i + 1];
            double mag = Math.sqrt(re * re + im * im);
            if (mag > 0) {
                analytic[i] = re / mag;
                analytic[i + 1] = im / mag;
            } else {
                analytic[i] = 1;
                analytic[i + 1] = 0;
            }
        }
    }

    /** |z| per sample of an interleaved analytic signal (the amplitude envelope). */
    public static double[] amplitude(double[] analytic) {
        double[] out = new double[analytic.length / 2];
        for (int t = 0; t < out.length; t++) {
            double re = analytic[2 * t];
            double im = analytic[2 * t + 1];
            out[t] = Math.sqrt(re * re + im * im);
        }
        return out;
    }

    /**
     * Phase-locking value |mean_t exp(i (phi_a - phi_b))| of two unit-phasor series
     * (interleaved, same length): 1 for a constant phase lag, near 0 for unrelated phases.
     */
    public static double plv(double[] phasorA, double[] phasorB) {
        if (phasorA.length != phasorB.length || phasorA.length == 0) {
            throw new IllegalArgumentException("PLV needs two non-empty phase series of equal length, got "
                    + phasorA.length / 2 + " and " + phasorB.length / 2);
        }
        double re = 0;
        double im = 0;
        for (int i = 0; i < phasorA.length; i += 2) {
            double ar = phasorA[i];
            double ai = phasorA[i + 1];
            double br = phasorB[i];
            double bi = phasorB[i + 1];
            // a * conj(b)
            re += ar * br + ai * bi;
            im += ai * br - ar * bi;
        }
        int n = phasorA.length / 2;
        re /= n;
        im /= n;
        return Math.sqrt(re * re + im * im);
    }

    /**
     * Mean vector length |mean_t A_t exp(i phi_t)| (Canolty et al. 2006), raw: in the
     * amplitude's units, growing with amplitude as well as with coupling.
     */
    public static double meanVectorLength(double[] phasor, double[] amplitude) {
        if (phasor.length != 2 * amplitude.length || amplitude.length == 0) {
            throw new IllegalArgumentException("PAC needs a phase and an amplitude series of equal, non-zero length, "
                    + "got " + phasor.length / 2 + " and " + amplitude.length);
        }
        double re = 0;
        double im = 0;
        for (int t = 0; t < amplitude.length; t++) {
            re += amplitude[t] * phasor[2 * t];
            im += amplitude[t] * phasor[2 * t + 1];
        }
        re /= amplitude.length;
        im /= amplitude.length;
        return Math.sqrt(re * re + im * im);
    }

    /**
     * The mean vector length divided by the mean amplitude: dimensionless, in [0, 1], and
     * independent of the signal's scale (1 when all amplitude sits at one phase). Refuses a zero
     * envelope.
     */
    public static double normalisedMeanVectorLength(double[] phasor, double[] amplitude) {
        double mvl = meanVectorLength(phasor, amplitude);
        double mean = 0;
        for (double a : amplitude) {
            mean += a;
        }
        mean /= amplitude.length;
        if (!(mean > 0)) {
            throw new IllegalArgumentException("the amplitude envelope is zero everywhere; normalised PAC is undefined");
        }
        return mvl / mean;
    }
}

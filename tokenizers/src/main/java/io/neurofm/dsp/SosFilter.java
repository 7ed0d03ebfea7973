package io.neurofm.dsp;

/**
 * Cascaded second-order sections in direct form II transposed, as scipy.signal's sosfilt,
 * sosfilt_zi and sosfiltfilt (padtype 'odd'). Everything runs in double; the float entry points
 * exist so a recording channel is widened straight into the padded work buffer (one allocation
 * per channel).
 *
 * <p>Sections run in groups of up to four per pass over the buffer (see {@code run}); each
 * section sees exactly the same inputs in the same order as in scipy, so results agree to rounding.
 */
public final class SosFilter {
    private SosFilter() {
    }

    /** scipy.signal.sosfilt(sos, x) from rest (zero initial state). */
    public static double[] filter(Sos sos, double[] x) {
        requireFinite(x);
        double[] y = x.clone();
        run(sos, y, 0, y.length, new double[2 * sos.sectionCount()], false);
        return y;
    }

    /**
     * Filters {@code x[from..to)} in place, forward, starting from state {@code zi}
     * ([section][2] flattened, scipy's sosfilt zi layout); {@code zi} is left holding the final state.
     */
    public static void filterInPlace(Sos sos, double[] x, int from, int to, double[] zi) {
        if (zi.length != 2 * sos.sectionCount()) {
            throw new IllegalArgumentException("zi needs " + 2 * sos.sectionCount() + " values (2 per section), got "
                    + zi.length);
        }
        run(sos, x, from, to, zi, false);
    }

    /**
     * scipy.signal.sosfilt_zi: the state of each section after a unit step has settled, so a
     * signal starting at level c begins with state {@code c * zi} and no transient.
     */
    public static double[] stepInitialConditions(Sos sos) {
        double[] zi = new double[2 * sos.sectionCount()];
        double scale = 1.0;
        for (int s = 0; s < sos.sectionCount(); s++) {
            double b0 = sos.coefficient(s, 0);
            double b1 = sos.coefficient(s, 1);
            double b2 = sos.coefficient(s, 2);
            double a1 = sos.coefficient(s, 4);
            double a2 = sos.coefficient(s, 5);
            // lfilter_zi: solve (I - A^T) zi = B for the companion matrix A of the section,
            // by Gaussian elimination with partial pivoting as LAPACK's gesv does
            double m00 = 1 + a1;
            double m01 = -1;
            double m10 = a2;
            double m11 = 1;
            double r0 = b1 - a1 * b0;
            double r1 = b2 - a2 * b0;
            if (Math.abs(m10) > Math.abs(m00)) {
                double t = m00;
                m00 = m10;
                m10 = t;
                t = m01;
                m01 = m11;
                m11 = t;
                t = r0;
                r0 = r1;
                r1 = t;
            }
            double l = m10 * (1.0 / m00);
            double u11 = m11 - l * m01;
            double z1 = (r1 - l * r0) / u11;
            double z0 = (r0 - m01 * z1) / m00;
            zi[2 * s] = scale * z0;
            zi[2 * s + 1] = scale * z1;
            scale *= (b0 + b1 + b2) / (1.0 + a1 + a2);
        }
        return zi;
    }

    /** scipy.signal.sosfiltfilt(sos, x) with the default pad length {@link Sos#defaultPadLength()}. */
    public static double[] filtfilt(Sos sos, double[] x) {
        return filtfilt(sos, x, sos.defaultPadLength());
    }

    /** scipy.signal.sosfiltfilt(sos, x, padtype='odd', padlen=padLength). */
    public static double[] filtfilt(Sos sos, double[] x, int padLength) {
        requireFinite(x);
        int edge = checkPad(x.length, padLength);
        double[] ext = new double[x.length + 2 * edge];
        System.arraycopy(x, 0, ext, edge, x.length);
        zeroPhase(sos, ext, x.length, edge);
        return java.util.Arrays.copyOfRange(ext, edge, edge + x.length);
    }

    /** Zero-phase filtering of a float channel (computed in double); the input is not modified. */
    public static float[] filtfilt(Sos sos, float[] x, int padLength) {
        int edge = checkPad(x.length, padLength);
        double[] ext = new double[x.length + 2 * edge];
        for (int i = 0; i < x.length; i++) {
            if (!Float.isFinite(x[i])) {
                throw new IllegalArgumentException("sample " + i + " is " + x[i] + "; filters spread a non-finite "
                        + "value over the whole signal, so it is refused");
            }
            ext[edge + i] = x[i];
        }
        zeroPhase(sos, ext, x.length, edge);
        float[] out = new float[x.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) ext[edge + i];
        }
        return out;
    }

    /**
     * Forward-backward pass over {@code ext}, which holds the signal at [edge, edge + n); the odd
     * extension is written around it here and the result replaces the contents of {@code ext}.
     */
    private static void zeroPhase(Sos sos, double[] ext, int n, int edge) {
        double first = ext[edge];
        double last = ext[edge + n - 1];
        for (int i = 0; i < edge; i++) {
            ext[i] = 2 * first - ext[2 * edge - i];
            ext[edge + n + i] = 2 * last - ext[edge + n - 2 - i];
        }
        double[] zi = stepInitialConditions(sos);
        double[] state = new double[zi.length];
        for (int k = 0; k < zi.length; k++) {
            state[k] = zi[k] * ext[0];
        }
        run(sos, ext, 0, ext.length, state, false);
        double end = ext[ext.length - 1];
        for (int k = 0; k < zi.length; k++) {
            state[k] = zi[k] * end;
        }
        run(sos, ext, 0, ext.length, state, true);
    }

    /** Checks the signal is long enough for odd padding and returns the edge length. */
    static int checkPad(int n, int padLength) {
        if (padLength < 0) {
            throw new IllegalArgumentException("pad length must be >= 0, got " + padLength);
        }
        if (n <= padLength) {
            throw new IllegalArgumentException("the signal has " + n + " samples but zero-phase filtering pads "
                    + padLength + " samples on each side by odd reflection, which needs more than " + padLength
                    + " samples; use a longer signal or a lower filter order");
        }
        return padLength;
    }

    /**
     * The cascade over x[from..to), forward or backward (backward = filtering the reversed
     * sequence and reversing the result, without copying). Sections go through the data in groups
     * of up to four, one sample through all sections of the group at a time: each section's
     * recursion is a serial chain of dependent multiply-adds, and interleaving four independent
     * chains keeps the floating-point units busy (about 3x faster than one section per pass).
     * Every section still performs scipy's operations in scipy's order.
     */
    private static void run(Sos sos, double[] x, int from, int to, double[] zi, boolean backward) {
        double[] c = sos.flat();
        int first = backward ? to - 1 : from;
        int step = backward ? -1 : 1;
        int count = to - from;
        int s = 0;
        int n = sos.sectionCount();
        while (s < n) {
            int group = Math.min(4, n - s);
            if (group == 4) {
                runFour(c, s, x, first, step, count, zi);
            } else if (group >= 2) {
                runTwo(c, s, x, first, step, count, zi);
                group = 2;
            } else {
                runOne(c, s, x, first, step, count, zi);
            }
            s += group;
        }
    }

    private static void runOne(double[] c, int s, double[] x, int first, int step, int count, double[] zi) {
        int o = 6 * s;
        double b0 = c[o], b1 = c[o + 1], b2 = c[o + 2], a1 = c[o + 4], a2 = c[o + 5];
        double z0 = zi[2 * s], z1 = zi[2 * s + 1];
        for (int k = 0, i = first; k < count; k++, i += step) {
            double xi = x[i];
            double y = b0 * xi + z0;
            z0 = b1 * xi - a1 * y + z1;
            z1 = b2 * xi - a2 * y;
            x[i] = y;
        }
        zi[2 * s] = z0;
        zi[2 * s + 1] = z1;
    }

    private static void runTwo(double[] c, int s, double[] x, int first, int step, int count, double[] zi) {
        int o = 6 * s;
        double b00 = c[o], b01 = c[o + 1], b02 = c[o + 2], a01 = c[o + 4], a02 = c[o + 5];
        double b10 = c[o + 6], b11 = c[o + 7], b12 = c[o + 8], a11 = c[o + 10], a12 = c[o + 11];
        double z00 = zi[2 * s], z01 = zi[2 * s + 1], z10 = zi[2 * s + 2], z11 = zi[2 * s + 3];
        for (int k = 0, i = first; k < count; k++, i += step) {
            double x0 = x[i];
            double y0 = b00 * x0 + z00;
            z00 = b01 * x0 - a01 * y0 + z01;
            z01 = b02 * x0 - a02 * y0;
            double y1 = b10 * y0 + z10;
            z10 = b11 * y0 - a11 * y1 + z11;
            z11 = b12 * y0 - a12 * y1;
            x[i] = y1;
        }
        zi[2 * s] = z00;
        zi[2 * s + 1] = z01;
        zi[2 * s + 2] = z10;
        zi[2 * s + 3] = z11;
    }

    private static void runFour(double[] c, int s, double[] x, int first, int step, int count, double[] zi) {
        int o = 6 * s;
        double b00 = c[o], b01 = c[o + 1], b02 = c[o + 2], a01 = c[o + 4], a02 = c[o + 5];
        double b10 = c[o + 6], b11 = c[o + 7], b12 = c[o + 8], a11 = c[o + 10], a12 = c[o + 11];
        double b20 = c[o + 12], b21 = c[o + 13], b22 = c[o + 14], a21 = c[o + 16], a22 = c[o + 17];
        double b30 = c[o + 18], b31 = c[o + 19], b32 = c[o + 20], a31 = c[o + 22], a32 = c[o + 23];
        double z00 = zi[2 * s], z01 = zi[2 * s + 1], z10 = zi[2 * s + 2], z11 = zi[2 * s + 3];
        double z20 = zi[2 * s + 4], z21 = zi[2 * s + 5], z30 = zi[2 * s + 6], z31 = zi[2 * s + 7];
        for (int k = 0, i = first; k < count; k++, i += step) {
            double x0 = x[i];
            double y0 = b00 * x0 + z00;
            z00 = b01 * x0 - a01 * y0 + z01;
            z01 = b02 * x0 - a02 * y0;
            double y1 = b10 * y0 + z10;
            z10 = b11 * y0 - a11 * y1 + z11;
            z11 = b12 * y0 - a12 * y1;
            double y2 = b20 * y1 + z20;
            z20 = b21 * y1 - a21 * y2 + z21;
            z21 = b22 * y1 - a22 * y2;
            double y3 = b30 * y2 + z30;
            z30 = b31 * y2 - a31 * y3 + z31;
            z31 = b32 * y2 - a32 * y3;
            x[i] = y3;
        }
        zi[2 * s] = z00;
        zi[2 * s + 1] = z01;
        zi[2 * s + 2] = z10;
        zi[2 * s + 3] = z11;
        zi[2 * s + 4] = z20;
        zi[2 * s + 5] = z21;
        zi[2 * s + 6] = z30;
        zi[2 * s + 7] = z31;
    }

    static void requireFinite(double[] x) {
        for (int i = 0; i < x.length; i++) {
            if (!Double.isFinite(x[i])) {
                throw new IllegalArgumentException("sample " + i + " is " + x[i]
                        + "; filters spread a non-finite value over the whole signal, so it is refused");
            }
        }
    }
}

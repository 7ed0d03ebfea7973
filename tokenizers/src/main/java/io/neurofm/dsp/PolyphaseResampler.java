package io.neurofm.dsp;

/**
 * scipy.signal.resample_poly(x, up, down, window=('kaiser', 5.0), padtype='constant') computed
 * polyphase: only the kept output samples are evaluated, each as a dot product of one filter
 * phase with the input, instead of upsampling, convolving and throwing most samples away.
 *
 * <p>A resampler holds the filter for one ratio and is immutable, so one instance serves all
 * channels of a recording, in parallel.
 */
public final class PolyphaseResampler {
    /** resample_poly's default Kaiser window shape. */
    public static final double KAISER_BETA = 5.0;

    private final int up;
    private final int down;
    /** phases[p][q] = up * h[p + up * q]: the taps that meet input samples for output phase p. */
    private final double[][] phases;
    /** The same phases with their taps in reverse order, for the forward-running dot product. */
    private final double[][] reversedPhases;
    private final int halfLength;
    private final int prePad;
    private final int preRemove;

    public PolyphaseResampler(ResampleRatio ratio) {
        this.up = ratio.up();
        this.down = ratio.down();
        int maxRate = Math.max(up, down);
        this.halfLength = 10 * maxRate;
        int taps = 2 * halfLength + 1;
        double[] h = maxRate == 1 ? new double[] {1.0} : KaiserFir.lowpass(taps, 1.0 / maxRate, KAISER_BETA);
        int length = h.length;
        this.phases = new double[up][];
        for (int p = 0; p < up; p++) {
            int count = p < length ? (length - p + up - 1) / up : 0;
            phases[p] = new double[count];
            for (int q = 0; q < count; q++) {
                phases[p][q] = h[p + up * q] * up;
            }
        }
        this.reversedPhases = new double[up][];
        for (int p = 0; p < up; p++) {
            int count = phases[p].length;
            reversedPhases[p] = new double[count];
            for (int q = 0; q < count; q++) {
                reversedPhases[p][q] = phases[p][count - 1 - q];
            }
        }
        // resample_poly's delay compensation: pre-pad the filter so output samples sit at its centre
        this.prePad = down - halfLength % down;
        this.preRemove = (halfLength + prePad) / down;
    }

    public static PolyphaseResampler of(int up, int down) {
        return new PolyphaseResampler(new ResampleRatio(up, down));
    }

    public ResampleRatio ratio() {
        return new ResampleRatio(up, down);
    }

    /** The filter taps as resample_poly uses them (firwin design times up), for inspection. */
    public double[] filterTaps() {
        int length = 0;
        for (double[] phase : phases) {
            length += phase.length;
        }
        double[] h = new double[length];
        for (int p = 0; p < up; p++) {
            for (int q = 0; q < phases[p].length; q++) {
                h[p + up * q] = phases[p][q];
            }
        }
        return h;
    }

    public int outputLength(int n) {
        long out = ratio().outputLength(n);
        if (out > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("resampling " + n + " samples by " + up + "/" + down + " gives " + out
                    + " samples, more than a Java array holds");
        }
        return (int) out;
    }

    public double[] resample(double[] x) {
        SosFilter.requireFinite(x);
        double[] out = new double[outputLength(x.length)];
        resample(x, x.length, out);
        return out;
    }

    /** Float channel in, float channel out; accumulation in double. */
    public float[] resample(float[] x) {
        double[] wide = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            if (!Float.isFinite(x[i])) {
                throw new IllegalArgumentException("sample " + i + " is " + x[i]
                        + "; resampling would spread it to its neighbours, so it is refused");
            }
            wide[i] = x[i];
        }
        double[] y = new double[outputLength(x.length)];
        resample(wide, wide.length, y);
        float[] out = new float[y.length];
        for (int i = 0; i < y.length; i++) {
            out[i] = (float) y[i];
        }
        return out;
    }

    /**
     * Output i of resample_poly is sample (i + preRemove) * down of the full convolution of the
     * up-sampled input with the pre-padded filter, i.e. t = (i + preRemove) * down - prePad of the
     * convolution with the unpadded taps; only taps h[t - up*m] meet input samples x[m]. t grows by
     * {@code down} per output, so its phase (t mod up) and base (t div up) are stepped, not divided.
     */
    private void resample(double[] x, int n, double[] out) {
        if (up == 1 && down == 1) {
            System.arraycopy(x, 0, out, 0, n);
            return;
        }
        long t0 = (long) preRemove * down - prePad;
        int phase = (int) Math.floorMod(t0, (long) up);
        long base = Math.floorDiv(t0, (long) up);
        int baseStep = down / up;
        int phaseStep = down % up;
        for (int i = 0; i < out.length; i++) {
            double[] taps = reversedPhases[phase];
            int length = taps.length;
            // taps reversed, so input and taps both run forward: x[first + j] meets taps[j]
            long first = base - length + 1;
            if (first >= 0 && base < n) {
                out[i] = dot(taps, x, (int) first, 0, length);
            } else {
                int jMin = (int) Math.max(0, -first);
                int jMax = (int) Math.min(length - 1, n - 1 - first);
                out[i] = jMin > jMax ? 0 : dot(taps, x, (int) (first + jMin), jMin, jMax - jMin + 1);
            }
            base += baseStep;
            phase += phaseStep;
            if (phase >= up) {
                phase -= up;
                base++;
            }
        }
    }

    /** Sum of taps[j0 + k] * x[x0 + k]; four partial sums keep the multipliers busy. */
    private static double dot(double[] taps, double[] x, int x0, int j0, int count) {
        double a0 = 0;
        double a1 = 0;
        double a2 = 0;
        double a3 = 0;
        int k = 0;
        for (; k + 3 < count; k += 4) {
            a0 += taps[j0 + k] * x[x0 + k];
            a1 += taps[j0 + k + 1] * x[x0 + k + 1];
            a2 += taps[j0 + k + 2] * x[x0 + k + 2];
            a3 += taps[j0 + k + 3] * x[x0 + k + 3];
        }
        for (; k < count; k++) {
            a0 += taps[j0 + k] * x[x0 + k];
        }
        return (a0 + a1) + (a2 + a3);
    }
}

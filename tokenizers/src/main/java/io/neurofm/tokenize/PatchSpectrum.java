package io.neurofm.tokenize;

import org.jtransforms.fft.DoubleFFT_1D;

/**
 * Magnitude spectrum of one patch: {@code |X_k| / P} for k = 0..floor(P/2), X the DFT of the P
 * samples ({@code numpy.abs(numpy.fft.rfft(x)) / P}). Dividing by P makes the values independent
 * of the patch length: a sinusoid of amplitude A on an exact bin gives A/2 there, a constant c
 * gives |c| at k = 0.
 */
final class PatchSpectrum {
    private final int length;
    private final DoubleFFT_1D fft;

    PatchSpectrum(int length) {
        this.length = length;
        this.fft = new DoubleFFT_1D(length);
    }

    static int bins(int length) {
        return length / 2 + 1;
    }

    /** Writes the magnitudes of {@code x[from .. from+P)} into {@code out[offset ..]}. */
    void magnitudes(float[] x, int from, float[] out, int offset) {
        double[] buffer = new double[2 * length];
        for (int i = 0; i < length; i++) {
            buffer[i] = x[from + i];
        }
        fft.realForwardFull(buffer);
        for (int k = 0; k < bins(length); k++) {
            out[offset + k] = (float) (Math.hypot(buffer[2 * k], buffer[2 * k + 1]) / length);
        }
    }
}

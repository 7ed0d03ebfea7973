package io.neurofm.dsp;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Digital Butterworth design as {@code scipy.signal.butter(N, Wn, btype, fs=fs, output='sos')}:
 * the analog prototype's poles, pre-warped band edges, the analog band transformation in
 * zero-pole-gain form, the bilinear transform, then {@link ZpkToSos} with scipy's 'nearest'
 * pairing. Each step follows scipy 1.10 operation by operation so the sections agree to rounding.
 */
public final class Butterworth {
    /** scipy's bilinear transform runs at a normalised fs of 2 after pre-warping. */
    private static final double NORMALISED_FS = 2.0;

    private Butterworth() {
    }

    /**
     * Designs a Butterworth filter.
     *
     * @param order   filter order N >= 1 (band filters get 2N poles, as in scipy)
     * @param type    band type
     * @param fs      sampling rate in Hz
     * @param cutoffs one cutoff in Hz for low/high-pass, two (low, high) for band-pass/stop;
     *                each strictly between 0 and fs/2
     */
    public static Sos design(int order, FilterType type, double fs, double... cutoffs) {
        return ZpkToSos.convert(designZpk(order, type, fs, cutoffs));
    }

    static Zpk designZpk(int order, FilterType type, double fs, double... cutoffs) {
        if (order < 1 || order > 64) {
            throw new IllegalArgumentException("Butterworth order must be in 1..64, got " + order);
        }
        if (!(fs > 0) || !Double.isFinite(fs)) {
            throw new IllegalArgumentException("sampling rate must be positive, got " + fs);
        }
        if (cutoffs.length != type.cutoffCount()) {
            throw new IllegalArgumentException(type.scipyName() + " needs " + type.cutoffCount()
                    + " cutoff frequencies, got " + Arrays.toString(cutoffs));
        }
        double[] wn = new double[cutoffs.length];
        for (int i = 0; i < cutoffs.length; i++) {
            if (!(cutoffs[i] > 0 && cutoffs[i] < fs / 2)) {
                throw new IllegalArgumentException("cutoff " + cutoffs[i] + " Hz must be strictly between 0 and fs/2 = "
                        + fs / 2 + " Hz");
            }
            wn[i] = 2 * cutoffs[i] / fs;
        }
        if (wn.length == 2 && !(wn[0] < wn[1])) {
            throw new IllegalArgumentException("band edges must be increasing, got " + Arrays.toString(cutoffs));
        }
        double[] warped = new double[wn.length];
        for (int i = 0; i < wn.length; i++) {
            warped[i] = 2 * NORMALISED_FS * Math.tan(Math.PI * wn[i] / NORMALISED_FS);
        }
        Zpk analog = prototype(order);
        Zpk shaped = switch (type) {
            case LOWPASS -> lowpassToLowpass(analog, warped[0]);
            case HIGHPASS -> lowpassToHighpass(analog, warped[0]);
            case BANDPASS -> lowpassToBandpass(analog, Math.sqrt(warped[0] * warped[1]), warped[1] - warped[0]);
            case BANDSTOP -> lowpassToBandstop(analog, Math.sqrt(warped[0] * warped[1]), warped[1] - warped[0]);
        };
        return bilinear(shaped, NORMALISED_FS);
    }

    /** Analog prototype (scipy buttap): poles on the left unit half circle, the middle one exactly real. */
    static Zpk prototype(int order) {
        List<Complex> poles = new ArrayList<>(order);
        for (int m = -order + 1; m < order; m += 2) {
            poles.add(Complex.expImaginary(Math.PI * m / (2 * order)).negate());
        }
        return new Zpk(List.of(), poles, 1.0);
    }

    static Zpk lowpassToLowpass(Zpk f, double wo) {
        int degree = f.relativeDegree();
        return new Zpk(scale(f.zeros(), wo), scale(f.poles(), wo), f.gain() * Math.pow(wo, degree));
    }

    static Zpk lowpassToHighpass(Zpk f, double wo) {
        int degree = f.relativeDegree();
        List<Complex> zeros = invert(f.zeros(), wo);
        for (int i = 0; i < degree; i++) {
            zeros.add(Complex.ZERO);
        }
        double gain = f.gain() * negatedProduct(f.zeros()).div(negatedProduct(f.poles())).re();
        return new Zpk(zeros, invert(f.poles(), wo), gain);
    }

    static Zpk lowpassToBandpass(Zpk f, double wo, double bw) {
        int degree = f.relativeDegree();
        List<Complex> zeros = shiftToBand(scale(f.zeros(), bw / 2), wo);
        for (int i = 0; i < degree; i++) {
            zeros.add(Complex.ZERO);
        }
        return new Zpk(zeros, shiftToBand(scale(f.poles(), bw / 2), wo), f.gain() * Math.pow(bw, degree));
    }

    static Zpk lowpassToBandstop(Zpk f, double wo, double bw) {
        int degree = f.relativeDegree();
        List<Complex> zeros = shiftToBand(invert(f.zeros(), bw / 2), wo);
        for (int i = 0; i < degree; i++) {
            zeros.add(new Complex(0.0, wo));
        }
        for (int i = 0; i < degree; i++) {
            zeros.add(new Complex(-0.0, -wo));
        }
        double gain = f.gain() * negatedProduct(f.zeros()).div(negatedProduct(f.poles())).re();
        return new Zpk(zeros, shiftToBand(invert(f.poles(), bw / 2), wo), gain);
    }

    /** scipy bilinear_zpk: s -> z by (fs2 + s) / (fs2 - s); zeros at infinity land on Nyquist (-1). */
    static Zpk bilinear(Zpk f, double fs) {
        int degree = f.relativeDegree();
        Complex fs2 = Complex.real(2.0 * fs);
        List<Complex> zeros = new ArrayList<>();
        for (Complex z : f.zeros()) {
            zeros.add(fs2.plus(z).div(fs2.minus(z)));
        }
        List<Complex> poles = new ArrayList<>();
        for (Complex p : f.poles()) {
            poles.add(fs2.plus(p).div(fs2.minus(p)));
        }
        for (int i = 0; i < degree; i++) {
            zeros.add(Complex.real(-1.0));
        }
        Complex num = Complex.ONE;
        for (Complex z : f.zeros()) {
            num = num.times(fs2.minus(z));
        }
        Complex den = Complex.ONE;
        for (Complex p : f.poles()) {
            den = den.times(fs2.minus(p));
        }
        return new Zpk(zeros, poles, f.gain() * num.div(den).re());
    }

    private static List<Complex> scale(List<Complex> values, double factor) {
        List<Complex> out = new ArrayList<>(values.size());
        for (Complex v : values) {
            out.add(v.times(factor));
        }
        return out;
    }

    /** numerator / v for each v (numpy: real scalar divided by complex). */
    private static List<Complex> invert(List<Complex> values, double numerator) {
        List<Complex> out = new ArrayList<>(values.size());
        Complex n = Complex.real(numerator);
        for (Complex v : values) {
            out.add(n.div(v));
        }
        return out;
    }

    /** Duplicates each root v to v + sqrt(v^2 - wo^2) and v - sqrt(v^2 - wo^2), pluses first (scipy's order). */
    private static List<Complex> shiftToBand(List<Complex> values, double wo) {
        List<Complex> plus = new ArrayList<>(values.size() * 2);
        List<Complex> minus = new ArrayList<>(values.size());
        Complex wo2 = Complex.real(wo * wo);
        for (Complex v : values) {
            Complex root = v.times(v).minus(wo2).sqrt();
            plus.add(v.plus(root));
            minus.add(v.minus(root));
        }
        plus.addAll(minus);
        return plus;
    }

    private static Complex negatedProduct(List<Complex> values) {
        Complex product = Complex.ONE;
        for (Complex v : values) {
            product = product.times(v.negate());
        }
        return product;
    }
}

package io.neurofm.dsp;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Zero-pole-gain to second-order sections with scipy 1.10's default {@code pairing='nearest'}
 * for digital filters: poles closest to the unit circle are paired with their nearest zeros and
 * placed last, the gain goes into the first section. The order of sections and the pairing decide
 * the coefficients, so ties are broken the way numpy's argmin/argsort break them (first index).
 */
final class ZpkToSos {
    /** scipy _cplxreal's default: 100 machine epsilons, relative to |z|. */
    private static final double REAL_TOLERANCE = 100 * Math.ulp(1.0);

    private ZpkToSos() {
    }

    static Sos convert(Zpk zpk) {
        List<Complex> z = new ArrayList<>(zpk.zeros());
        List<Complex> p = new ArrayList<>(zpk.poles());
        if (z.isEmpty() && p.isEmpty()) {
            return new Sos(new double[][] {{zpk.gain(), 0, 0, 1, 0, 0}});
        }
        while (p.size() < z.size()) {
            p.add(Complex.ZERO);
        }
        while (z.size() < p.size()) {
            z.add(Complex.ZERO);
        }
        int sections = (p.size() + 1) / 2;
        if (p.size() % 2 == 1) {
            p.add(Complex.ZERO);
            z.add(Complex.ZERO);
        }
        z = combineConjugates(z);
        p = combineConjugates(p);

        double[][] sos = new double[sections][];
        for (int si = sections - 1; si >= 0; si--) {
            int p1Index = worst(p, allIndices(p.size()));
            Complex p1 = p.remove(p1Index);
            int realPoles = countReal(p);
            if (p1.isReal() && realPoles == 0) {
                // the last real pole: a first-order section (plus the pole and zero at the origin)
                Complex z1 = z.remove(nearest(z, p1, Kind.REAL));
                sos[si] = section(List.of(z1, Complex.ZERO), List.of(p1, Complex.ZERO));
            } else if (p.size() + 1 == z.size() && !p1.isReal() && realPoles == 1 && countReal(z) == 1) {
                // one real pole and one real zero must stay together, so this complex pole takes a complex zero
                Complex z1 = z.remove(nearest(z, p1, Kind.COMPLEX));
                sos[si] = section(List.of(z1, z1.conj()), List.of(p1, p1.conj()));
            } else {
                Complex p2;
                if (p1.isReal()) {
                    List<Integer> realIndices = new ArrayList<>();
                    for (int i = 0; i < p.size(); i++) {
                        if (p.get(i).isReal()) {
                            realIndices.add(i);
                        }
                    }
                    p2 = p.remove(worst(p, realIndices));
                } else {
                    p2 = p1.conj();
                }
                if (z.isEmpty()) {
                    sos[si] = section(List.of(), List.of(p1, p2));
                } else {
                    Complex z1 = z.remove(nearest(z, p1, Kind.ANY));
                    if (!z1.isReal()) {
                        sos[si] = section(List.of(z1, z1.conj()), List.of(p1, p2));
                    } else if (!z.isEmpty()) {
                        Complex z2 = z.remove(nearest(z, p1, Kind.REAL));
                        sos[si] = section(List.of(z1, z2), List.of(p1, p2));
                    } else {
                        sos[si] = section(List.of(z1), List.of(p1, p2));
                    }
                }
            }
        }
        for (int i = 0; i < 3; i++) {
            sos[0][i] *= zpk.gain();
        }
        return new Sos(sos);
    }

    private enum Kind { REAL, COMPLEX, ANY }

    /** Index (into {@code p}) of the candidate closest to the unit circle; first on ties, like argmin. */
    private static int worst(List<Complex> p, List<Integer> candidates) {
        int best = -1;
        double bestDistance = Double.POSITIVE_INFINITY;
        for (int i : candidates) {
            double d = Math.abs(1 - p.get(i).abs());
            if (best < 0 || d < bestDistance) {
                best = i;
                bestDistance = d;
            }
        }
        return best;
    }

    private static List<Integer> allIndices(int n) {
        List<Integer> all = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            all.add(i);
        }
        return all;
    }

    /** scipy _nearest_real_complex_idx: the closest element of the wanted kind, first index on ties. */
    private static int nearest(List<Complex> from, Complex to, Kind kind) {
        int best = -1;
        double bestDistance = Double.POSITIVE_INFINITY;
        for (int i = 0; i < from.size(); i++) {
            Complex c = from.get(i);
            if ((kind == Kind.REAL && !c.isReal()) || (kind == Kind.COMPLEX && c.isReal())) {
                continue;
            }
            double d = c.minus(to).abs();
            if (best < 0 || d < bestDistance) {
                best = i;
                bestDistance = d;
            }
        }
        if (best < 0) {
            throw new IllegalStateException("no " + kind.name().toLowerCase() + " root left to pair with " + to);
        }
        return best;
    }

    private static int countReal(List<Complex> values) {
        int n = 0;
        for (Complex v : values) {
            if (v.isReal()) {
                n++;
            }
        }
        return n;
    }

    /**
     * scipy _cplxreal then concatenate: one element (positive imaginary part) per conjugate pair,
     * sorted by real part then |imag|, followed by the real elements sorted by value.
     */
    static List<Complex> combineConjugates(List<Complex> values) {
        List<Complex> sorted = new ArrayList<>(values);
        // lexsort((|imag|, real)): primary key real part, then |imag|; List.sort is stable like lexsort
        sorted.sort(Comparator.comparingDouble(Complex::re).thenComparingDouble(c -> Math.abs(c.im())));
        List<Complex> reals = new ArrayList<>();
        List<Complex> positive = new ArrayList<>();
        List<Complex> negative = new ArrayList<>();
        for (Complex c : sorted) {
            if (Math.abs(c.im()) <= REAL_TOLERANCE * c.abs()) {
                reals.add(Complex.real(c.re()));
            } else if (c.im() > 0) {
                positive.add(c);
            } else {
                negative.add(c);
            }
        }
        if (positive.size() != negative.size()) {
            throw new IllegalArgumentException("complex roots without a conjugate partner: " + values);
        }
        // within runs of (nearly) equal real part, order by |imag| so the pairs line up
        int start = 0;
        while (start < positive.size()) {
            int stop = start + 1;
            while (stop < positive.size() && positive.get(stop).re() - positive.get(stop - 1).re()
                    <= REAL_TOLERANCE * positive.get(stop - 1).abs()) {
                stop++;
            }
            if (stop - start > 1) {
                sortByAbsImag(positive, start, stop);
                sortByAbsImag(negative, start, stop);
            }
            start = stop;
        }
        List<Complex> out = new ArrayList<>(positive.size() + reals.size());
        for (int i = 0; i < positive.size(); i++) {
            Complex zp = positive.get(i);
            Complex zn = negative.get(i);
            if (zp.minus(zn.conj()).abs() > REAL_TOLERANCE * zn.abs()) {
                throw new IllegalArgumentException("complex roots without a conjugate partner: " + values);
            }
            out.add(zp.plus(zn.conj()).times(0.5));
        }
        out.addAll(reals);
        return out;
    }

    private static void sortByAbsImag(List<Complex> list, int from, int to) {
        list.subList(from, to).sort(Comparator.comparingDouble(c -> Math.abs(c.im())));
    }

    /** One section from up to two zeros and two poles with unit gain (scipy _single_zpksos). */
    private static double[] section(List<Complex> zeros, List<Complex> poles) {
        double[] sos = new double[6];
        double[] b = polynomial(zeros);
        double[] a = polynomial(poles);
        System.arraycopy(b, 0, sos, 3 - b.length, b.length);
        System.arraycopy(a, 0, sos, 6 - a.length, a.length);
        return sos;
    }

    /** Real part of the monic polynomial with these roots (numpy.poly by repeated convolution). */
    private static double[] polynomial(List<Complex> roots) {
        Complex[] c = new Complex[roots.size() + 1];
        c[0] = Complex.ONE;
        for (int k = 1; k < c.length; k++) {
            c[k] = Complex.ZERO;
        }
        int degree = 0;
        for (Complex root : roots) {
            Complex neg = root.negate();
            for (int k = degree + 1; k >= 1; k--) {
                c[k] = c[k].plus(c[k - 1].times(neg));
            }
            degree++;
        }
        double[] out = new double[c.length];
        for (int k = 0; k < c.length; k++) {
            out[k] = c[k].re();
        }
        return out;
    }
}

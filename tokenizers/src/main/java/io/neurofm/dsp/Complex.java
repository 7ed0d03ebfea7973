package io.neurofm.dsp;

/**
 * A complex number for filter design (poles and zeros). Design runs once per filter, so an
 * immutable record is fine here; the sample loops never touch it.
 */
record Complex(double re, double im) {
    static final Complex ZERO = new Complex(0.0, 0.0);
    static final Complex ONE = new Complex(1.0, 0.0);

    static Complex real(double re) {
        return new Complex(re, 0.0);
    }

    Complex plus(Complex o) {
        return new Complex(re + o.re, im + o.im);
    }

    Complex minus(Complex o) {
        return new Complex(re - o.re, im - o.im);
    }

    Complex times(Complex o) {
        return new Complex(re * o.re - im * o.im, re * o.im + im * o.re);
    }

    Complex times(double s) {
        return new Complex(re * s, im * s);
    }

    /** Smith's algorithm, as numpy divides complex numbers, to avoid overflow in the denominator. */
    Complex div(Complex o) {
        double absRe = Math.abs(o.re);
        double absIm = Math.abs(o.im);
        if (absRe >= absIm) {
            if (absRe == 0 && absIm == 0) {
                return new Complex(re / absRe, im / absIm);
            }
            double rat = o.im / o.re;
            double scl = 1.0 / (o.re + o.im * rat);
            return new Complex((re + im * rat) * scl, (im - re * rat) * scl);
        }
        double rat = o.re / o.im;
        double scl = 1.0 / (o.im + o.re * rat);
        return new Complex((re * rat + im) * scl, (im * rat - re) * scl);
    }

    Complex negate() {
        return new Complex(-re, -im);
    }

    Complex conj() {
        return new Complex(re, -im);
    }

    double abs() {
        return Math.hypot(re, im);
    }

    /** Principal square root with C99 csqrt's sign conventions (the sign of a zero imaginary part counts). */
    Complex sqrt() {
        if (re == 0 && im == 0) {
            return new Complex(0.0, im);
        }
        double t = Math.sqrt((Math.abs(re) + abs()) / 2);
        if (re >= 0) {
            return new Complex(t, im / (2 * t));
        }
        return new Complex(Math.abs(im) / (2 * t), Math.copySign(t, im));
    }

    /** numpy's isreal: the imaginary part is exactly zero. */
    boolean isReal() {
        return im == 0;
    }

    static Complex expImaginary(double theta) {
        return new Complex(Math.cos(theta), Math.sin(theta));
    }
}

package io.neurofm.dsp;

import java.util.List;

/** A filter as zeros, poles and gain (analog or digital, as the producing step says). */
record Zpk(List<Complex> zeros, List<Complex> poles, double gain) {
    Zpk {
        zeros = List.copyOf(zeros);
        poles = List.copyOf(poles);
    }

    /** Poles minus zeros; a proper analog transfer function needs this to be >= 0. */
    int relativeDegree() {
        int degree = poles.size() - zeros.size();
        if (degree < 0) {
            throw new IllegalArgumentException("improper transfer function: " + zeros.size() + " zeros but only "
                    + poles.size() + " poles");
        }
        return degree;
    }
}

package io.neurofm.dsp;

import java.util.Arrays;

/**
 * Second-order sections, scipy's layout: each row is {@code b0 b1 b2 a0 a1 a2} with a0 = 1.
 * Immutable; coefficients are kept flat (row-major) so the filter loops index one array.
 */
public final class Sos {
    private final double[] coefficients;
    private final int sections;

    public Sos(double[][] rows) {
        if (rows.length == 0) {
            throw new IllegalArgumentException("a filter needs at least one section");
        }
        sections = rows.length;
        coefficients = new double[sections * 6];
        for (int s = 0; s < sections; s++) {
            if (rows[s].length != 6) {
                throw new IllegalArgumentException("section " + s + " has " + rows[s].length
                        + " coefficients, expected 6 (b0 b1 b2 a0 a1 a2)");
            }
            if (rows[s][3] != 1.0) {
                throw new IllegalArgumentException("section " + s + " has a0 = " + rows[s][3] + "; sections must be "
                        + "normalised to a0 = 1");
            }
            for (int k = 0; k < 6; k++) {
                if (!Double.isFinite(rows[s][k])) {
                    throw new IllegalArgumentException("section " + s + " coefficient " + k + " is " + rows[s][k]);
                }
            }
            System.arraycopy(rows[s], 0, coefficients, s * 6, 6);
        }
    }

    public int sectionCount() {
        return sections;
    }

    /** Coefficient k (0..5) of section s. */
    public double coefficient(int s, int k) {
        return coefficients[s * 6 + k];
    }

    /** A copy as [section][6]. */
    public double[][] toArray() {
        double[][] rows = new double[sections][];
        for (int s = 0; s < sections; s++) {
            rows[s] = Arrays.copyOfRange(coefficients, s * 6, s * 6 + 6);
        }
        return rows;
    }

    /**
     * scipy sosfiltfilt's default pad length: {@code 3 * (2 * sections + 1 - min(#(b2 == 0), #(a2 == 0)))};
     * the subtraction discounts poles and zeros at the origin (odd-order designs).
     */
    public int defaultPadLength() {
        int zeroB2 = 0;
        int zeroA2 = 0;
        for (int s = 0; s < sections; s++) {
            if (coefficient(s, 2) == 0) {
                zeroB2++;
            }
            if (coefficient(s, 5) == 0) {
                zeroA2++;
            }
        }
        return 3 * (2 * sections + 1 - Math.min(zeroB2, zeroA2));
    }

    double[] flat() {
        return coefficients;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Sos other && Arrays.equals(coefficients, other.coefficients);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(coefficients);
    }

    @Override
    public String toString() {
        return "Sos" + Arrays.deepToString(toArray());
    }
}

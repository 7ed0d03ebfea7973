package io.neurofm.montage;

/**
 * Spherical-spline interpolation of scalp potentials (Perrin, Pernier, Bertrand &amp; Echallier
 * 1989, Electroenceph. clin. Neurophysiol. 72:184-187) with the choices MNE-Python 1.3 makes in
 * mne/channels/interpolation.py: stiffness m = 4, the Legendre series cut after 50 terms,
 * regularisation alpha = 1e-5 added to the diagonal, positions projected onto the unit sphere
 * around the given origin, and a pseudo-inverse of the bordered system.
 */
public final class SphericalSpline {
    /** MNE's default regularisation of the spline system. */
    public static final double DEFAULT_ALPHA = 1e-5;
    /** Stiffness m of the spline (MNE: 4). */
    public static final int STIFFNESS = 4;
    /** Legendre terms summed (MNE: 50). */
    public static final int LEGENDRE_TERMS = 50;

    private static final double[] G_FACTORS = gFactors();

    private SphericalSpline() {
    }

    /**
     * The matrix mapping signals at {@code from} to estimates at {@code to}, [to][from].
     * Positions are relative to the sphere's centre (any radius; each is projected onto the
     * unit sphere, as MNE does; a zero vector stays as it is).
     */
    public static double[][] interpolationMatrix(double[][] from, double[][] to, double alpha) {
        if (from.length == 0) {
            throw new IllegalArgumentException("interpolation needs at least one source position");
        }
        double[][] unitFrom = unit(from);
        double[][] unitTo = unit(to);
        int nFrom = unitFrom.length;
        int nTo = unitTo.length;
        // Bordered system [[G + alpha I, 1], [1', 0]]: the spline weights plus the constant term.
        double[][] system = new double[nFrom + 1][nFrom + 1];
        for (int i = 0; i < nFrom; i++) {
            for (int j = 0; j < nFrom; j++) {
                system[i][j] = g(dot(unitFrom[i], unitFrom[j]));
            }
            system[i][i] += alpha;
            system[i][nFrom] = 1;
            system[nFrom][i] = 1;
        }
        double[][] inverse = SymmetricMatrices.pseudoInverse(system);
        double[][] result = new double[nTo][nFrom];
        for (int t = 0; t < nTo; t++) {
            double[] row = new double[nFrom + 1];
            for (int j = 0; j < nFrom; j++) {
                row[j] = g(dot(unitTo[t], unitFrom[j]));
            }
            row[nFrom] = 1;
            for (int j = 0; j < nFrom; j++) {
                double sum = 0;
                for (int k = 0; k <= nFrom; k++) {
                    sum += row[k] * inverse[k][j];
                }
                result[t][j] = sum;
            }
        }
        return result;
    }

    /**
     * The spline kernel g(cos) = sum over n = 1..50 of (2n+1) / (n^m (n+1)^m 4 pi) P_n(cos),
     * with m = 4 (Perrin et al.'s g_m).
     */
    public static double g(double cosine) {
        double previous = 1;        // P_0
        double current = cosine;    // P_1
        double sum = G_FACTORS[1] * current;
        for (int n = 1; n < LEGENDRE_TERMS; n++) {
            double next = ((2 * n + 1) * cosine * current - n * previous) / (n + 1);
            previous = current;
            current = next;
            sum += G_FACTORS[n + 1] * current;
        }
        return sum;
    }

    private static double[] gFactors() {
        double[] factors = new double[LEGENDRE_TERMS + 1];
        for (int n = 1; n <= LEGENDRE_TERMS; n++) {
            factors[n] = (2.0 * n + 1) / (Math.pow(n, STIFFNESS) * Math.pow(n + 1, STIFFNESS) * 4 * Math.PI);
        }
        return factors;
    }

    private static double[][] unit(double[][] positions) {
        double[][] out = new double[positions.length][];
        for (int i = 0; i < positions.length; i++) {
            double[] p = positions[i];
            if (p.length != 3) {
                throw new IllegalArgumentException("position " + i + " has " + p.length + " coordinates, expected 3");
            }
            double norm = Math.sqrt(dot(p, p));
            out[i] = norm > 0 ? new double[] {p[0] / norm, p[1] / norm, p[2] / norm} : p.clone();
        }
        return out;
    }

    private static double dot(double[] a, double[] b) {
        return a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
    }
}

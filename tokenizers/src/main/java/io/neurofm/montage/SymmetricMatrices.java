package io.neurofm.montage;

/** Dense symmetric eigen-decomposition (cyclic Jacobi) and the pseudo-inverse built on it. */
final class SymmetricMatrices {
    private static final int MAX_SWEEPS = 100;

    private SymmetricMatrices() {
    }

    /**
     * Eigenvalues and eigenvectors (as columns) of a symmetric matrix. Jacobi rotations keep
     * small eigenvalues accurate relative to the matrix norm, which the spline system needs.
     */
    static Eigen eigen(double[][] matrix) {
        int n = matrix.length;
        double[][] a = new double[n][];
        for (int i = 0; i < n; i++) {
            if (matrix[i].length != n) {
                throw new IllegalArgumentException("matrix is not square");
            }
            a[i] = matrix[i].clone();
        }
        double[][] v = new double[n][n];
        for (int i = 0; i < n; i++) {
            v[i][i] = 1;
        }
        double total = 0;
        for (double[] row : a) {
            for (double x : row) {
                total += x * x;
            }
        }
        for (int sweep = 0; sweep < MAX_SWEEPS; sweep++) {
            double off = 0;
            for (int p = 0; p < n; p++) {
                for (int q = p + 1; q < n; q++) {
                    off += a[p][q] * a[p][q];
                }
            }
            if (off <= 1e-34 * total) {
                return new Eigen(diagonal(a), v);
            }
            for (int p = 0; p < n; p++) {
                for (int q = p + 1; q < n; q++) {
                    if (a[p][q] != 0) {
                        rotate(a, v, p, q);
                    }
                }
            }
        }
        throw new ArithmeticException("Jacobi eigen-decomposition did not converge in " + MAX_SWEEPS + " sweeps");
    }

    /**
     * Moore-Penrose pseudo-inverse of a symmetric matrix, dropping eigenvalues at or below
     * n * machine epsilon * the largest magnitude (scipy.linalg.pinv's default cut-off; for a
     * symmetric matrix the singular values are the eigenvalue magnitudes).
     */
    static double[][] pseudoInverse(double[][] matrix) {
        Eigen e = eigen(matrix);
        int n = matrix.length;
        double largest = 0;
        for (double value : e.values()) {
            largest = Math.max(largest, Math.abs(value));
        }
        double cutoff = n * Math.ulp(1.0) * largest;
        double[][] out = new double[n][n];
        for (int k = 0; k < n; k++) {
            double value = e.values()[k];
            if (Math.abs(value) <= cutoff) {
                continue;
            }
            double inverse = 1 / value;
            for (int i = 0; i < n; i++) {
                double vik = e.vectors()[i][k] * inverse;
                if (vik == 0) {
                    continue;
                }
                for (int j = 0; j < n; j++) {
                    out[i][j] += vik * e.vectors()[j][k];
                }
            }
        }
        return out;
    }

    /** values[k] belongs to the eigenvector in column k of vectors. */
    record Eigen(double[] values, double[][] vectors) {
    }

    private static double[] diagonal(double[][] a) {
        double[] d = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            d[i] = a[i][i];
        }
        return d;
    }

    // One Jacobi rotation zeroing a[p][q] (Golub & Van Loan, Algorithm 8.4.1 with the smaller angle).
    private static void rotate(double[][] a, double[][] v, int p, int q) {
        double apq = a[p][q];
        double theta = (a[q][q] - a[p][p]) / (2 * apq);
        double t = Math.signum(theta) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        if (theta == 0) {
            t = 1;
        }
        double c = 1 / Math.sqrt(t * t + 1);
        double s = t * c;
        int n = a.length;
        for (int k = 0; k < n; k++) {
            double akp = a[k][p];
            double akq = a[k][q];
            a[k][p] = c * akp - s * akq;
            a[k][q] = s * akp + c * akq;
        }
        for (int k = 0; k < n; k++) {
            double apk = a[p][k];
            double aqk = a[q][k];
            a[p][k] = c * apk - s * aqk;
            a[q][k] = s * apk + c * aqk;
        }
        a[p][q] = 0;
        a[q][p] = 0;
        for (int k = 0; k < n; k++) {
            double vkp = v[k][p];
            double vkq = v[k][q];
            v[k][p] = c * vkp - s * vkq;
            v[k][q] = s * vkp + c * vkq;
        }
    }
}

package io.neurofm.probe;

/** Shape checks and small dense linear algebra in double. */
final class Matrices {
    private Matrices() {
    }

    static int checkFit(double[][] x, int[] y, int classes) {
        if (x.length == 0) {
            throw new IllegalArgumentException("no training samples");
        }
        if (x.length != y.length) {
            throw new IllegalArgumentException(x.length + " samples but " + y.length + " labels");
        }
        if (classes < 2) {
            throw new IllegalArgumentException("a probe needs at least two classes, got " + classes);
        }
        int d = checkRows(x, x[0].length);
        for (int i = 0; i < y.length; i++) {
            if (y[i] < 0 || y[i] >= classes) {
                throw new IllegalArgumentException("label " + y[i] + " of sample " + i + " outside 0.." + (classes - 1));
            }
        }
        return d;
    }

    static int checkRows(double[][] x, int d) {
        for (int i = 0; i < x.length; i++) {
            if (x[i].length != d) {
                throw new IllegalArgumentException("sample " + i + " has " + x[i].length + " features, expected " + d);
            }
            for (double v : x[i]) {
                if (!Double.isFinite(v)) {
                    throw new IllegalArgumentException("sample " + i + " holds a non-finite feature " + v);
                }
            }
        }
        return d;
    }

    /** Solves A z = b for symmetric positive definite A by Cholesky (A is not modified). */
    static double[] solveSpd(double[][] a, double[] b) {
        int n = b.length;
        double[][] l = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j <= i; j++) {
                double s = a[i][j];
                for (int k = 0; k < j; k++) {
                    s -= l[i][k] * l[j][k];
                }
                if (i == j) {
                    if (!(s > 0)) {
                        throw new IllegalArgumentException("the covariance matrix is singular (pivot " + s + " at " + i
                                + "); use shrinkage or fewer features");
                    }
                    l[i][i] = Math.sqrt(s);
                } else {
                    l[i][j] = s / l[j][j];
                }
            }
        }
        double[] z = new double[n];
        for (int i = 0; i < n; i++) {
            double s = b[i];
            for (int k = 0; k < i; k++) {
                s -= l[i][k] * z[k];
            }
            z[i] = s / l[i][i];
        }
        for (int i = n - 1; i >= 0; i--) {
            double s = z[i];
            for (int k = i + 1; k < n; k++) {
                s -= l[k][i] * z[k];
            }
            z[i] = s / l[i][i];
        }
        return z;
    }

    /** Row-wise softmax in place, shifted by the row maximum. */
    static void softmax(double[] z) {
        double max = Double.NEGATIVE_INFINITY;
        for (double v : z) {
            max = Math.max(max, v);
        }
        double sum = 0;
        for (int k = 0; k < z.length; k++) {
            z[k] = Math.exp(z[k] - max);
            sum += z[k];
        }
        for (int k = 0; k < z.length; k++) {
            z[k] /= sum;
        }
    }
}

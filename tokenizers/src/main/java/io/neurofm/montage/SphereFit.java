package io.neurofm.montage;

import io.neurofm.signal.Position;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Least-squares sphere through electrode positions: the head model MNE-Python's
 * {@code origin='auto'} fits (mne.bem.fit_sphere_to_headshape on the EEG digitisation points).
 * As MNE does, points that are both low and frontal (z &lt; 0 and y &gt; 0: nose, face) are left
 * out and at least four must remain. MNE minimises sum((|p - c| - r)^2) with COBYLA, stopping at a
 * tolerance of 1e-6 of the initial radius; we minimise the same function with Levenberg-Marquardt
 * from the same starting point until it stops improving, so the centres agree to about 1e-7 m.
 */
public final class SphereFit {
    /** MNE's exclusion thresholds for "low and frontal" points, metres. */
    private static final double LOW = -1e-6;
    private static final double FRONTAL = 1e-6;
    private static final int MAX_ITERATIONS = 500;

    private SphereFit() {
    }

    /** The points MNE would use for the fit: all but the low frontal ones. */
    public static List<Position> fittingPoints(List<Position> positions) {
        List<Position> kept = new ArrayList<>();
        for (Position p : positions) {
            if (!(p.z() < LOW && p.y() > FRONTAL)) {
                kept.add(p);
            }
        }
        return kept;
    }

    /**
     * Fits a sphere to the positions (after dropping low frontal points).
     *
     * @throws IllegalArgumentException when fewer than 4 points remain or they span no sphere
     */
    public static Sphere fit(List<Position> positions) {
        List<Position> points = fittingPoints(positions);
        if (points.size() < 4) {
            throw new IllegalArgumentException("a sphere fit needs at least 4 positions that are not low and frontal,"
                    + " got " + points.size() + " of " + positions.size());
        }
        int n = points.size();
        double[][] p = new double[n][];
        for (int i = 0; i < n; i++) {
            p[i] = new double[] {points.get(i).x(), points.get(i).y(), points.get(i).z()};
        }
        double[] params = initialGuess(p);
        double cost = cost(p, params);
        double lambda = 1e-3;
        for (int iteration = 0; iteration < MAX_ITERATIONS; iteration++) {
            double[][] jtj = new double[4][4];
            double[] jtr = new double[4];
            for (double[] point : p) {
                double dx = point[0] - params[0];
                double dy = point[1] - params[1];
                double dz = point[2] - params[2];
                double d = Math.sqrt(dx * dx + dy * dy + dz * dz);
                if (d == 0) {
                    continue;
                }
                double[] grad = {-dx / d, -dy / d, -dz / d, -1};
                double residual = d - params[3];
                for (int a = 0; a < 4; a++) {
                    jtr[a] += grad[a] * residual;
                    for (int b = 0; b < 4; b++) {
                        jtj[a][b] += grad[a] * grad[b];
                    }
                }
            }
            boolean improved = false;
            while (lambda < 1e12) {
                double[][] damped = new double[4][];
                for (int a = 0; a < 4; a++) {
                    damped[a] = jtj[a].clone();
                    damped[a][a] += lambda * Math.max(jtj[a][a], 1e-30);
                }
                double[] step = solve4(damped, negate(jtr));
                double[] trial = new double[4];
                for (int a = 0; a < 4; a++) {
                    trial[a] = params[a] + step[a];
                }
                double trialCost = cost(p, trial);
                if (trialCost < cost) {
                    params = trial;
                    cost = trialCost;
                    lambda = Math.max(lambda / 10, 1e-15);
                    improved = true;
                    break;
                }
                lambda *= 10;
            }
            if (!improved) {
                break;
            }
        }
        if (!(params[3] > 0) || !Double.isFinite(params[3])) {
            throw new IllegalArgumentException("the positions do not span a sphere (fitted radius " + params[3] + ")");
        }
        return new Sphere(new Position(params[0], params[1], params[2]), params[3]);
    }

    // MNE's start: centre = per-axis median, radius = mean over points of (max - min coordinate) / 2.
    private static double[] initialGuess(double[][] p) {
        double[] guess = new double[4];
        for (int axis = 0; axis < 3; axis++) {
            double[] values = new double[p.length];
            for (int i = 0; i < p.length; i++) {
                values[i] = p[i][axis];
            }
            guess[axis] = median(values);
        }
        double radius = 0;
        for (double[] point : p) {
            radius += (Math.max(point[0], Math.max(point[1], point[2]))
                    - Math.min(point[0], Math.min(point[1], point[2]))) / 2;
        }
        guess[3] = radius / p.length;
        return guess;
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int mid = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    private static double cost(double[][] p, double[] params) {
        double sum = 0;
        for (double[] point : p) {
            double dx = point[0] - params[0];
            double dy = point[1] - params[1];
            double dz = point[2] - params[2];
            double r = Math.sqrt(dx * dx + dy * dy + dz * dz) - params[3];
            sum += r * r;
        }
        return sum;
    }

    private static double[] negate(double[] v) {
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = -v[i];
        }
        return out;
    }

    // Gaussian elimination with partial pivoting on the damped 4x4 normal equations.
    private static double[] solve4(double[][] a, double[] b) {
        int n = b.length;
        double[][] m = new double[n][n + 1];
        for (int i = 0; i < n; i++) {
            System.arraycopy(a[i], 0, m[i], 0, n);
            m[i][n] = b[i];
        }
        for (int col = 0; col < n; col++) {
            int pivot = col;
            for (int row = col + 1; row < n; row++) {
                if (Math.abs(m[row][col]) > Math.abs(m[pivot][col])) {
                    pivot = row;
                }
            }
            double[] tmp = m[col];
            m[col] = m[pivot];
            m[pivot] = tmp;
            if (m[col][col] == 0) {
                return new double[n];
            }
            for (int row = col + 1; row < n; row++) {
                double f = m[row][col] / m[col][col];
                for (int k = col; k <= n; k++) {
                    m[row][k] -= f * m[col][k];
                }
            }
        }
        double[] x = new double[n];
        for (int i = n - 1; i >= 0; i--) {
            double s = m[i][n];
            for (int k = i + 1; k < n; k++) {
                s -= m[i][k] * x[k];
            }
            x[i] = s / m[i][i];
        }
        return x;
    }
}

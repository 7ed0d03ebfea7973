package io.neurofm.probe;

/**
 * Limited-memory BFGS for smooth convex objectives in double, with a backtracking (Armijo) line
 * search: enough for the strictly convex L2-regularised losses of the probes, where the curvature
 * pair s'y is positive at every step (a pair that is not is skipped).
 */
final class Lbfgs {
    /** f(x), writing the gradient into {@code gradient}. */
    interface Objective {
        double valueAndGradient(double[] x, double[] gradient);
    }

    /** Outcome: the minimiser, its value, the final gradient's largest magnitude and the iterations. */
    record Result(double[] x, double value, double gradientNorm, int iterations, boolean converged) {
    }

    private Lbfgs() {
    }

    /**
     * Minimises from {@code x0} until the largest gradient component is below {@code gradientTolerance}
     * or {@code maxIterations} is reached.
     */
    static Result minimize(Objective f, double[] x0, int memory, double gradientTolerance, int maxIterations) {
        int n = x0.length;
        double[] x = x0.clone();
        double[] g = new double[n];
        double fx = f.valueAndGradient(x, g);
        double[][] s = new double[memory][];
        double[][] y = new double[memory][];
        double[] rho = new double[memory];
        int stored = 0;
        int head = 0;
        double[] alpha = new double[memory];
        double[] xNew = new double[n];
        double[] gNew = new double[n];
        int iteration = 0;
        for (; iteration < maxIterations; iteration++) {
            if (maxAbs(g) < gradientTolerance) {
                return new Result(x, fx, maxAbs(g), iteration, true);
            }
            // two-loop recursion: d = -H g
            double[] d = g.clone();
            for (int m = 0; m < stored; m++) {
                int i = Math.floorMod(head - 1 - m, memory);
                alpha[i] = rho[i] * dot(s[i], d);
                axpy(-alpha[i], y[i], d);
            }
            double gamma = 1;
            if (stored > 0) {
                int last = Math.floorMod(head - 1, memory);
                gamma = dot(s[last], y[last]) / dot(y[last], y[last]);
            } else {
                gamma = 1 / Math.max(1, Math.sqrt(dot(g, g)));
            }
            scale(gamma, d);
            for (int m = stored - 1; m >= 0; m--) {
                int i = Math.floorMod(head - 1 - m, memory);
                double beta = rho[i] * dot(y[i], d);
                axpy(alpha[i] - beta, s[i], d);
            }
            scale(-1, d);
            double slope = dot(g, d);
            if (!(slope < 0)) {
                // not a descent direction (lost curvature information): restart from steepest descent
                stored = 0;
                d = g.clone();
                scale(-1 / Math.max(1, Math.sqrt(dot(g, g))), d);
                slope = dot(g, d);
            }
            double step = 1;
            double fNew = Double.NaN;
            boolean accepted = false;
            for (int tries = 0; tries < 60; tries++) {
                for (int j = 0; j < n; j++) {
                    xNew[j] = x[j] + step * d[j];
                }
                fNew = f.valueAndGradient(xNew, gNew);
                if (Double.isFinite(fNew) && fNew <= fx + 1e-4 * step * slope) {
                    accepted = true;
                    break;
                }
                step *= 0.5;
            }
            if (!accepted) {
                return new Result(x, fx, maxAbs(g), iteration, false);
            }
            double[] sk = new double[n];
            double[] yk = new double[n];
            for (int j = 0; j < n; j++) {
                sk[j] = xNew[j] - x[j];
                yk[j] = gNew[j] - g[j];
            }
            double sy = dot(sk, yk);
            if (sy > 1e-300) {
                s[head] = sk;
                y[head] = yk;
                rho[head] = 1 / sy;
                head = (head + 1) % memory;
                stored = Math.min(stored + 1, memory);
            }
            double fOld = fx;
            System.arraycopy(xNew, 0, x, 0, n);
            System.arraycopy(gNew, 0, g, 0, n);
            fx = fNew;
            if (fOld - fx <= 1e-16 * Math.max(1, Math.abs(fx)) && maxAbs(g) < Math.sqrt(gradientTolerance)) {
                // no further progress representable in double
                return new Result(x, fx, maxAbs(g), iteration + 1, true);
            }
        }
        return new Result(x, fx, maxAbs(g), iteration, maxAbs(g) < gradientTolerance);
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    private static void axpy(double a, double[] x, double[] y) {
        for (int i = 0; i < x.length; i++) {
            y[i] += a * x[i];
        }
    }

    private static void scale(double a, double[] x) {
        for (int i = 0; i < x.length; i++) {
            x[i] *= a;
        }
    }

    private static double maxAbs(double[] a) {
        double m = 0;
        for (double v : a) {
            m = Math.max(m, Math.abs(v));
        }
        return m;
    }
}

package io.neurofm.probe;

/**
 * Multinomial logistic regression with an L2 penalty on the weights (not the intercepts), on
 * standardised features: the minimiser of C * sum_i -log p(y_i | x_i) + ||W||^2 / 2, sklearn's
 * LogisticRegression(C, multi_class='multinomial', solver='lbfgs') after a StandardScaler. Every
 * class has its own weight vector (sklearn's symmetric parameterisation, identifiable through the
 * penalty). Solved by L-BFGS in double to a gradient of 1e-8 relative to the sample count, far
 * tighter than sklearn's default tol, so the two agree to the reference's own convergence.
 */
public final class LogisticRegressionProbe implements Probe {
    private static final int MAX_ITERATIONS = 5000;
    private final double c;

    public LogisticRegressionProbe(double c) {
        if (!(c > 0) || !Double.isFinite(c)) {
            throw new IllegalArgumentException("C must be positive and finite, got " + c);
        }
        this.c = c;
    }

    public double c() {
        return c;
    }

    @Override
    public String name() {
        return "logreg(C=" + c + ")";
    }

    @Override
    public Fitted fit(double[][] x, int[] y, int classes) {
        int d = Matrices.checkFit(x, y, classes);
        Standardizer standardizer = Standardizer.fit(x);
        double[][] z = standardizer.apply(x);
        int n = z.length;
        int k = classes;
        // the objective is divided by n * C so the gradient tolerance does not depend on n or C
        double penalty = 1.0 / (c * n);
        Lbfgs.Objective objective = (w, grad) -> {
            java.util.Arrays.fill(grad, 0);
            double loss = 0;
            double[] logits = new double[k];
            for (int i = 0; i < n; i++) {
                for (int a = 0; a < k; a++) {
                    double s = w[k * d + a];
                    int offset = a * d;
                    for (int j = 0; j < d; j++) {
                        s += w[offset + j] * z[i][j];
                    }
                    logits[a] = s;
                }
                double max = Double.NEGATIVE_INFINITY;
                for (double v : logits) {
                    max = Math.max(max, v);
                }
                double sum = 0;
                for (double v : logits) {
                    sum += Math.exp(v - max);
                }
                double logNorm = max + Math.log(sum);
                loss += logNorm - logits[y[i]];
                for (int a = 0; a < k; a++) {
                    double r = Math.exp(logits[a] - logNorm) - (a == y[i] ? 1 : 0);
                    int offset = a * d;
                    for (int j = 0; j < d; j++) {
                        grad[offset + j] += r * z[i][j];
                    }
                    grad[k * d + a] += r;
                }
            }
            double value = loss / n;
            for (int p = 0; p < grad.length; p++) {
                grad[p] /= n;
            }
            for (int p = 0; p < k * d; p++) {
                value += 0.5 * penalty * w[p] * w[p];
                grad[p] += penalty * w[p];
            }
            return value;
        };
        Lbfgs.Result result = Lbfgs.minimize(objective, new double[k * d + k], 20, 1e-10, MAX_ITERATIONS);
        double[][] weights = new double[k][d];
        double[] intercepts = new double[k];
        for (int a = 0; a < k; a++) {
            System.arraycopy(result.x(), a * d, weights[a], 0, d);
            intercepts[a] = result.x()[k * d + a];
        }
        return new Fitted(standardizer, weights, intercepts, result.iterations(), result.converged());
    }

    /** The trained model; weights act on standardised features. */
    public record Fitted(Standardizer standardizer, double[][] weights, double[] intercepts, int iterations,
                         boolean converged) implements FittedProbe {
        @Override
        public int classes() {
            return intercepts.length;
        }

        @Override
        public double[][] predictProba(double[][] x) {
            Matrices.checkRows(x, standardizer.mean().length);
            double[][] z = standardizer.apply(x);
            double[][] p = new double[z.length][];
            for (int i = 0; i < z.length; i++) {
                double[] logits = intercepts.clone();
                for (int a = 0; a < logits.length; a++) {
                    for (int j = 0; j < z[i].length; j++) {
                        logits[a] += weights[a][j] * z[i][j];
                    }
                }
                Matrices.softmax(logits);
                p[i] = logits;
            }
            return p;
        }
    }
}

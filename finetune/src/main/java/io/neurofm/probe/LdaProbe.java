package io.neurofm.probe;

/**
 * Linear discriminant analysis, sklearn's LinearDiscriminantAnalysis(solver='lsqr') with
 * shrinkage=None or 'auto': priors from class frequencies, the within-class covariance
 * sum_k prior_k Cov_k (each class's biased covariance, or with shrinkage its Ledoit-Wolf estimate
 * computed on that class's standardised features and scaled back), w_k = Cov^-1 mean_k,
 * b_k = -mean_k . w_k / 2 + log prior_k, and probabilities the softmax of the scores (the logistic
 * of the score difference for two classes). The classic band-power reference classifier.
 */
public final class LdaProbe implements Probe {
    private final boolean shrinkage;

    public LdaProbe(boolean shrinkage) {
        this.shrinkage = shrinkage;
    }

    @Override
    public String name() {
        return shrinkage ? "lda(shrinkage=ledoit-wolf)" : "lda";
    }

    @Override
    public Fitted fit(double[][] x, int[] y, int classes) {
        int d = Matrices.checkFit(x, y, classes);
        int n = x.length;
        double[][] cov = new double[d][d];
        double[][] means = new double[classes][d];
        double[] priors = new double[classes];
        for (int k = 0; k < classes; k++) {
            int count = 0;
            for (int label : y) {
                if (label == k) {
                    count++;
                }
            }
            if (count == 0) {
                throw new IllegalArgumentException("class " + k + " has no training samples");
            }
            double[][] xk = new double[count][];
            int c = 0;
            for (int i = 0; i < n; i++) {
                if (y[i] == k) {
                    xk[c++] = x[i];
                }
            }
            priors[k] = (double) count / n;
            for (double[] row : xk) {
                for (int j = 0; j < d; j++) {
                    means[k][j] += row[j] / count;
                }
            }
            double[][] ck = classCovariance(xk);
            for (int a = 0; a < d; a++) {
                for (int b = 0; b < d; b++) {
                    cov[a][b] += priors[k] * ck[a][b];
                }
            }
        }
        double[][] weights = new double[classes][];
        double[] intercepts = new double[classes];
        for (int k = 0; k < classes; k++) {
            weights[k] = Matrices.solveSpd(cov, means[k]);
            double quad = 0;
            for (int j = 0; j < d; j++) {
                quad += means[k][j] * weights[k][j];
            }
            intercepts[k] = -0.5 * quad + Math.log(priors[k]);
        }
        return new Fitted(weights, intercepts);
    }

    private double[][] classCovariance(double[][] xk) {
        if (!shrinkage) {
            return LedoitWolf.empirical(xk);
        }
        Standardizer s = Standardizer.fit(xk);
        double[][] shrunk = LedoitWolf.covariance(s.apply(xk));
        double[] scale = s.scale();
        for (int a = 0; a < shrunk.length; a++) {
            for (int b = 0; b < shrunk.length; b++) {
                shrunk[a][b] *= scale[a] * scale[b];
            }
        }
        return shrunk;
    }

    /** Per-class linear scores w_k . x + b_k. */
    public record Fitted(double[][] weights, double[] intercepts) implements FittedProbe {
        @Override
        public int classes() {
            return intercepts.length;
        }

        @Override
        public double[][] predictProba(double[][] x) {
            Matrices.checkRows(x, weights[0].length);
            double[][] p = new double[x.length][];
            for (int i = 0; i < x.length; i++) {
                double[] s = intercepts.clone();
                for (int k = 0; k < s.length; k++) {
                    for (int j = 0; j < x[i].length; j++) {
                        s[k] += weights[k][j] * x[i][j];
                    }
                }
                Matrices.softmax(s);
                p[i] = s;
            }
            return p;
        }
    }
}

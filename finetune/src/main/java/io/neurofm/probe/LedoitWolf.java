package io.neurofm.probe;

/**
 * Ledoit-Wolf shrinkage of a covariance towards a scaled identity (sklearn.covariance.ledoit_wolf
 * with assume_centered=False): (1 - s) S + s mu I with S the biased sample covariance, mu its mean
 * eigenvalue (trace / p) and s the Ledoit-Wolf (2004) estimate of the optimal intensity, clipped to 1.
 */
final class LedoitWolf {
    private LedoitWolf() {
    }

    /** The shrinkage intensity in [0, 1] for samples {@code x} ([sample][feature]). */
    static double shrinkage(double[][] x) {
        int n = x.length;
        int p = x[0].length;
        if (p == 1) {
            return 0;
        }
        double[][] c = centered(x);
        double[] traceTerms = new double[p];
        for (double[] row : c) {
            for (int j = 0; j < p; j++) {
                traceTerms[j] += row[j] * row[j];
            }
        }
        double traceSum = 0;
        for (int j = 0; j < p; j++) {
            traceTerms[j] /= n;
            traceSum += traceTerms[j];
        }
        double mu = traceSum / p;
        double betaSum = 0;
        double deltaSum = 0;
        for (int a = 0; a < p; a++) {
            for (int b = 0; b < p; b++) {
                double squares = 0;
                double products = 0;
                for (double[] row : c) {
                    squares += row[a] * row[a] * row[b] * row[b];
                    products += row[a] * row[b];
                }
                betaSum += squares;
                deltaSum += products * products;
            }
        }
        deltaSum /= (double) n * n;
        double beta = 1.0 / ((double) p * n) * (betaSum / n - deltaSum);
        double delta = (deltaSum - 2 * mu * traceSum + p * mu * mu) / p;
        beta = Math.min(beta, delta);
        return beta == 0 ? 0 : beta / delta;
    }

    /** The shrunk covariance of {@code x}. */
    static double[][] covariance(double[][] x) {
        double s = shrinkage(x);
        double[][] cov = empirical(x);
        int p = cov.length;
        double mu = 0;
        for (int j = 0; j < p; j++) {
            mu += cov[j][j];
        }
        mu /= p;
        for (int a = 0; a < p; a++) {
            for (int b = 0; b < p; b++) {
                cov[a][b] = (1 - s) * cov[a][b] + (a == b ? s * mu : 0);
            }
        }
        return cov;
    }

    /** Biased (divide by n) sample covariance. */
    static double[][] empirical(double[][] x) {
        double[][] c = centered(x);
        int p = x[0].length;
        double[][] cov = new double[p][p];
        for (double[] row : c) {
            for (int a = 0; a < p; a++) {
                for (int b = 0; b < p; b++) {
                    cov[a][b] += row[a] * row[b];
                }
            }
        }
        for (int a = 0; a < p; a++) {
            for (int b = 0; b < p; b++) {
                cov[a][b] /= x.length;
            }
        }
        return cov;
    }

    private static double[][] centered(double[][] x) {
        int p = x[0].length;
        double[] mean = new double[p];
        for (double[] row : x) {
            for (int j = 0; j < p; j++) {
                mean[j] += row[j];
            }
        }
        for (int j = 0; j < p; j++) {
            mean[j] /= x.length;
        }
        double[][] c = new double[x.length][p];
        for (int i = 0; i < x.length; i++) {
            for (int j = 0; j < p; j++) {
                c[i][j] = x[i][j] - mean[j];
            }
        }
        return c;
    }
}

package io.neurofm.probe;

import java.util.Arrays;
import java.util.Comparator;

/**
 * k nearest neighbours by Euclidean distance (on standardised features when asked) or cosine
 * distance (1 - cosine similarity, on the raw features: the usual choice for embeddings).
 * Neighbours with equal distance are taken in training order. The probability of a class is its
 * share of the k votes; the prediction is the class with most votes, and a tie in votes goes to the
 * tied class whose nearest member is nearest (then the lower class index), so it is deterministic.
 */
public final class KnnProbe implements Probe {
    public enum Distance { EUCLIDEAN, COSINE }

    public static final int DEFAULT_K = 5;
    private final int k;
    private final Distance distance;
    private final boolean standardize;

    public KnnProbe() {
        this(DEFAULT_K, Distance.EUCLIDEAN, true);
    }

    public KnnProbe(int k, Distance distance, boolean standardize) {
        if (k < 1) {
            throw new IllegalArgumentException("k must be >= 1, got " + k);
        }
        this.k = k;
        this.distance = distance;
        this.standardize = standardize;
    }

    @Override
    public String name() {
        return "knn(k=" + k + ", " + distance.name().toLowerCase() + ")";
    }

    @Override
    public Fitted fit(double[][] x, int[] y, int classes) {
        Matrices.checkFit(x, y, classes);
        if (k > x.length) {
            throw new IllegalArgumentException("k = " + k + " exceeds the " + x.length + " training samples");
        }
        Standardizer s = standardize ? Standardizer.fit(x) : null;
        return new Fitted(s, s == null ? copy(x) : s.apply(x), y.clone(), classes, k, distance);
    }

    /** The stored training set. */
    public static final class Fitted implements FittedProbe {
        private final Standardizer standardizer;
        private final double[][] x;
        private final int[] y;
        private final int classes;
        private final int k;
        private final Distance distance;

        Fitted(Standardizer standardizer, double[][] x, int[] y, int classes, int k, Distance distance) {
            this.standardizer = standardizer;
            this.x = x;
            this.y = y;
            this.classes = classes;
            this.k = k;
            this.distance = distance;
        }

        @Override
        public int classes() {
            return classes;
        }

        @Override
        public double[][] predictProba(double[][] queries) {
            return vote(queries, false);
        }

        @Override
        public int[] predict(double[][] queries) {
            double[][] winners = vote(queries, true);
            int[] out = new int[winners.length];
            for (int i = 0; i < out.length; i++) {
                out[i] = (int) winners[i][0];
            }
            return out;
        }

        private double[][] vote(double[][] queries, boolean winnerOnly) {
            Matrices.checkRows(queries, x[0].length);
            double[][] q = standardizer == null ? queries : standardizer.apply(queries);
            double[][] out = new double[q.length][];
            Integer[] order = new Integer[x.length];
            double[] d = new double[x.length];
            for (int i = 0; i < q.length; i++) {
                for (int j = 0; j < x.length; j++) {
                    d[j] = distance(q[i], x[j]);
                    order[j] = j;
                }
                // stable sort: equal distances keep training order
                Arrays.sort(order, Comparator.comparingDouble(j -> d[j]));
                int[] votes = new int[classes];
                int[] firstRank = new int[classes];
                Arrays.fill(firstRank, Integer.MAX_VALUE);
                for (int r = 0; r < k; r++) {
                    int label = y[order[r]];
                    votes[label]++;
                    firstRank[label] = Math.min(firstRank[label], r);
                }
                if (winnerOnly) {
                    int best = 0;
                    for (int c = 1; c < classes; c++) {
                        if (votes[c] > votes[best] || (votes[c] == votes[best] && firstRank[c] < firstRank[best])) {
                            best = c;
                        }
                    }
                    out[i] = new double[] {best};
                } else {
                    out[i] = new double[classes];
                    for (int c = 0; c < classes; c++) {
                        out[i][c] = (double) votes[c] / k;
                    }
                }
            }
            return out;
        }

        private double distance(double[] a, double[] b) {
            if (distance == Distance.EUCLIDEAN) {
                double s = 0;
                for (int j = 0; j < a.length; j++) {
                    double t = a[j] - b[j];
                    s += t * t;
                }
                return Math.sqrt(s);
            }
            double dot = 0;
            double na = 0;
            double nb = 0;
            for (int j = 0; j < a.length; j++) {
                dot += a[j] * b[j];
                na += a[j] * a[j];
                nb += b[j] * b[j];
            }
            // a zero vector has no direction: treat it as orthogonal to everything
            return na == 0 || nb == 0 ? 1 : 1 - dot / Math.sqrt(na * nb);
        }
    }

    private static double[][] copy(double[][] x) {
        double[][] c = new double[x.length][];
        for (int i = 0; i < x.length; i++) {
            c[i] = x[i].clone();
        }
        return c;
    }
}

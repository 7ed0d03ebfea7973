package io.neurofm.probe.metrics;

/**
 * Test-set outputs of one classifier: true labels, hard predictions and class probabilities
 * ([sample][class]), all for the same samples.
 */
public record Predictions(int[] yTrue, int[] yPred, double[][] probabilities, int classes) {
    public Predictions {
        Labels.check(yTrue, yPred, classes);
        Labels.checkScores(yTrue, probabilities, classes);
        yTrue = yTrue.clone();
        yPred = yPred.clone();
        double[][] copy = new double[probabilities.length][];
        for (int i = 0; i < copy.length; i++) {
            copy[i] = probabilities[i].clone();
        }
        probabilities = copy;
    }

    public int size() {
        return yTrue.length;
    }

    /** The samples at {@code index} (repeats allowed, as a bootstrap resample). */
    public Predictions select(int[] index) {
        int[] t = new int[index.length];
        int[] p = new int[index.length];
        double[][] s = new double[index.length][];
        for (int i = 0; i < index.length; i++) {
            t[i] = yTrue[index[i]];
            p[i] = yPred[index[i]];
            s[i] = probabilities[index[i]];
        }
        return new Predictions(t, p, s, classes);
    }

    public ConfusionMatrix confusion() {
        return ConfusionMatrix.of(yTrue, yPred, classes);
    }

    /** Concatenation, e.g. the test folds of one cross-validation run. */
    public Predictions concat(Predictions other) {
        if (other.classes != classes) {
            throw new IllegalArgumentException(classes + " vs " + other.classes + " classes");
        }
        int n = size();
        int[] t = new int[n + other.size()];
        int[] p = new int[t.length];
        double[][] s = new double[t.length][];
        System.arraycopy(yTrue, 0, t, 0, n);
        System.arraycopy(other.yTrue, 0, t, n, other.size());
        System.arraycopy(yPred, 0, p, 0, n);
        System.arraycopy(other.yPred, 0, p, n, other.size());
        System.arraycopy(probabilities, 0, s, 0, n);
        System.arraycopy(other.probabilities, 0, s, n, other.size());
        return new Predictions(t, p, s, classes);
    }
}

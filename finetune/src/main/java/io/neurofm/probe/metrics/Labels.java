package io.neurofm.probe.metrics;

/** Argument checks shared by the metrics: labels are class indices 0..classes-1. */
final class Labels {
    private Labels() {
    }

    static void check(int[] yTrue, int[] yPred, int classes) {
        if (yTrue.length != yPred.length) {
            throw new IllegalArgumentException(yTrue.length + " true labels but " + yPred.length + " predictions");
        }
        check(yTrue, classes);
        check(yPred, classes);
    }

    static void check(int[] y, int classes) {
        if (classes < 1) {
            throw new IllegalArgumentException("need at least one class, got " + classes);
        }
        if (y.length == 0) {
            throw new IllegalArgumentException("no samples");
        }
        for (int i = 0; i < y.length; i++) {
            if (y[i] < 0 || y[i] >= classes) {
                throw new IllegalArgumentException("label " + y[i] + " at " + i + " is outside 0.." + (classes - 1));
            }
        }
    }

    static void checkScores(int[] yTrue, double[][] scores, int classes) {
        check(yTrue, classes);
        if (scores.length != yTrue.length) {
            throw new IllegalArgumentException(yTrue.length + " labels but " + scores.length + " score rows");
        }
        for (int i = 0; i < scores.length; i++) {
            if (scores[i].length != classes) {
                throw new IllegalArgumentException("score row " + i + " has " + scores[i].length + " columns, expected "
                        + classes);
            }
            for (double s : scores[i]) {
                if (!Double.isFinite(s)) {
                    throw new IllegalArgumentException("score row " + i + " holds a non-finite value " + s);
                }
            }
        }
    }
}

package io.neurofm.probe.metrics;

/**
 * Metrics of hard predictions, with sklearn 1.2's definitions (class indices 0..classes-1; a class
 * absent from both truth and prediction changes nothing).
 */
public final class LabelMetrics {
    private LabelMetrics() {
    }

    public static double accuracy(int[] yTrue, int[] yPred, int classes) {
        ConfusionMatrix c = ConfusionMatrix.of(yTrue, yPred, classes);
        long hit = 0;
        for (int k = 0; k < classes; k++) {
            hit += c.get(k, k);
        }
        return (double) hit / c.total();
    }

    /**
     * balanced_accuracy_score: the mean recall over the classes present in {@code yTrue} (sklearn
     * drops a class that is only predicted, with a warning).
     */
    public static double balancedAccuracy(int[] yTrue, int[] yPred, int classes) {
        return balancedAccuracy(ConfusionMatrix.of(yTrue, yPred, classes));
    }

    public static double balancedAccuracy(ConfusionMatrix c) {
        double sum = 0;
        int present = 0;
        for (int k = 0; k < c.classes(); k++) {
            long support = c.rowSum(k);
            if (support > 0) {
                sum += (double) c.get(k, k) / support;
                present++;
            }
        }
        return sum / present;
    }

    /**
     * cohen_kappa_score (unweighted): 1 - sum(W * C) / sum(W * E) with W = 1 - I and E the outer
     * product of the marginals over the total. NaN when the expected disagreement is zero (one class
     * only), as sklearn (which divides 0 by 0).
     */
    public static double cohenKappa(int[] yTrue, int[] yPred, int classes) {
        return cohenKappa(ConfusionMatrix.of(yTrue, yPred, classes));
    }

    public static double cohenKappa(ConfusionMatrix c) {
        int k = c.classes();
        double total = c.total();
        double observed = 0;
        double expected = 0;
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < k; j++) {
                if (i != j) {
                    observed += c.get(i, j);
                    // sklearn: np.outer(sum0, sum1) / total, sum0 = column sums, sum1 = row sums
                    expected += (double) c.columnSum(i) * c.rowSum(j) / total;
                }
            }
        }
        return 1 - observed / expected;
    }

    /**
     * f1_score(average='weighted'): per-class F1 = 2PR/(P+R) (0 where P+R = 0 or a ratio is
     * undefined, sklearn's zero_division default), averaged with the true supports as weights.
     */
    public static double weightedF1(int[] yTrue, int[] yPred, int classes) {
        return weightedF1(ConfusionMatrix.of(yTrue, yPred, classes));
    }

    public static double weightedF1(ConfusionMatrix c) {
        double weighted = 0;
        double supportSum = 0;
        for (int k = 0; k < c.classes(); k++) {
            long tp = c.get(k, k);
            long predicted = c.columnSum(k);
            long support = c.rowSum(k);
            double precision = predicted == 0 ? 0 : (double) tp / predicted;
            double recall = support == 0 ? 0 : (double) tp / support;
            double denominator = precision + recall;
            double f1 = denominator == 0 ? 0 : 2 * precision * recall / denominator;
            weighted += f1 * support;
            supportSum += support;
        }
        return weighted / supportSum;
    }
}

package io.neurofm.probe.metrics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Ranking metrics of scores, with sklearn 1.2's definitions.
 *
 * <p>Ties: samples with equal scores share one threshold, so a tie between a positive and a
 * negative adds a diagonal segment to the ROC curve (it counts one half, as in the Mann-Whitney
 * statistic) and one step of the precision-recall curve (no interpolation). Both come from the
 * same "binary classifier curve": scores sorted descending, cumulative true and false positives at
 * the last index of each run of equal scores.
 */
public final class ScoreMetrics {
    private ScoreMetrics() {
    }

    /**
     * roc_auc_score for a binary problem: the trapezoidal area under (FPR, TPR) with sklearn's
     * drop_intermediate (collinear points removed, which only changes rounding).
     *
     * @throws IllegalArgumentException when only one class is present (AUROC undefined)
     */
    public static double auroc(boolean[] positive, double[] score) {
        Curve curve = Curve.of(positive, score);
        if (curve.positives() == 0 || curve.negatives() == 0) {
            throw new IllegalArgumentException("AUROC is undefined with only one class present in the true labels");
        }
        long[] fps = curve.fps;
        long[] tps = curve.tps;
        List<Integer> keep = new ArrayList<>();
        for (int i = 0; i < fps.length; i++) {
            boolean corner = i == 0 || i == fps.length - 1
                    || fps[i + 1] - 2 * fps[i] + fps[i - 1] != 0 || tps[i + 1] - 2 * tps[i] + tps[i - 1] != 0;
            if (fps.length <= 2 || corner) {
                keep.add(i);
            }
        }
        double[] fpr = new double[keep.size() + 1];
        double[] tpr = new double[keep.size() + 1];
        for (int i = 0; i < keep.size(); i++) {
            fpr[i + 1] = (double) fps[keep.get(i)] / curve.negatives();
            tpr[i + 1] = (double) tps[keep.get(i)] / curve.positives();
        }
        double area = 0;
        for (int i = 1; i < fpr.length; i++) {
            area += (fpr[i] - fpr[i - 1]) * (tpr[i] + tpr[i - 1]) / 2.0;
        }
        return area;
    }

    /**
     * average_precision_score for a binary problem: sum over thresholds of (R_n - R_{n-1}) P_n, the
     * step integral of the uninterpolated precision-recall curve. With no positive at all, sklearn
     * sets recall to 1 everywhere and the result is 0 (it warns); this returns the same.
     */
    public static double averagePrecision(boolean[] positive, double[] score) {
        Curve curve = Curve.of(positive, score);
        int n = curve.tps.length;
        // sklearn reverses the curve (recall decreasing) and appends (recall 0, precision 1)
        double[] precision = new double[n + 1];
        double[] recall = new double[n + 1];
        for (int i = 0; i < n; i++) {
            long tp = curve.tps[n - 1 - i];
            long predicted = tp + curve.fps[n - 1 - i];
            precision[i] = predicted == 0 ? 0 : (double) tp / predicted;
            recall[i] = curve.positives() == 0 ? 1 : (double) tp / curve.positives();
        }
        precision[n] = 1;
        recall[n] = 0;
        double sum = 0;
        for (int i = 0; i < n; i++) {
            sum += (recall[i + 1] - recall[i]) * precision[i];
        }
        return -sum;
    }

    /** Binary AUROC with class 1 positive and {@code scores[i][1]} as the score (two classes). */
    public static double auroc(int[] yTrue, double[][] scores) {
        return macro(yTrue, scores, true);
    }

    /** Binary (class 1 positive) or macro one-vs-rest average precision. */
    public static double averagePrecision(int[] yTrue, double[][] scores) {
        return macro(yTrue, scores, false);
    }

    /**
     * Two classes: the binary metric of column 1. More: the unweighted mean over classes of the
     * one-vs-rest metric of each column, as roc_auc_score(multi_class='ovr', average='macro') and
     * average_precision_score(average='macro') on label_binarize(y). For AUROC every class must
     * occur in {@code yTrue}; sklearn also demands rows of probabilities summing to one, which is
     * checked here to 1e-6.
     */
    private static double macro(int[] yTrue, double[][] scores, boolean roc) {
        int classes = scores.length == 0 ? 0 : scores[0].length;
        Labels.checkScores(yTrue, scores, classes);
        if (classes < 2) {
            throw new IllegalArgumentException("need scores for at least two classes, got " + classes);
        }
        if (classes == 2) {
            boolean[] positive = new boolean[yTrue.length];
            double[] s = new double[yTrue.length];
            for (int i = 0; i < yTrue.length; i++) {
                positive[i] = yTrue[i] == 1;
                s[i] = scores[i][1];
            }
            return roc ? auroc(positive, s) : averagePrecision(positive, s);
        }
        if (roc) {
            for (int i = 0; i < scores.length; i++) {
                double rowSum = Arrays.stream(scores[i]).sum();
                if (Math.abs(rowSum - 1) > 1e-6) {
                    throw new IllegalArgumentException("one-vs-rest AUROC needs probabilities summing to 1; row " + i
                            + " sums to " + rowSum);
                }
            }
        }
        double sum = 0;
        for (int k = 0; k < classes; k++) {
            boolean[] positive = new boolean[yTrue.length];
            double[] s = new double[yTrue.length];
            for (int i = 0; i < yTrue.length; i++) {
                positive[i] = yTrue[i] == k;
                s[i] = scores[i][k];
            }
            sum += roc ? auroc(positive, s) : averagePrecision(positive, s);
        }
        return sum / classes;
    }

    /** Cumulative false and true positives at the last index of each run of equal scores. */
    private record Curve(long[] fps, long[] tps) {
        static Curve of(boolean[] positive, double[] score) {
            if (positive.length != score.length) {
                throw new IllegalArgumentException(positive.length + " labels but " + score.length + " scores");
            }
            if (score.length == 0) {
                throw new IllegalArgumentException("no samples");
            }
            Integer[] order = new Integer[score.length];
            for (int i = 0; i < order.length; i++) {
                if (!Double.isFinite(score[i])) {
                    throw new IllegalArgumentException("score " + i + " is not finite: " + score[i]);
                }
                order[i] = i;
            }
            // only the multiset of labels within a run of equal scores matters, so the tie order is free
            Arrays.sort(order, Comparator.comparingDouble((Integer i) -> score[i]).reversed());
            List<long[]> points = new ArrayList<>();
            long tp = 0;
            for (int r = 0; r < order.length; r++) {
                if (positive[order[r]]) {
                    tp++;
                }
                if (r == order.length - 1 || score[order[r]] != score[order[r + 1]]) {
                    points.add(new long[] {r + 1 - tp, tp});
                }
            }
            long[] fps = new long[points.size()];
            long[] tps = new long[points.size()];
            for (int i = 0; i < fps.length; i++) {
                fps[i] = points.get(i)[0];
                tps[i] = points.get(i)[1];
            }
            return new Curve(fps, tps);
        }

        long positives() {
            return tps[tps.length - 1];
        }

        long negatives() {
            return fps[fps.length - 1];
        }
    }
}

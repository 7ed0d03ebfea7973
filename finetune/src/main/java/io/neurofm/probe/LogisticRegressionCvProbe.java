package io.neurofm.probe;

import io.neurofm.probe.split.Fold;
import io.neurofm.probe.split.StratifiedKFold;
import java.util.List;

/**
 * {@link LogisticRegressionProbe} with C chosen by inner stratified cross-validation on the
 * training samples only, as sklearn's LogisticRegressionCV(Cs=10, cv=5, scoring=accuracy,
 * multi_class='multinomial', refit=True): for each C of the grid the mean accuracy over the inner
 * folds (unshuffled StratifiedKFold, so deterministic), the best C (the smallest on a tie, as
 * numpy's argmax over the ascending grid), then a refit on all training samples with it. The inner
 * folds number min(innerFolds, size of the largest class) and at least 2.
 */
public final class LogisticRegressionCvProbe implements Probe {
    private final double[] grid;
    private final int innerFolds;

    /** The default grid, numpy.logspace(-4, 4, 10), with 5 inner folds. */
    public LogisticRegressionCvProbe() {
        this(logspace(-4, 4, 10), 5);
    }

    public LogisticRegressionCvProbe(double[] grid, int innerFolds) {
        if (grid.length == 0 || innerFolds < 2) {
            throw new IllegalArgumentException("need a non-empty grid of C and at least 2 inner folds");
        }
        this.grid = grid.clone();
        this.innerFolds = innerFolds;
    }

    public static double[] logspace(double from, double to, int count) {
        double[] out = new double[count];
        for (int i = 0; i < count; i++) {
            out[i] = Math.pow(10, count == 1 ? from : from + (to - from) * i / (count - 1));
        }
        return out;
    }

    @Override
    public String name() {
        return "logreg-cv";
    }

    @Override
    public Fitted fit(double[][] x, int[] y, int classes) {
        Matrices.checkFit(x, y, classes);
        int largest = 0;
        int[] counts = new int[classes];
        for (int label : y) {
            largest = Math.max(largest, ++counts[label]);
        }
        List<Fold> folds = StratifiedKFold.split(y, Math.max(2, Math.min(innerFolds, largest)), false, 0);
        double[] meanAccuracy = new double[grid.length];
        for (int g = 0; g < grid.length; g++) {
            LogisticRegressionProbe probe = new LogisticRegressionProbe(grid[g]);
            double sum = 0;
            for (Fold fold : folds) {
                double[][] xTrain = rows(x, fold.train());
                int[] yTrain = labels(y, fold.train());
                int[] predicted = probe.fit(xTrain, yTrain, classes).predict(rows(x, fold.test()));
                int hit = 0;
                int[] test = fold.test();
                for (int i = 0; i < test.length; i++) {
                    if (predicted[i] == y[test[i]]) {
                        hit++;
                    }
                }
                sum += (double) hit / test.length;
            }
            meanAccuracy[g] = sum / folds.size();
        }
        int best = 0;
        for (int g = 1; g < grid.length; g++) {
            if (meanAccuracy[g] > meanAccuracy[best]) {
                best = g;
            }
        }
        return new Fitted(new LogisticRegressionProbe(grid[best]).fit(x, y, classes), grid[best], meanAccuracy);
    }

    /** The refitted model, the chosen C and the inner mean accuracy of every C of the grid. */
    public record Fitted(LogisticRegressionProbe.Fitted model, double c, double[] innerAccuracy)
            implements FittedProbe {
        @Override
        public int classes() {
            return model.classes();
        }

        @Override
        public double[][] predictProba(double[][] x) {
            return model.predictProba(x);
        }
    }

    static double[][] rows(double[][] x, int[] index) {
        double[][] out = new double[index.length][];
        for (int i = 0; i < index.length; i++) {
            out[i] = x[index[i]];
        }
        return out;
    }

    static int[] labels(int[] y, int[] index) {
        int[] out = new int[index.length];
        for (int i = 0; i < index.length; i++) {
            out[i] = y[index[i]];
        }
        return out;
    }
}

package io.neurofm.probe.metrics;

import java.util.Arrays;

/**
 * Counts of (true class, predicted class) over {@code classes} classes numbered 0..classes-1,
 * rows true, columns predicted (sklearn's confusion_matrix layout).
 */
public record ConfusionMatrix(long[][] counts) {
    public ConfusionMatrix {
        counts = copy(counts);
        for (long[] row : counts) {
            if (row.length != counts.length) {
                throw new IllegalArgumentException("confusion matrix must be square, got a row of " + row.length
                        + " for " + counts.length + " classes");
            }
        }
    }

    public static ConfusionMatrix of(int[] yTrue, int[] yPred, int classes) {
        Labels.check(yTrue, yPred, classes);
        long[][] c = new long[classes][classes];
        for (int i = 0; i < yTrue.length; i++) {
            c[yTrue[i]][yPred[i]]++;
        }
        return new ConfusionMatrix(c);
    }

    public int classes() {
        return counts.length;
    }

    public long get(int trueClass, int predictedClass) {
        return counts[trueClass][predictedClass];
    }

    @Override
    public long[][] counts() {
        return copy(counts);
    }

    /** The element-wise sum, e.g. to pool the test folds of one cross-validation run. */
    public ConfusionMatrix plus(ConfusionMatrix other) {
        if (other.classes() != classes()) {
            throw new IllegalArgumentException(classes() + " vs " + other.classes() + " classes");
        }
        long[][] c = counts();
        for (int i = 0; i < c.length; i++) {
            for (int j = 0; j < c.length; j++) {
                c[i][j] += other.counts[i][j];
            }
        }
        return new ConfusionMatrix(c);
    }

    long rowSum(int i) {
        return Arrays.stream(counts[i]).sum();
    }

    long columnSum(int j) {
        long s = 0;
        for (long[] row : counts) {
            s += row[j];
        }
        return s;
    }

    long total() {
        long s = 0;
        for (long[] row : counts) {
            s += Arrays.stream(row).sum();
        }
        return s;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ConfusionMatrix m && Arrays.deepEquals(counts, m.counts);
    }

    @Override
    public int hashCode() {
        return Arrays.deepHashCode(counts);
    }

    @Override
    public String toString() {
        return Arrays.deepToString(counts);
    }

    private static long[][] copy(long[][] a) {
        long[][] c = new long[a.length][];
        for (int i = 0; i < a.length; i++) {
            c[i] = a[i].clone();
        }
        return c;
    }
}

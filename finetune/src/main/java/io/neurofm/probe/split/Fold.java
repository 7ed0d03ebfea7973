package io.neurofm.probe.split;

import java.util.Arrays;

/** One train/test partition: sample indices, each ascending. */
public record Fold(int[] train, int[] test) {
    public Fold {
        train = train.clone();
        test = test.clone();
        Arrays.sort(train);
        Arrays.sort(test);
    }

    @Override
    public int[] train() {
        return train.clone();
    }

    @Override
    public int[] test() {
        return test.clone();
    }

    /** The complement of {@code test} in 0..n-1 as the training set. */
    static Fold ofTest(boolean[] inTest) {
        int t = 0;
        for (boolean b : inTest) {
            if (b) {
                t++;
            }
        }
        int[] test = new int[t];
        int[] train = new int[inTest.length - t];
        int a = 0;
        int b = 0;
        for (int i = 0; i < inTest.length; i++) {
            if (inTest[i]) {
                test[a++] = i;
            } else {
                train[b++] = i;
            }
        }
        return new Fold(train, test);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Fold f && Arrays.equals(train, f.train) && Arrays.equals(test, f.test);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(train) + Arrays.hashCode(test);
    }

    @Override
    public String toString() {
        return "Fold[train=" + Arrays.toString(train) + ", test=" + Arrays.toString(test) + "]";
    }
}

package io.neurofm.probe.split;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * sklearn 1.2's StratifiedKFold: classes numbered by first appearance, the sorted labels dealt
 * round-robin to the folds to fix how many of each class each fold tests, then each class's
 * samples given their folds in order of appearance. Without shuffling the folds are sklearn's
 * exactly; with shuffling each class's fold assignment is permuted by a seeded Fisher-Yates
 * shuffle ({@link SplittableRandom}, so not numpy's stream: same proportions, other members).
 */
public final class StratifiedKFold {
    private StratifiedKFold() {
    }

    /**
     * @throws IllegalArgumentException when {@code folds} < 2 or exceeds the size of every class
     *                                  (sklearn's rule; a class smaller than {@code folds} is allowed
     *                                  and simply missing from some test folds)
     */
    public static List<Fold> split(int[] y, int folds, boolean shuffle, long seed) {
        if (folds < 2) {
            throw new IllegalArgumentException("need at least 2 folds, got " + folds);
        }
        Map<Integer, Integer> order = new HashMap<>();
        int[] encoded = new int[y.length];
        for (int i = 0; i < y.length; i++) {
            encoded[i] = order.computeIfAbsent(y[i], key -> order.size());
        }
        int classes = order.size();
        int[] counts = new int[classes];
        for (int e : encoded) {
            counts[e]++;
        }
        int largest = 0;
        for (int c : counts) {
            largest = Math.max(largest, c);
        }
        if (folds > largest) {
            throw new IllegalArgumentException(folds + " folds but no class has more than " + largest + " samples");
        }
        // allocation[f][k]: how many of class k fold f tests (sorted labels dealt round-robin)
        int[][] allocation = new int[folds][classes];
        int position = 0;
        for (int k = 0; k < classes; k++) {
            for (int c = 0; c < counts[k]; c++, position++) {
                allocation[position % folds][k]++;
            }
        }
        SplittableRandom random = new SplittableRandom(seed);
        int[] testFold = new int[y.length];
        for (int k = 0; k < classes; k++) {
            int[] foldsForClass = new int[counts[k]];
            int p = 0;
            for (int f = 0; f < folds; f++) {
                for (int c = 0; c < allocation[f][k]; c++) {
                    foldsForClass[p++] = f;
                }
            }
            if (shuffle) {
                for (int i = foldsForClass.length - 1; i > 0; i--) {
                    int j = random.nextInt(i + 1);
                    int t = foldsForClass[i];
                    foldsForClass[i] = foldsForClass[j];
                    foldsForClass[j] = t;
                }
            }
            p = 0;
            for (int i = 0; i < y.length; i++) {
                if (encoded[i] == k) {
                    testFold[i] = foldsForClass[p++];
                }
            }
        }
        List<Fold> out = new ArrayList<>();
        for (int f = 0; f < folds; f++) {
            boolean[] inTest = new boolean[y.length];
            for (int i = 0; i < y.length; i++) {
                inTest[i] = testFold[i] == f;
            }
            out.add(Fold.ofTest(inTest));
        }
        return out;
    }
}

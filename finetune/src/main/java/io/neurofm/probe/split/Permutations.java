package io.neurofm.probe.split;

import java.util.SplittableRandom;

/** Seeded shuffles of {@code 0..n-1} shared by the trainers of this module (probes and fine-tuning). */
public final class Permutations {
    private Permutations() {
    }

    /** A Fisher-Yates permutation of {@code 0..n-1} drawn from {@code SplittableRandom(seed)}. */
    public static int[] of(int n, long seed) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }
}

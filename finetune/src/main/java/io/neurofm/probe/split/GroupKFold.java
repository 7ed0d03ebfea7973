package io.neurofm.probe.split;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Folds that keep every group (subject, or subject and session) on one side: sklearn's GroupKFold
 * (groups taken largest first, each into the fold with the fewest samples so far; equal sizes in
 * group-name order, which makes it deterministic where sklearn's unstable sort is not), and
 * leave-one-group-out.
 */
public final class GroupKFold {
    private GroupKFold() {
    }

    public static List<Fold> split(List<String> groups, int folds) {
        Map<String, Integer> sizes = sizes(groups);
        if (folds < 2 || folds > sizes.size()) {
            throw new IllegalArgumentException("need 2.." + sizes.size() + " folds for " + sizes.size()
                    + " groups, got " + folds);
        }
        List<String> byDecreasingSize = new ArrayList<>(sizes.keySet());
        byDecreasingSize.sort(Comparator.comparing((String g) -> -sizes.get(g)).thenComparing(g -> g));
        long[] load = new long[folds];
        Map<String, Integer> foldOf = new TreeMap<>();
        for (String g : byDecreasingSize) {
            int lightest = 0;
            for (int f = 1; f < folds; f++) {
                if (load[f] < load[lightest]) {
                    lightest = f;
                }
            }
            load[lightest] += sizes.get(g);
            foldOf.put(g, lightest);
        }
        List<Fold> out = new ArrayList<>();
        for (int f = 0; f < folds; f++) {
            boolean[] inTest = new boolean[groups.size()];
            for (int i = 0; i < inTest.length; i++) {
                inTest[i] = foldOf.get(groups.get(i)) == f;
            }
            out.add(Fold.ofTest(inTest));
        }
        return out;
    }

    /** One fold per group (in name order), testing that group alone. */
    public static List<Fold> leaveOneGroupOut(List<String> groups) {
        Map<String, Integer> sizes = sizes(groups);
        if (sizes.size() < 2) {
            throw new IllegalArgumentException("leave-one-group-out needs at least 2 groups, got " + sizes.keySet());
        }
        List<Fold> out = new ArrayList<>();
        for (String g : sizes.keySet()) {
            boolean[] inTest = new boolean[groups.size()];
            for (int i = 0; i < inTest.length; i++) {
                inTest[i] = groups.get(i).equals(g);
            }
            out.add(Fold.ofTest(inTest));
        }
        return out;
    }

    private static Map<String, Integer> sizes(List<String> groups) {
        Map<String, Integer> sizes = new TreeMap<>();
        for (String g : groups) {
            sizes.merge(g, 1, Integer::sum);
        }
        return sizes;
    }
}

package io.neurofm.probe.split;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Checks folds against a protocol before anything is fitted: indices in range, train and test
 * disjoint and non-empty, and for cross-subject (cross-session) protocols no subject (subject and
 * session) on both sides of any fold. A violation is refused with a {@link LeakageException}
 * naming the fold and the shared groups.
 */
public final class SplitGuard {
    private SplitGuard() {
    }

    public static void check(Protocol protocol, List<Fold> folds, List<String> subjects, List<String> sessions) {
        int n = subjects.size();
        if (sessions.size() != n) {
            throw new IllegalArgumentException(n + " subjects but " + sessions.size() + " sessions");
        }
        for (int f = 0; f < folds.size(); f++) {
            Fold fold = folds.get(f);
            if (fold.train().length == 0 || fold.test().length == 0) {
                throw new IllegalArgumentException("fold " + f + " has an empty train or test side");
            }
            boolean[] inTrain = new boolean[n];
            for (int i : fold.train()) {
                requireIndex(i, n, f);
                inTrain[i] = true;
            }
            for (int i : fold.test()) {
                requireIndex(i, n, f);
                if (inTrain[i]) {
                    throw new LeakageException("fold " + f + ": sample " + i + " is both trained on and tested");
                }
            }
            if (protocol == Protocol.CROSS_SUBJECT) {
                requireDisjoint("subject", f, fold, subjects);
            } else if (protocol == Protocol.CROSS_SESSION) {
                requireDisjoint("session", f, fold, sessionKeys(subjects, sessions));
            }
        }
    }

    /** A session is named within its subject: "S01" session "1" and "S02" session "1" differ. */
    public static List<String> sessionKeys(List<String> subjects, List<String> sessions) {
        String[] keys = new String[subjects.size()];
        for (int i = 0; i < keys.length; i++) {
            keys[i] = subjects.get(i) + "/" + sessions.get(i);
        }
        return List.of(keys);
    }

    private static void requireDisjoint(String what, int f, Fold fold, List<String> groups) {
        Set<String> train = new TreeSet<>();
        for (int i : fold.train()) {
            train.add(groups.get(i));
        }
        Set<String> shared = new TreeSet<>();
        for (int i : fold.test()) {
            if (train.contains(groups.get(i))) {
                shared.add(groups.get(i));
            }
        }
        if (!shared.isEmpty()) {
            throw new LeakageException("fold " + f + " is not cross-" + what + ": " + what + (shared.size() > 1 ? "s " : " ")
                    + shared + " appear in both train and test; split by " + what + " (group k-fold or "
                    + "leave-one-" + what + "-out)");
        }
    }

    private static void requireIndex(int i, int n, int f) {
        if (i < 0 || i >= n) {
            throw new IllegalArgumentException("fold " + f + " refers to sample " + i + " of " + n);
        }
    }
}

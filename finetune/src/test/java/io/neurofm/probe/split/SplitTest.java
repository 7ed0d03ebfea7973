package io.neurofm.probe.split;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.neurofm.probe.ProbeGolden;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class SplitTest {
    private static final JsonNode GOLDEN = ProbeGolden.load("probe");

    @Test
    void stratifiedKFoldUnshuffledIsSklearns() {
        for (JsonNode c : GOLDEN.get("stratified_kfold")) {
            List<Fold> folds = StratifiedKFold.split(ProbeGolden.ints(c.get("y")), c.get("folds").intValue(), false, 0);
            for (int f = 0; f < folds.size(); f++) {
                assertArrayEquals(ProbeGolden.ints(c.get("test").get(f)), folds.get(f).test(), "fold " + f);
            }
        }
    }

    @Test
    void stratifiedKFoldShuffledKeepsProportionsAndCoversOnce() {
        int[] y = ProbeGolden.ints(GOLDEN.get("stratified_kfold").get(1).get("y"));
        List<Fold> plain = StratifiedKFold.split(y, 5, false, 0);
        List<Fold> a = StratifiedKFold.split(y, 5, true, 42);
        assertEquals(a, StratifiedKFold.split(y, 5, true, 42));
        assertNotEquals(a, StratifiedKFold.split(y, 5, true, 43));
        int[] seen = new int[y.length];
        for (int f = 0; f < 5; f++) {
            for (int i : a.get(f).test()) {
                seen[i]++;
            }
            assertEquals(classCounts(y, plain.get(f).test()), classCounts(y, a.get(f).test()));
            assertEquals(y.length, a.get(f).train().length + a.get(f).test().length);
        }
        for (int s : seen) {
            assertEquals(1, s);
        }
        assertThrows(IllegalArgumentException.class, () -> StratifiedKFold.split(new int[] {0, 0, 1}, 3, false, 0));
    }

    @Test
    void groupKFoldIsSklearnsForDistinctSizes() {
        for (JsonNode c : GOLDEN.get("group_kfold")) {
            List<String> groups = new ArrayList<>();
            c.get("groups").forEach(g -> groups.add(g.stringValue()));
            List<Fold> folds = GroupKFold.split(groups, c.get("folds").intValue());
            for (int f = 0; f < folds.size(); f++) {
                assertArrayEquals(ProbeGolden.ints(c.get("test").get(f)), folds.get(f).test(), "fold " + f);
            }
            SplitGuard.check(Protocol.CROSS_SUBJECT, folds, groups, Collections.nCopies(groups.size(), "1"));
        }
    }

    @Test
    void leaveOneGroupOutTestsEachGroupAlone() {
        List<String> subjects = List.of("b", "a", "b", "c", "a");
        List<Fold> folds = GroupKFold.leaveOneGroupOut(subjects);
        assertEquals(3, folds.size());
        assertArrayEquals(new int[] {1, 4}, folds.get(0).test());
        assertArrayEquals(new int[] {0, 2, 3}, folds.get(0).train());
        SplitGuard.check(Protocol.CROSS_SUBJECT, folds, subjects, List.of("1", "1", "1", "1", "1"));
    }

    @Test
    void leakyCrossSubjectSplitIsRefused() {
        // subject s2 has epochs on both sides of the only fold
        List<String> subjects = List.of("s1", "s1", "s2", "s2", "s3", "s3");
        List<String> sessions = List.of("1", "1", "1", "2", "1", "1");
        List<Fold> leaky = List.of(new Fold(new int[] {0, 1, 2}, new int[] {3, 4, 5}));
        LeakageException e = assertThrows(LeakageException.class,
                () -> SplitGuard.check(Protocol.CROSS_SUBJECT, leaky, subjects, sessions));
        assertTrue(e.getMessage().contains("s2"), e.getMessage());
        // the same fold is cross-session: s2's two sessions sit on different sides
        SplitGuard.check(Protocol.CROSS_SESSION, leaky, subjects, sessions);
        SplitGuard.check(Protocol.WITHIN_SUBJECT, leaky, subjects, sessions);
    }

    @Test
    void leakyCrossSessionSplitIsRefused() {
        List<String> subjects = List.of("s1", "s1", "s1", "s2");
        List<String> sessions = List.of("a", "a", "b", "a");
        // s1/a on both sides; s2/a differs from s1/a although the session label is equal
        List<Fold> leaky = List.of(new Fold(new int[] {0, 2}, new int[] {1, 3}));
        LeakageException e = assertThrows(LeakageException.class,
                () -> SplitGuard.check(Protocol.CROSS_SESSION, leaky, subjects, sessions));
        assertTrue(e.getMessage().contains("s1/a") && !e.getMessage().contains("s2/a"), e.getMessage());
        // leave-session-out over (subject, session) keys passes
        List<String> keys = SplitGuard.sessionKeys(subjects, sessions);
        SplitGuard.check(Protocol.CROSS_SESSION, GroupKFold.leaveOneGroupOut(keys), subjects, sessions);
    }

    @Test
    void overlappingIndicesAreRefusedUnderAnyProtocol() {
        List<String> one = List.of("s", "s", "s");
        assertThrows(LeakageException.class, () -> SplitGuard.check(Protocol.WITHIN_SUBJECT,
                List.of(new Fold(new int[] {0, 1}, new int[] {1, 2})), one, one));
    }

    private static List<Integer> classCounts(int[] y, int[] index) {
        int[] c = new int[3];
        for (int i : index) {
            c[y[i]]++;
        }
        return List.of(c[0], c[1], c[2]);
    }
}

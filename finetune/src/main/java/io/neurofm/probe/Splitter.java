package io.neurofm.probe;

import io.neurofm.probe.split.Fold;
import io.neurofm.probe.split.GroupKFold;
import io.neurofm.probe.split.Protocol;
import io.neurofm.probe.split.SplitGuard;
import io.neurofm.probe.split.StratifiedKFold;
import java.util.List;

/** How a data set is cut into folds for one seed, and which protocol the folds must satisfy. */
public interface Splitter {
    String describe();

    Protocol protocol();

    List<Fold> split(ProbeDataset data, long seed);

    /** Shuffled stratified k-fold (within-subject). */
    static Splitter stratified(int folds) {
        return new Simple("stratified " + folds + "-fold (shuffled, seeded)", Protocol.WITHIN_SUBJECT,
                (d, seed) -> StratifiedKFold.split(d.labels(), folds, true, seed));
    }

    /** Group k-fold over subjects (cross-subject; the seed does not change it). */
    static Splitter subjectKFold(int folds) {
        return new Simple("group " + folds + "-fold by subject", Protocol.CROSS_SUBJECT,
                (d, seed) -> GroupKFold.split(d.subjects(), folds));
    }

    static Splitter leaveSubjectOut() {
        return new Simple("leave-one-subject-out", Protocol.CROSS_SUBJECT,
                (d, seed) -> GroupKFold.leaveOneGroupOut(d.subjects()));
    }

    static Splitter leaveSessionOut() {
        return new Simple("leave-one-session-out", Protocol.CROSS_SESSION,
                (d, seed) -> GroupKFold.leaveOneGroupOut(SplitGuard.sessionKeys(d.subjects(), d.sessions())));
    }

    /** Fixed folds (e.g. a published split), checked against {@code protocol} like any other. */
    static Splitter fixed(String description, Protocol protocol, List<Fold> folds) {
        return new Simple(description, protocol, (d, seed) -> folds);
    }

    record Simple(String describe, Protocol protocol, java.util.function.BiFunction<ProbeDataset, Long, List<Fold>> f)
            implements Splitter {
        @Override
        public List<Fold> split(ProbeDataset data, long seed) {
            return f.apply(data, seed);
        }
    }
}

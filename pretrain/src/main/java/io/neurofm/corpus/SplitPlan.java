package io.neurofm.corpus;

import io.neurofm.signal.RecordingIds;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which recordings go to validation. Every recording gets a group key at the requested unit when
 * its ids allow (subject: {@code sub-X}; session: {@code sub-X/ses-Y}); a recording whose ids are
 * too incomplete falls back to the next coarser key it has (a session split uses {@code sub-X}
 * when the session is unknown) or, without a subject, to {@code recording:<label>}. Fallbacks are
 * listed, because a recording of unknown subject may share its subject with another one. Whole
 * groups go to one side: the sorted keys are shuffled with {@code new Random(seed)} (Fisher-Yates)
 * and the first {@code round(fraction * groups)} become validation (at least one when the fraction
 * is positive, never all of them).
 *
 * @param groups     per source, its group key
 * @param validation the keys held out
 * @param fallbacks  per source that could not be grouped at the requested unit, why (source label: reason)
 */
record SplitPlan(SplitUnit unit, List<String> groups, Set<String> validation, List<String> fallbacks) {
    static final String TRAIN = "train";
    static final String VALIDATION = "validation";

    static SplitPlan of(List<CorpusSource> sources, SplitUnit unit, double fraction, long seed) {
        List<String> groups = new ArrayList<>();
        List<String> fallbacks = new ArrayList<>();
        for (CorpusSource s : sources) {
            RecordingIds ids = s.ids();
            String key;
            if (unit == SplitUnit.RECORDING) {
                key = recordingKey(s);
            } else if (ids.subject() == null) {
                key = recordingKey(s);
                fallbacks.add(s.label() + ": subject unknown, split by recording");
            } else if (unit == SplitUnit.SESSION && ids.session() == null) {
                key = "sub-" + ids.subject();
                fallbacks.add(s.label() + ": session unknown, kept with its whole subject");
            } else {
                key = "sub-" + ids.subject() + (unit == SplitUnit.SESSION ? "/ses-" + ids.session() : "");
            }
            groups.add(key);
        }
        List<String> keys = new ArrayList<>(new TreeSet<>(groups));
        Random random = new Random(seed);
        for (int i = keys.size() - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            String t = keys.get(i);
            keys.set(i, keys.get(j));
            keys.set(j, t);
        }
        int held = (int) Math.round(fraction * keys.size());
        if (fraction > 0 && held == 0) {
            held = 1;
        }
        held = Math.min(held, keys.size() - 1);
        return new SplitPlan(unit, List.copyOf(groups), Set.copyOf(new TreeSet<>(keys.subList(0, Math.max(held, 0)))),
                List.copyOf(fallbacks));
    }

    private static String recordingKey(CorpusSource s) {
        return "recording:" + s.label();
    }

    String splitOf(int source) {
        return validation.contains(groups.get(source)) ? VALIDATION : TRAIN;
    }
}

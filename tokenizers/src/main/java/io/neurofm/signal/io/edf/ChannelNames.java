package io.neurofm.signal.io.edf;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Makes EDF labels unique the way MNE does: every copy of a repeated label gets "-0", "-1", .... */
final class ChannelNames {
    private static final String LETTERS = "abcdefghijklmnopqrstuvwxyz";

    private ChannelNames() {
    }

    static List<String> unique(List<String> labels) {
        List<String> names = new ArrayList<>(labels);
        Map<String, Integer> counts = new HashMap<>();
        labels.forEach(l -> counts.merge(l, 1, Integer::sum));
        Set<String> done = new HashSet<>();
        for (String stem : labels) {
            if (counts.get(stem) < 2 || !done.add(stem)) {
                continue;
            }
            int copy = 0;
            for (int i = 0; i < names.size(); i++) {
                if (!labels.get(i).equals(stem)) {
                    continue;
                }
                String name = stem + "-" + copy;
                for (int k = 0; names.contains(name) && k < LETTERS.length(); k++) {
                    name = stem + "-" + LETTERS.charAt(k);
                }
                names.set(i, name);
                copy++;
            }
        }
        return names;
    }
}

package io.neurofm.inference;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Window indices grouped by shape (channels x samples), so each group stacks into one batch. */
final class ShapeGroups {
    private ShapeGroups() {}

    static List<int[]> of(List<PreparedWindow> windows) {
        Map<Long, List<Integer>> groups = new LinkedHashMap<>();
        for (int i = 0; i < windows.size(); i++) {
            PreparedWindow w = windows.get(i);
            long key = ((long) w.channels().size() << 32) | w.sampleCount();
            groups.computeIfAbsent(key, k -> new ArrayList<>()).add(i);
        }
        List<int[]> out = new ArrayList<>(groups.size());
        for (List<Integer> g : groups.values()) {
            out.add(g.stream().mapToInt(Integer::intValue).toArray());
        }
        return out;
    }
}

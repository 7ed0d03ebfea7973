package io.neurofm.inference;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * Windows grouped by shape (channels x samples), so each group stacks into one batch, and the
 * batch outputs put back in window order. Every family's embed runs through here.
 */
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

    /**
     * One forward pass per group on its own sub-manager of {@code manager} (freed after the copy);
     * {@code forward} gives [G, ...] for a group, and each window gets its slice flattened to a row.
     */
    static float[][] rows(NDManager manager, List<PreparedWindow> windows,
            BiFunction<NDManager, int[], NDArray> forward) {
        float[][] out = new float[windows.size()][];
        for (int[] group : of(windows)) {
            try (NDManager m = manager.newSubManager()) {
                float[] flat = forward.apply(m, group).toFloatArray();
                int width = flat.length / group.length;
                for (int i = 0; i < group.length; i++) {
                    out[group[i]] = Arrays.copyOfRange(flat, i * width, (i + 1) * width);
                }
            }
        }
        return out;
    }

    /** As {@link #rows}, for forward passes giving sequences [G, T, d]: each window gets its [T][d]. */
    static float[][][] sequences(NDManager manager, List<PreparedWindow> windows,
            BiFunction<NDManager, int[], NDArray> forward) {
        float[][][] out = new float[windows.size()][][];
        for (int[] group : of(windows)) {
            try (NDManager m = manager.newSubManager()) {
                NDArray sequences = forward.apply(m, group);
                int t = (int) sequences.getShape().get(1);
                int d = (int) sequences.getShape().get(2);
                float[] flat = sequences.toFloatArray();
                for (int i = 0; i < group.length; i++) {
                    float[][] steps = new float[t][];
                    for (int s = 0; s < t; s++) {
                        steps[s] = Arrays.copyOfRange(flat, (i * t + s) * d, (i * t + s + 1) * d);
                    }
                    out[group[i]] = steps;
                }
            }
        }
        return out;
    }
}

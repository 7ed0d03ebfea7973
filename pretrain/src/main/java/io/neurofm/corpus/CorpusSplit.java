package io.neurofm.corpus;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The windows of one split, numbered 0..N-1 across its shards in manifest order, and grouped by
 * shape (a batch takes windows of one shape only).
 */
public final class CorpusSplit {
    private final String name;
    private final List<ShardReader> shards;
    private final long[] firstWindow;
    private final Map<ShardShape, long[]> groups;

    CorpusSplit(String name, List<ShardReader> shards) {
        this.name = name;
        this.shards = List.copyOf(shards);
        this.firstWindow = new long[shards.size() + 1];
        Map<ShardShape, List<Long>> byShape = new LinkedHashMap<>();
        for (int i = 0; i < shards.size(); i++) {
            ShardReader s = shards.get(i);
            firstWindow[i + 1] = firstWindow[i] + s.windowCount();
            List<Long> ids = byShape.computeIfAbsent(s.shape(), k -> new ArrayList<>());
            for (long w = firstWindow[i]; w < firstWindow[i + 1]; w++) {
                ids.add(w);
            }
        }
        Map<ShardShape, long[]> groups = new LinkedHashMap<>();
        byShape.forEach((shape, ids) -> groups.put(shape, ids.stream().mapToLong(Long::longValue).toArray()));
        this.groups = groups;
    }

    public String name() {
        return name;
    }

    public long windowCount() {
        return firstWindow[shards.size()];
    }

    public List<ShardReader> shards() {
        return shards;
    }

    /** Window numbers per shape, ascending, shapes in order of first appearance. */
    public Map<ShardShape, long[]> groups() {
        Map<ShardShape, long[]> copy = new LinkedHashMap<>();
        groups.forEach((k, v) -> copy.put(k, v.clone()));
        return copy;
    }

    long[] group(ShardShape shape) {
        return groups.get(shape);
    }

    /** The shard holding window {@code window}. */
    public ShardReader shardOf(long window) {
        return shards.get(shardIndex(window));
    }

    /** The window's number inside its shard. */
    public int localIndex(long window) {
        return (int) (window - firstWindow[shardIndex(window)]);
    }

    private int shardIndex(long window) {
        if (window < 0 || window >= windowCount()) {
            throw new IndexOutOfBoundsException("window " + window + " of split " + name + ", which has "
                    + windowCount());
        }
        int lo = 0;
        int hi = shards.size() - 1;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (firstWindow[mid] <= window) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return lo;
    }

    /** The ids of one window, [rows * steps]. */
    public int[] ids(long window) {
        ShardReader s = shardOf(window);
        int[] out = new int[(int) s.shape().values()];
        s.readIds(localIndex(window), out, 0);
        return out;
    }

    /** The vectors of one window, [rows * steps * dim]. */
    public float[] vectors(long window) {
        ShardReader s = shardOf(window);
        float[] out = new float[(int) s.shape().values()];
        s.readVectors(localIndex(window), out, 0);
        return out;
    }

    public ShardReader.WindowInfo info(long window) {
        return shardOf(window).info(localIndex(window));
    }
}

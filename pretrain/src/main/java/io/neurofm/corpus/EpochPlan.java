package io.neurofm.corpus;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The batches of one epoch, a pure function of (split, options, epoch): each shape group's window
 * numbers are shuffled with a Random seeded from (seed, epoch, group), cut into batches, and the
 * batches of all groups are shuffled together with a Random seeded from (seed, epoch). Shuffles
 * are our own Fisher-Yates over {@link Random#nextInt(int)}, whose sequence Java specifies, so
 * an order is the same on every JVM.
 *
 * @param batches window numbers of each batch, in delivery order
 */
record EpochPlan(long epoch, List<long[]> batches) {
    static EpochPlan of(CorpusSplit split, BatchOptions options, long epoch) {
        List<long[]> batches = new ArrayList<>();
        int group = 0;
        for (Map.Entry<ShardShape, long[]> e : split.groups().entrySet()) {
            long[] windows = e.getValue();
            shuffle(windows, new Random(mix(options.seed(), epoch, group++)));
            for (int from = 0; from < windows.length; from += options.batchSize()) {
                int to = Math.min(windows.length, from + options.batchSize());
                if (to - from < options.batchSize() && options.dropLast()) {
                    break;
                }
                batches.add(java.util.Arrays.copyOfRange(windows, from, to));
            }
        }
        Random order = new Random(mix(options.seed(), epoch, -1));
        for (int i = batches.size() - 1; i > 0; i--) {
            int j = order.nextInt(i + 1);
            long[] t = batches.get(i);
            batches.set(i, batches.get(j));
            batches.set(j, t);
        }
        return new EpochPlan(epoch, List.copyOf(batches));
    }

    private static void shuffle(long[] a, Random random) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            long t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }

    /** SplitMix64 finaliser over the three numbers, so nearby seeds and epochs give unrelated streams. */
    static long mix(long seed, long epoch, long group) {
        long z = seed;
        for (long v : new long[] {epoch, group}) {
            z = (z ^ v) + 0x9E3779B97F4A7C15L;
            z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
            z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
            z = z ^ (z >>> 31);
        }
        return z;
    }
}

package io.neurofm.corpus;

/**
 * @param batchSize windows per batch
 * @param seed      with the epoch, fixes the order of that epoch
 * @param dropLast  drop each shape group's last partial batch
 * @param prefetch  batches assembled ahead of the consumer (bounded)
 * @param threads   threads assembling them
 */
public record BatchOptions(int batchSize, long seed, boolean dropLast, int prefetch, int threads) {
    public BatchOptions {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be >= 1, got " + batchSize);
        }
        if (prefetch < 1 || threads < 1) {
            throw new IllegalArgumentException("prefetch and threads must be >= 1, got " + prefetch + ", " + threads);
        }
    }

    /** Keeps partial batches; prefetches 4 batches on 2 threads. */
    public static BatchOptions of(int batchSize, long seed) {
        return new BatchOptions(batchSize, seed, false, 4, 2);
    }
}

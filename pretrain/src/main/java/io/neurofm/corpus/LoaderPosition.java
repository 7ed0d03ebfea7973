package io.neurofm.corpus;

/**
 * Where a batch stream stands: the next batch it delivers is batch {@code index} of epoch
 * {@code epoch}. Save it with a checkpoint; a stream started from it delivers exactly the batches
 * the saved one would have delivered next.
 */
public record LoaderPosition(long epoch, long index) {
    public static final LoaderPosition START = new LoaderPosition(0, 0);

    public LoaderPosition {
        if (epoch < 0 || index < 0) {
            throw new IllegalArgumentException("loader position must be non-negative, got " + epoch + ", " + index);
        }
    }
}

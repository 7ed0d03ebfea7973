package io.neurofm.train;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;

/**
 * An indexable training set: the loop chooses which samples form a batch (see {@link DataOrder}),
 * the data set only builds the arrays. Building must be deterministic in the indices, so a resumed
 * run sees the same batches.
 */
public interface TrainingData {
    /** Number of samples. */
    int size();

    /** The batch of samples {@code indices}, in that order, created on {@code manager}'s device. */
    NDList batch(NDManager manager, int[] indices);

    /** Tokens one sample contributes to the throughput figure (e.g. its sequence length). */
    default long tokensPerSample() {
        return 1;
    }
}

package io.neurofm.family.deeperbrain;

/** How token embeddings become one vector. */
public enum EmbeddingPooling {
    /** Mean over tokens: width d. */
    MEAN,
    /**
     * Power-aware: the mean and the log-variance (population variance + 1e-6) of the tokens,
     * concatenated: width 2d. The variance carries how much the representation fluctuates over
     * the window, which a mean alone averages away.
     */
    POWER
}

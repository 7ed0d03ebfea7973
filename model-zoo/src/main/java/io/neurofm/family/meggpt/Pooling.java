package io.neurofm.family.meggpt;

/** How a channel's hidden states over time become one vector. */
public enum Pooling {
    /** Mean over all steps. */
    MEAN,
    /** The last step: the only one that has seen the whole window under causal attention. */
    LAST
}

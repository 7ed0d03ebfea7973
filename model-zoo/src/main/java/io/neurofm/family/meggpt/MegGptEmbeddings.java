package io.neurofm.family.meggpt;

import ai.djl.ndarray.NDArray;

/**
 * Representations for probes.
 *
 * @param perChannel [B, C, d]: each channel's final hidden states pooled over time
 * @param pooled [B, d]: the mean of {@code perChannel} over channels
 */
public record MegGptEmbeddings(NDArray perChannel, NDArray pooled) {}

package io.neurofm.family.brainharmonix;

import ai.djl.ndarray.NDArray;

/**
 * @param hubs hub tokens [B, H, df]
 * @param pooled [B, df] (mean) or [B, H·df] (flatten)
 */
public record HarmonixEmbeddings(NDArray hubs, NDArray pooled) {}

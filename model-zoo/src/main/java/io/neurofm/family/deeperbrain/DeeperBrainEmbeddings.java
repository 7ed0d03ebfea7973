package io.neurofm.family.deeperbrain;

import ai.djl.ndarray.NDArray;

/**
 * Representations for probes.
 *
 * @param perChannel [B, C, e]: each channel's tokens pooled over its patches
 * @param pooled [B, e]: all C*P tokens pooled
 */
public record DeeperBrainEmbeddings(NDArray perChannel, NDArray pooled) {}

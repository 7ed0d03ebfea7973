package io.neurofm.spark;

import java.io.Serializable;

/**
 * What an executor's model did to a recording, for the output's sidecar: the same job on every
 * executor must give the same setup (a different one means executors saw different registries).
 *
 * @param reference     NAME:VERSION of the model
 * @param family        the model's family
 * @param pooling       the pooling used (the model's default when the job named none)
 * @param samplingRate  Hz the model works at
 * @param windowSamples samples per window at that rate
 * @param strideSamples samples between window starts at that rate
 */
record EmbeddingSetup(String reference, String family, String pooling, double samplingRate, int windowSamples,
        int strideSamples) implements Serializable {
    private static final long serialVersionUID = 1L;
}

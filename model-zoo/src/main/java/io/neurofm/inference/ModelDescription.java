package io.neurofm.inference;

import java.io.Serializable;
import java.util.List;
import java.util.Map;

/**
 * What a client needs to call a loaded model. Serializable: Spark executors hand it to the driver,
 * which describes the output by it without loading the model itself.
 *
 * @param reference      NAME:VERSION in the registry (or the artifact path when not from a registry)
 * @param family         "meggpt", "deeperbrain"
 * @param size           the preset size the artifact was built from
 * @param samplingRate   Hz the model works at (inputs at other rates are resampled)
 * @param windowSamples  samples per window at {@code samplingRate}: the length files are cut into and
 *                       the most a client window may hold after resampling
 * @param minimumSamples the fewest samples a window may hold after resampling
 * @param channels       channel names the model knows; empty when any channel set is accepted
 * @param poolings       pooling names {@link EmbeddingModel#embed} accepts, the default first
 * @param dimensions     embedding length per pooling; -1 where it depends on the channel count (flatten)
 * @param heads          fine-tuned decoding heads in the artifact
 */
public record ModelDescription(String reference, String family, String size, double samplingRate, int windowSamples,
        int minimumSamples, List<String> channels, List<String> poolings, Map<String, Integer> dimensions,
        List<String> heads) implements Serializable {
    private static final long serialVersionUID = 1L;

    public ModelDescription {
        channels = List.copyOf(channels);
        poolings = List.copyOf(poolings);
        dimensions = Map.copyOf(dimensions);
        heads = List.copyOf(heads);
    }

    public double windowSeconds() {
        return windowSamples / samplingRate;
    }

    public String defaultPooling() {
        return poolings.get(0);
    }
}

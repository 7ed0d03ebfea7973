package io.neurofm.artifact;

import io.neurofm.dsp.ScalingStats;
import io.neurofm.signal.Recording;
import io.neurofm.signal.SignalException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * preprocessing.json: how recordings must be prepared for the model, so inference sees data the
 * way training did.
 *
 * @param samplingRate  rate (Hz) the model's input is resampled to
 * @param filters       applied in order after resampling
 * @param channels      the input channels, in model order, with names, types, units and positions
 * @param normalisation per-channel statistics fitted on the training data (the {@link ScalingStats}
 *                      JSON object), or null when inputs are not scaled
 */
public record PreprocessingSpec(double samplingRate, List<FilterSpec> filters, List<ChannelSpec> channels,
        ScalingStats normalisation) {
    public PreprocessingSpec {
        if (!(samplingRate > 0) || !Double.isFinite(samplingRate)) {
            throw new IllegalArgumentException("sampling rate must be positive and finite, got " + samplingRate);
        }
        filters = List.copyOf(filters);
        channels = List.copyOf(channels);
        if (channels.isEmpty()) {
            throw new IllegalArgumentException("a model needs at least one input channel");
        }
        Set<String> names = new HashSet<>();
        for (ChannelSpec c : channels) {
            if (!names.add(c.name())) {
                throw new IllegalArgumentException("channel " + c.name() + " is listed twice");
            }
        }
        if (normalisation != null) {
            List<String> unknown = normalisation.channels().stream().filter(n -> !names.contains(n)).toList();
            if (!unknown.isEmpty()) {
                throw new IllegalArgumentException("normalisation statistics name channels that are not inputs: "
                        + unknown);
            }
        }
    }

    /** The channel set (names, types, units, positions) and rate of a recording, with the given steps. */
    public static PreprocessingSpec of(Recording recording, List<FilterSpec> filters, ScalingStats normalisation) {
        return new PreprocessingSpec(recording.samplingRate(), filters,
                recording.channels().stream().map(ChannelSpec::of).toList(), normalisation);
    }

    public List<String> channelNames() {
        return channels.stream().map(ChannelSpec::name).toList();
    }

    /** Applies {@link #filters} in order (resampling and channel selection are the caller's). */
    public Recording applyFilters(Recording recording) throws SignalException {
        Objects.requireNonNull(recording, "recording");
        Recording out = recording;
        for (FilterSpec f : filters) {
            out = f.apply(out);
        }
        return out;
    }

    byte[] toJsonBytes() {
        return ArtifactJson.bytes(this);
    }

    static PreprocessingSpec parse(Path artifact, byte[] bytes) throws ArtifactException {
        return ArtifactJson.value(artifact, ArtifactLayout.PREPROCESSING, bytes, PreprocessingSpec.class);
    }
}

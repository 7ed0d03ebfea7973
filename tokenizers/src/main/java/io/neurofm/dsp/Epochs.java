package io.neurofm.dsp;

import java.util.List;
import java.util.Objects;

/**
 * Cut-out segments of one recording, all the same length.
 *
 * @param data          [epoch][channel][sample]; ownership is taken (no defensive copy: epochs of
 *                      long recordings are large), so callers must not modify it
 * @param labels        one label per epoch (the matched annotation's description, or "window")
 * @param onsetSamples  per epoch, the sample of the event (annotation epochs) or of the window
 *                      start (fixed windows) in the source recording
 * @param startOffset   sample offset of each epoch's first sample from its onset sample
 *                      (round(tmin * rate); 0 for fixed windows)
 * @param channels      channel names, parallel to the second index of {@code data}
 * @param samplingRate  Hz
 * @param rejected      events that could not be cut, with the reason
 */
public record Epochs(float[][][] data, List<String> labels, long[] onsetSamples, int startOffset,
                     List<String> channels, double samplingRate, List<Rejected> rejected) {
    public Epochs {
        Objects.requireNonNull(data, "data");
        labels = List.copyOf(labels);
        onsetSamples = onsetSamples.clone();
        channels = List.copyOf(channels);
        rejected = List.copyOf(rejected);
        if (labels.size() != data.length || onsetSamples.length != data.length) {
            throw new IllegalArgumentException(data.length + " epochs but " + labels.size() + " labels and "
                    + onsetSamples.length + " onsets");
        }
    }

    /** An event left out and why (e.g. the window reaches past the end of the data). */
    public record Rejected(String label, double onsetSeconds, long onsetSample, String reason) {
    }

    public int epochCount() {
        return data.length;
    }

    /** Samples per epoch. */
    public int epochLength() {
        return data.length == 0 ? 0 : data[0].length == 0 ? 0 : data[0][0].length;
    }

    @Override
    public long[] onsetSamples() {
        return onsetSamples.clone();
    }

    /** Time of each epoch sample relative to its onset, in seconds (MNE's epochs.times). */
    public double[] times() {
        double[] t = new double[epochLength()];
        for (int i = 0; i < t.length; i++) {
            t[i] = (startOffset + i) / samplingRate;
        }
        return t;
    }
}

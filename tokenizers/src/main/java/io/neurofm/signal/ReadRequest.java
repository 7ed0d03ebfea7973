package io.neurofm.signal;

import java.util.List;

/**
 * Which part of a file to read: a window in samples at the channels' native rate and a channel
 * subset. Readers read only the bytes the window needs, so an hour-long file is never loaded to
 * take a ten-second window.
 *
 * @param startSample first sample (0-based) at the selected channels' native rate
 * @param sampleCount number of samples, or -1 for "to the end"
 * @param channels    names of the channels to read in this order; empty for all
 */
public record ReadRequest(long startSample, long sampleCount, List<String> channels) {
    public ReadRequest {
        if (startSample < 0) {
            throw new IllegalArgumentException("startSample must be >= 0, got " + startSample);
        }
        if (sampleCount < -1) {
            throw new IllegalArgumentException("sampleCount must be >= 0 or -1 (to the end), got " + sampleCount);
        }
        channels = List.copyOf(channels);
    }

    public static ReadRequest all() {
        return new ReadRequest(0, -1, List.of());
    }

    public static ReadRequest window(long startSample, long sampleCount) {
        return new ReadRequest(startSample, sampleCount, List.of());
    }

    public ReadRequest withChannels(List<String> names) {
        return new ReadRequest(startSample, sampleCount, names);
    }
}

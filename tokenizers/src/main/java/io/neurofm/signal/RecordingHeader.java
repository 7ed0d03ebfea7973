package io.neurofm.signal;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * What a file says about its recording, read without loading samples.
 *
 * @param format        format name as {@link SignalReader#formatName()} gives it
 * @param channels      every channel with its native rate (rates may differ between channels)
 * @param sampleCounts  samples per channel at its native rate, parallel to {@code channels}
 * @param annotations   all events, onsets from the first sample of the file
 * @param startTime     wall-clock start when the file states it, else null
 * @param properties    format-specific facts worth showing (version, "discontinuous", device, ...)
 */
public record RecordingHeader(Path file, String format, List<Channel> channels, List<Long> sampleCounts,
                              List<Annotation> annotations, RecordingIds ids, Instant startTime,
                              Map<String, String> properties) {
    public RecordingHeader {
        Objects.requireNonNull(format, "format");
        channels = List.copyOf(channels);
        sampleCounts = List.copyOf(sampleCounts);
        annotations = List.copyOf(annotations);
        ids = ids == null ? RecordingIds.NONE : ids;
        properties = Map.copyOf(properties);
        if (channels.size() != sampleCounts.size()) {
            throw new IllegalArgumentException("sampleCounts has " + sampleCounts.size() + " entries for "
                    + channels.size() + " channels");
        }
    }

    public int channelCount() {
        return channels.size();
    }

    /** True when every channel has the same native rate. */
    public boolean hasUniformRate() {
        return channels.stream().mapToDouble(Channel::samplingRate).distinct().count() <= 1;
    }

    /** The distinct native rates, ascending. */
    public List<Double> samplingRates() {
        return List.copyOf(new TreeSet<>(channels.stream().map(Channel::samplingRate).toList()));
    }

    /**
     * The common sampling rate.
     *
     * @throws SignalException when channels have different native rates, naming them
     */
    public double samplingRate() throws SignalException {
        if (channels.isEmpty()) {
            throw new SignalException(file, "has no channels");
        }
        if (!hasUniformRate()) {
            throw new SignalException(file, "channels have different sampling rates " + samplingRates()
                    + " Hz; pick channels of one rate or read with resampling to a common rate");
        }
        return channels.get(0).samplingRate();
    }

    /** Duration in seconds (the longest channel). */
    public double durationSeconds() {
        double longest = 0;
        for (int i = 0; i < channels.size(); i++) {
            longest = Math.max(longest, sampleCounts.get(i) / channels.get(i).samplingRate());
        }
        return longest;
    }

    public int indexOf(String name) {
        for (int i = 0; i < channels.size(); i++) {
            if (channels.get(i).name().equals(name)) {
                return i;
            }
        }
        return -1;
    }
}

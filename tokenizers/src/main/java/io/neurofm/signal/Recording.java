package io.neurofm.signal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A multichannel recording in SI units, immutable. Samples are [channel][sample]; every channel
 * shares {@link #samplingRate()} (a reader refuses to mix native rates, see
 * {@link RecordingHeader#samplingRate()}). Each transform that produced it is listed in
 * {@link #provenance()}, oldest first, starting with the read.
 *
 * <p>The constructor takes ownership of the sample arrays without copying (recordings can be
 * hundreds of megabytes); accessors hand out copies so nothing outside can change them.
 */
public final class Recording {
    private final List<Channel> channels;
    private final float[][] samples;
    private final double samplingRate;
    private final List<Annotation> annotations;
    private final RecordingIds ids;
    private final Instant startTime;
    private final double startSeconds;
    private final List<Transform> provenance;

    /**
     * @param startTime    wall-clock time of this recording's first sample (for a window, the window's
     *                     first sample) when the file states it, else null
     * @param startSeconds offset of the first sample from the start of the source file (non-zero for a window)
     */
    public Recording(List<Channel> channels, float[][] samples, double samplingRate, List<Annotation> annotations,
                     RecordingIds ids, Instant startTime, double startSeconds, List<Transform> provenance) {
        Objects.requireNonNull(channels, "channels");
        Objects.requireNonNull(samples, "samples");
        if (!(samplingRate > 0) || !Double.isFinite(samplingRate)) {
            throw new IllegalArgumentException("sampling rate must be positive, got " + samplingRate);
        }
        if (samples.length != channels.size()) {
            throw new IllegalArgumentException("samples has " + samples.length + " rows but there are "
                    + channels.size() + " channels");
        }
        int length = samples.length == 0 ? 0 : samples[0].length;
        for (int c = 0; c < samples.length; c++) {
            Channel channel = channels.get(c);
            if (samples[c] == null || samples[c].length != length) {
                throw new IllegalArgumentException("channel " + channel.name() + " has "
                        + (samples[c] == null ? "no" : samples[c].length) + " samples, expected " + length);
            }
            if (Double.compare(channel.samplingRate(), samplingRate) != 0) {
                throw new IllegalArgumentException("channel " + channel.name() + " is at " + channel.samplingRate()
                        + " Hz but the recording is at " + samplingRate + " Hz; resample it first");
            }
        }
        this.channels = List.copyOf(channels);
        this.samples = samples;
        this.samplingRate = samplingRate;
        this.annotations = List.copyOf(annotations);
        this.ids = ids == null ? RecordingIds.NONE : ids;
        this.startTime = startTime;
        this.startSeconds = startSeconds;
        this.provenance = List.copyOf(provenance);
    }

    public List<Channel> channels() {
        return channels;
    }

    public Channel channel(int index) {
        return channels.get(index);
    }

    public int channelCount() {
        return channels.size();
    }

    public int sampleCount() {
        return samples.length == 0 ? 0 : samples[0].length;
    }

    public double samplingRate() {
        return samplingRate;
    }

    public double durationSeconds() {
        return sampleCount() / samplingRate;
    }

    public List<Annotation> annotations() {
        return annotations;
    }

    public RecordingIds ids() {
        return ids;
    }

    /** Wall-clock time of this recording's first sample, or null when the file does not state it. */
    public Instant startTime() {
        return startTime;
    }

    public double startSeconds() {
        return startSeconds;
    }

    public List<Transform> provenance() {
        return provenance;
    }

    public List<String> channelNames() {
        return channels.stream().map(Channel::name).toList();
    }

    /** Index of the channel with exactly this name, or -1. */
    public int indexOf(String name) {
        for (int i = 0; i < channels.size(); i++) {
            if (channels.get(i).name().equals(name)) {
                return i;
            }
        }
        return -1;
    }

    public float sample(int channel, int sample) {
        return samples[channel][sample];
    }

    /** A copy of one channel's samples. */
    public float[] channelData(int channel) {
        return samples[channel].clone();
    }

    /** A deep copy of all samples, [channel][sample]. */
    public float[][] samples() {
        float[][] copy = new float[samples.length][];
        for (int c = 0; c < samples.length; c++) {
            copy[c] = samples[c].clone();
        }
        return copy;
    }

    /**
     * A recording with new samples (same channels, rate and events) and one more provenance step.
     * Takes ownership of {@code newSamples}.
     */
    public Recording withSamples(float[][] newSamples, Transform step) {
        return derive(channels, newSamples, samplingRate, annotations, step);
    }

    /**
     * The general derivation: new channels, samples, rate and events, with {@code step} appended
     * to the provenance. Takes ownership of {@code newSamples}.
     */
    public Recording derive(List<Channel> newChannels, float[][] newSamples, double newRate,
                            List<Annotation> newAnnotations, Transform step) {
        List<Transform> steps = new ArrayList<>(provenance);
        steps.add(Objects.requireNonNull(step, "step"));
        return new Recording(newChannels, newSamples, newRate, newAnnotations, ids, startTime, startSeconds, steps);
    }

    /**
     * The same samples under new channel descriptions (renamed, retyped, positioned), one per
     * row, with {@code step} appended to the provenance. Shares the sample arrays: both
     * recordings are immutable, so nothing is copied.
     */
    public Recording withChannels(List<Channel> newChannels, Transform step) {
        return derive(newChannels, samples, samplingRate, annotations, step);
    }

    public Recording withIds(RecordingIds newIds) {
        return new Recording(channels, samples, samplingRate, annotations, newIds, startTime, startSeconds, provenance);
    }

    @Override
    public String toString() {
        return "Recording[" + channels.size() + " channels x " + sampleCount() + " samples @ " + samplingRate
                + " Hz, " + annotations.size() + " annotations]";
    }
}

package io.neurofm.signal;

import java.util.Objects;

/**
 * One channel: its name, what it measures, the unit of its samples, its sampling rate and,
 * when known, its 3D position. In a {@link Recording} every channel's rate equals the
 * recording's; in a {@link RecordingHeader} a channel reports its native rate.
 *
 * @param position null when unknown (never a made-up origin)
 */
public record Channel(String name, ChannelType type, String unit, double samplingRate, Position position) {
    public Channel {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(unit, "unit");
        if (name.isBlank()) {
            throw new IllegalArgumentException("channel name must not be blank");
        }
        if (!(samplingRate > 0) || !Double.isFinite(samplingRate)) {
            throw new IllegalArgumentException("channel " + name + ": sampling rate must be positive, got " + samplingRate);
        }
    }

    /** A channel in the SI unit of its type, position unknown. */
    public static Channel of(String name, ChannelType type, double samplingRate) {
        return new Channel(name, type, type.siUnit(), samplingRate, null);
    }

    public boolean hasPosition() {
        return position != null;
    }

    public Channel withName(String newName) {
        return new Channel(newName, type, unit, samplingRate, position);
    }

    public Channel withPosition(Position newPosition) {
        return new Channel(name, type, unit, samplingRate, newPosition);
    }

    public Channel withSamplingRate(double rate) {
        return new Channel(name, type, unit, rate, position);
    }

    public Channel withType(ChannelType newType, String newUnit) {
        return new Channel(name, newType, newUnit, samplingRate, position);
    }
}

package io.neurofm.signal;

import java.util.Objects;
import java.util.OptionalInt;

/**
 * An event or annotated span.
 *
 * @param onsetSeconds    seconds from the first sample of the recording that carries it
 * @param durationSeconds 0 for an instantaneous event
 * @param description     text as the file states it (EDF+ TAL text, BrainVision "Stimulus/S  1",
 *                        GDF code as "0x0301")
 * @param code            the numeric event code where the format has one (GDF, BDF status, stim channels)
 */
public record Annotation(double onsetSeconds, double durationSeconds, String description, OptionalInt code) {
    public Annotation {
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(code, "code");
        if (!Double.isFinite(onsetSeconds)) {
            throw new IllegalArgumentException("annotation onset must be finite, got " + onsetSeconds);
        }
        if (!(durationSeconds >= 0) || !Double.isFinite(durationSeconds)) {
            throw new IllegalArgumentException("annotation duration must be finite and >= 0, got " + durationSeconds);
        }
    }

    public static Annotation of(double onsetSeconds, double durationSeconds, String description) {
        return new Annotation(onsetSeconds, durationSeconds, description, OptionalInt.empty());
    }

    public static Annotation ofCode(double onsetSeconds, double durationSeconds, int code) {
        return new Annotation(onsetSeconds, durationSeconds, String.format("0x%04X", code), OptionalInt.of(code));
    }

    /** The sample index of the onset at the given rate (nearest sample). */
    public long onsetSample(double samplingRate) {
        return Math.round(onsetSeconds * samplingRate);
    }

    public Annotation shifted(double seconds) {
        return new Annotation(onsetSeconds + seconds, durationSeconds, description, code);
    }
}

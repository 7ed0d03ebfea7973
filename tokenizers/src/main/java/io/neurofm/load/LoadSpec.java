package io.neurofm.load;

import io.neurofm.montage.StandardMontage;
import io.neurofm.signal.OpenOptions;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * How to turn a file into the recording a user asked for.
 *
 * @param channels        channel names to keep, in this order; empty for all
 * @param startSeconds    start of the window from the beginning of the file
 * @param durationSeconds window length, or NaN for "to the end"
 * @param resampleTo      common rate in Hz to resample to (required for files whose channels have
 *                        different native rates); null keeps the native rate
 * @param channelMap      a user channel map (rename/retype/position), applied before montage; null for none
 * @param montage         standard positions for channels that have none; null for none
 * @param applyBids       when the file sits in a BIDS dataset, take ids, channel types/units/positions and
 *                        events from its sidecars
 */
public record LoadSpec(OpenOptions openOptions, List<String> channels, double startSeconds, double durationSeconds,
                       Double resampleTo, Path channelMap, StandardMontage montage,
                       boolean applyBids) {
    public LoadSpec {
        Objects.requireNonNull(openOptions, "openOptions");
        channels = List.copyOf(channels);
        if (!(startSeconds >= 0) || Double.isInfinite(startSeconds)) {
            throw new IllegalArgumentException("start must be >= 0 seconds, got " + startSeconds);
        }
        if (!Double.isNaN(durationSeconds) && !(durationSeconds > 0 && Double.isFinite(durationSeconds))) {
            throw new IllegalArgumentException("duration must be > 0 seconds, got " + durationSeconds);
        }
        if (resampleTo != null && !(resampleTo > 0 && Double.isFinite(resampleTo))) {
            throw new IllegalArgumentException("resample rate must be > 0 Hz, got " + resampleTo);
        }
    }

    /** The whole file, all channels, as stored (with its BIDS sidecars when it has them). */
    public static LoadSpec whole() {
        return new LoadSpec(OpenOptions.DEFAULT, List.of(), 0, Double.NaN, null, null, null, true);
    }
}

package io.neurofm.dsp;

import io.neurofm.signal.SignalException;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The outcome of {@link ChannelQuality#check}: every bad channel with all reasons found.
 *
 * @param checked the channels examined (signal channels; STIM/MISC are not judged)
 */
public record ChannelQualityReport(List<String> checked, List<BadChannel> bad) {
    public ChannelQualityReport {
        checked = List.copyOf(checked);
        bad = List.copyOf(bad);
    }

    /** Why a channel is unusable. */
    public enum Problem {
        /** holds NaN or infinite samples */
        NON_FINITE,
        /** peak-to-peak below the threshold or zero variance: disconnected or saturated-off */
        FLAT,
        /** too many samples sit exactly at the channel's minimum or maximum: amplifier clipping */
        CLIPPED
    }

    /** One bad channel, its problems and a human-readable detail per problem. */
    public record BadChannel(String name, List<Problem> problems, List<String> details) {
        public BadChannel {
            problems = List.copyOf(problems);
            details = List.copyOf(details);
        }
    }

    public boolean isClean() {
        return bad.isEmpty();
    }

    public List<String> badNames() {
        return bad.stream().map(BadChannel::name).toList();
    }

    /** @throws SignalException naming every bad channel and why, if there is any */
    public void requireClean() throws SignalException {
        if (!bad.isEmpty()) {
            throw new SignalException(null, bad.size() + " bad channel(s): " + bad.stream()
                    .map(b -> b.name() + " (" + String.join("; ", b.details()) + ")")
                    .collect(Collectors.joining(", ")));
        }
    }
}

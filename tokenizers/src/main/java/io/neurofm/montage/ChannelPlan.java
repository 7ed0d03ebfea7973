package io.neurofm.montage;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * How a recording's channels meet a model's channel list, decided by
 * {@link ChannelMapper#plan} before any sample is touched.
 *
 * @param recordingChannels the recording's channel names, in its order (the plan only fits them)
 * @param modelChannels     the names the model wants, in its order
 * @param matched           model channel name to recording channel index, in model order
 * @param missing           model channels the recording lacks, in model order
 * @param extra             indices of recording channels the model does not use, ascending
 */
public record ChannelPlan(List<String> recordingChannels, List<String> modelChannels, Map<String, Integer> matched,
                          List<String> missing, List<Integer> extra) {
    public ChannelPlan {
        recordingChannels = List.copyOf(recordingChannels);
        modelChannels = List.copyOf(modelChannels);
        matched = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(matched, "matched")));
        missing = List.copyOf(missing);
        extra = List.copyOf(extra);
        if (matched.size() + missing.size() != modelChannels.size()) {
            throw new IllegalArgumentException("every model channel must be either matched or missing");
        }
        for (String name : modelChannels) {
            if (matched.containsKey(name) == missing.contains(name)) {
                throw new IllegalArgumentException("model channel " + name + " must be exactly one of matched or missing");
            }
        }
        for (int index : matched.values()) {
            if (index < 0 || index >= recordingChannels.size()) {
                throw new IllegalArgumentException("recording index " + index + " out of range");
            }
        }
    }

    /** True when every model channel is in the recording. */
    public boolean isComplete() {
        return missing.isEmpty();
    }

    /** Names of the recording channels the model does not use. */
    public List<String> extraNames() {
        List<String> names = new ArrayList<>();
        for (int index : extra) {
            names.add(recordingChannels.get(index));
        }
        return names;
    }

    /** "model<-recording" pairs, comma separated, for provenance and logs. */
    public String describeMatches() {
        return matched.entrySet().stream()
                .map(e -> e.getKey() + "<-" + recordingChannels.get(e.getValue()))
                .collect(Collectors.joining(","));
    }
}

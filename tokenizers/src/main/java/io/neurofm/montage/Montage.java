package io.neurofm.montage;

import io.neurofm.signal.Channel;
import io.neurofm.signal.ChannelType;
import io.neurofm.signal.Recording;
import io.neurofm.signal.SignalException;
import io.neurofm.signal.Transform;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Standard montages applied to recordings: positions by name, and canonical names. */
public final class Montage {
    private Montage() {
    }

    /**
     * A recording with positions set, and the channels left without one.
     *
     * @param placed   names of the channels that received a position
     * @param unplaced channel name to the reason it got none ("bipolar derivation", "not in 10-20", ...)
     */
    public record Applied(Recording recording, List<String> placed, Map<String, String> unplaced) {
        public Applied {
            placed = List.copyOf(placed);
            unplaced = Collections.unmodifiableMap(new LinkedHashMap<>(unplaced));
        }
    }

    /**
     * Sets the position of every EEG channel whose name denotes an electrode of {@code montage}
     * (through {@link ChannelNames#parse}: "Fc5." is FC5; an old name such as T3 is placed where
     * T7 is). Positions already present are replaced. Bipolar derivations, other channel types
     * and unknown names keep what they had and are reported, never guessed.
     */
    public static Applied applyStandard(Recording recording, StandardMontage montage) {
        List<Channel> channels = new ArrayList<>(recording.channelCount());
        List<String> placed = new ArrayList<>();
        Map<String, String> unplaced = new LinkedHashMap<>();
        for (Channel channel : recording.channels()) {
            Optional<Electrode> electrode = lookup(channel.name(), montage);
            String reason = null;
            if (channel.type() != ChannelType.EEG) {
                reason = "type " + channel.type() + ", not EEG";
            } else if (electrode.isEmpty()) {
                ChannelName parsed = ChannelNames.parse(channel.name());
                reason = switch (parsed.kind()) {
                    case BIPOLAR -> "bipolar derivation " + parsed.name() + " has no single position";
                    case ELECTRODE -> parsed.name() + " is not in the " + montage.label() + " system";
                    case OTHER -> "not a standard electrode name";
                };
            }
            if (reason == null) {
                channels.add(channel.withPosition(electrode.get().position()));
                placed.add(channel.name());
            } else {
                channels.add(channel);
                unplaced.put(channel.name(), reason);
            }
        }
        Recording out = recording.withChannels(channels, Transform.of("montage", "system", montage.label(),
                        "source", "MNE-Python 1.3 standard_1005/standard_1020, head frame",
                        "placed", placed.size(), "unplaced", String.join(",", unplaced.keySet())));
        return new Applied(out, placed, unplaced);
    }

    /**
     * Renames channels to their normalised names ("Fc5." to "FC5", "EEG FP1-REF" to "Fp1",
     * "FP2-F4" to "Fp2-F4"); other names stay. Refuses when two channels would share a name.
     */
    public static Recording normaliseNames(Recording recording) throws SignalException {
        List<Channel> channels = new ArrayList<>(recording.channelCount());
        Map<String, String> seen = new HashMap<>();
        List<String> renamed = new ArrayList<>();
        for (Channel channel : recording.channels()) {
            String name = ChannelNames.normalise(channel.name());
            String previous = seen.put(name, channel.name());
            if (previous != null) {
                throw new SignalException(null, "channels '" + previous + "' and '" + channel.name()
                        + "' both normalise to " + name);
            }
            if (!name.equals(channel.name())) {
                renamed.add(channel.name() + "->" + name);
            }
            channels.add(channel.withName(name));
        }
        return recording.withChannels(channels,
                Transform.of("normalise-channel-names", "renamed", String.join(",", renamed)));
    }

    // An electrode of the montage, or one at the identical position under a name the montage uses.
    private static Optional<Electrode> lookup(String channelName, StandardMontage montage) {
        ChannelName parsed = ChannelNames.parse(channelName);
        if (!parsed.isElectrode()) {
            return Optional.empty();
        }
        Optional<Electrode> electrode = ElectrodeTable.get().find(parsed.name());
        if (electrode.isEmpty()) {
            return Optional.empty();
        }
        if (electrode.get().isIn(montage)) {
            return electrode;
        }
        String group = electrode.get().preferredName();
        return ElectrodeTable.get().electrodes().stream()
                .filter(e -> e.isIn(montage) && e.preferredName().equals(group))
                .findFirst();
    }
}

package io.neurofm.inference;

import io.neurofm.artifact.PreprocessingSpec;
import io.neurofm.dsp.Resampling;
import io.neurofm.dsp.Scaler;
import io.neurofm.montage.ChannelNames;
import io.neurofm.montage.Montage;
import io.neurofm.montage.StandardMontage;
import io.neurofm.signal.Channel;
import io.neurofm.signal.ChannelType;
import io.neurofm.signal.Position;
import io.neurofm.signal.Recording;
import io.neurofm.signal.RecordingIds;
import io.neurofm.signal.SignalException;
import io.neurofm.signal.Transform;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The artifact's preprocessing, shared by every family: channel names normalised, the channel set
 * checked, resampled to the model's rate, the artifact's filters, its normalisation statistics, and
 * positions looked up in the 10-05 montage where the input gives none. Client windows and whole
 * recordings take the same steps in the same order. Inference, fine-tuning and pretraining data
 * all prepare recordings through it.
 */
public final class ArtifactPreprocessing {
    private final PreprocessingSpec spec;
    private final Set<String> knownChannels;

    /** @param knownChannels the names a model accepts; empty = any channel */
    public ArtifactPreprocessing(PreprocessingSpec spec, Set<String> knownChannels) {
        this.spec = spec;
        this.knownChannels = Set.copyOf(knownChannels);
    }

    /** A client window as a recording of EEG channels (volts), with its positions. */
    static Recording toRecording(SignalWindow window) {
        List<Channel> channels = new ArrayList<>(window.channels().size());
        for (int c = 0; c < window.channels().size(); c++) {
            Position position = window.positions() == null ? null : window.positions().get(c);
            channels.add(new Channel(window.channels().get(c), ChannelType.EEG, ChannelType.EEG.siUnit(),
                    window.samplingRate(), position));
        }
        return new Recording(channels, window.data(), window.samplingRate(), List.of(), RecordingIds.NONE, null, 0,
                List.of(Transform.of("request", "channels", channels.size(), "samples", window.sampleCount())));
    }

    /** A client window: every channel must be one the model knows. */
    public Recording prepareWindow(SignalWindow window) {
        return prepare(toRecording(window), true);
    }

    /**
     * A recording from a file: channels the model cannot use (non-EEG channels, or names outside a
     * model's channel table) are left out; none left is an error.
     */
    public Recording prepareRecording(Recording recording) {
        return prepare(recording, false);
    }

    private Recording prepare(Recording input, boolean strict) {
        Recording r = normaliseNames(input);
        r = selectChannels(r, strict);
        if (Double.compare(r.samplingRate(), spec.samplingRate()) != 0) {
            try {
                r = Resampling.resample(r, spec.samplingRate());
            } catch (SignalException | IllegalArgumentException e) {
                throw new InvalidInputException("sfreq", "cannot resample " + r.samplingRate() + " Hz to the model's "
                        + spec.samplingRate() + " Hz: " + e.getMessage(), e);
            }
        }
        try {
            r = spec.applyFilters(r);
        } catch (SignalException | IllegalArgumentException e) {
            throw new InvalidInputException("data", "the model's filters cannot run on this input: " + e.getMessage(), e);
        }
        if (spec.normalisation() != null) {
            try {
                r = Scaler.apply(r, spec.normalisation());
            } catch (SignalException | IllegalArgumentException e) {
                throw new InvalidInputException("channels", "the model's normalisation cannot run: " + e.getMessage(), e);
            }
        }
        return r;
    }

    /*
     * A model with a channel table knows the spellings it was trained on ("Fc5." in the EDF files), so
     * input names are matched to those through their normalised forms; a model that takes any channel
     * gets normalised names (which the montage lookup understands).
     */
    private Recording normaliseNames(Recording r) {
        try {
            if (knownChannels.isEmpty()) {
                return Montage.normaliseNames(r);
            }
            Map<String, String> spelling = new HashMap<>();
            for (String known : knownChannels) {
                spelling.putIfAbsent(ChannelNames.normalise(known), known);
            }
            List<Channel> channels = new ArrayList<>(r.channelCount());
            Set<String> seen = new HashSet<>();
            for (Channel c : r.channels()) {
                String name = knownChannels.contains(c.name()) ? c.name()
                        : spelling.getOrDefault(ChannelNames.normalise(c.name()), c.name());
                if (!seen.add(name)) {
                    throw new InvalidInputException("channels", "channel '" + c.name() + "' names the same channel ("
                            + name + ") as another input channel");
                }
                channels.add(c.withName(name));
            }
            return r.withChannels(channels, Transform.of("match-channel-names", "table", knownChannels.size()));
        } catch (SignalException e) {
            throw new InvalidInputException("channels", e.getMessage(), e);
        }
    }

    private Recording selectChannels(Recording r, boolean strict) {
        Predicate<Channel> usable = knownChannels.isEmpty()
                ? c -> c.type() == ChannelType.EEG
                : c -> knownChannels.contains(c.name());
        List<Integer> keep = new ArrayList<>();
        for (int c = 0; c < r.channelCount(); c++) {
            Channel channel = r.channel(c);
            if (usable.test(channel)) {
                keep.add(c);
            } else if (strict) {
                throw new InvalidInputException("channels", "channel '" + channel.name()
                        + "' is not one this model knows; it knows " + describeKnown());
            }
        }
        if (keep.isEmpty()) {
            throw new InvalidInputException("channels", "none of the channels " + r.channelNames()
                    + " is usable by this model; it takes " + describeKnown());
        }
        if (keep.size() == r.channelCount()) {
            return r;
        }
        List<Channel> channels = new ArrayList<>(keep.size());
        float[][] samples = new float[keep.size()][];
        List<String> dropped = new ArrayList<>(r.channelNames());
        for (int i = 0; i < keep.size(); i++) {
            channels.add(r.channel(keep.get(i)));
            samples[i] = r.channelData(keep.get(i));
            dropped.remove(r.channel(keep.get(i)).name());
        }
        return r.derive(channels, samples, r.samplingRate(), r.annotations(),
                Transform.of("pick-channels", "kept", keep.size(), "dropped", String.join(",", dropped)));
    }

    private String describeKnown() {
        if (knownChannels.isEmpty()) {
            return "EEG channels";
        }
        List<String> sorted = knownChannels.stream().sorted().toList();
        return sorted.size() <= 12 ? sorted.toString()
                : sorted.subList(0, 12) + " and " + (sorted.size() - 12) + " more";
    }

    /** Each channel's own position, else its 10-05 position by name, else null (unknown). */
    public static List<Position> positions(Recording r) {
        List<Position> positions = new ArrayList<>(r.channelCount());
        for (Channel channel : r.channels()) {
            positions.add(channel.position() != null ? channel.position()
                    : StandardMontage.TEN_FIVE.position(channel.name()).orElse(null));
        }
        return positions;
    }

    /** Consecutive windows of a prepared recording; a trailing part shorter than a window is dropped. */
    static List<PreparedWindow> cut(Recording prepared, int windowSamples, int strideSamples) {
        int stride = strideSamples <= 0 ? windowSamples : strideSamples;
        List<Position> positions = positions(prepared);
        float[][] all = prepared.samples();
        List<PreparedWindow> windows = new ArrayList<>();
        for (int from = 0; from + windowSamples <= prepared.sampleCount(); from += stride) {
            float[][] samples = new float[all.length][windowSamples];
            for (int c = 0; c < all.length; c++) {
                System.arraycopy(all[c], from, samples[c], 0, windowSamples);
            }
            windows.add(new PreparedWindow(samples, prepared.channelNames(), positions,
                    prepared.startSeconds() + from / prepared.samplingRate()));
        }
        if (windows.isEmpty()) {
            throw new InvalidInputException("file", "the recording has " + prepared.sampleCount()
                    + " samples at " + prepared.samplingRate() + " Hz after preprocessing; a window needs "
                    + windowSamples);
        }
        return windows;
    }

    /** A whole prepared client window. */
    static PreparedWindow whole(Recording prepared) {
        return new PreparedWindow(prepared.samples(), prepared.channelNames(), positions(prepared), 0);
    }
}

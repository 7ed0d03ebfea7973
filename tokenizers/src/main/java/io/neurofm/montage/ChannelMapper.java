package io.neurofm.montage;

import io.neurofm.signal.Channel;
import io.neurofm.signal.ChannelType;
import io.neurofm.signal.Position;
import io.neurofm.signal.Recording;
import io.neurofm.signal.SignalException;
import io.neurofm.signal.Transform;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Puts a recording's channels into the order and set a model was trained on. First
 * {@link #plan} matches names (through {@link ChannelNames#matchKey}: "Fc5." meets "FC5",
 * "T3" meets "T7") and says what is matched, missing and unused; then {@link #apply} builds the
 * recording the model wants, refusing or interpolating missing channels as told. A missing
 * channel is never filled with zeros.
 */
public final class ChannelMapper {
    private ChannelMapper() {
    }

    /**
     * Matches recording channels to model channel names.
     *
     * @throws IllegalArgumentException when two model channel names denote the same channel
     * @throws SignalException          when two recording channels denote one model channel
     *                                  (e.g. both "T3" and "T7"), since either choice would be a guess
     */
    public static ChannelPlan plan(List<Channel> recordingChannels, List<String> modelChannels) throws SignalException {
        Map<String, String> modelKeys = new HashMap<>();
        for (String name : modelChannels) {
            String previous = modelKeys.put(ChannelNames.matchKey(name), name);
            if (previous != null) {
                throw new IllegalArgumentException("model channels '" + previous + "' and '" + name
                        + "' denote the same channel");
            }
        }
        Map<String, List<Integer>> byKey = new HashMap<>();
        for (int i = 0; i < recordingChannels.size(); i++) {
            byKey.computeIfAbsent(ChannelNames.matchKey(recordingChannels.get(i).name()), k -> new ArrayList<>()).add(i);
        }
        Map<String, Integer> matched = new LinkedHashMap<>();
        List<String> missing = new ArrayList<>();
        boolean[] used = new boolean[recordingChannels.size()];
        for (String name : modelChannels) {
            List<Integer> candidates = byKey.get(ChannelNames.matchKey(name));
            if (candidates == null) {
                missing.add(name);
            } else if (candidates.size() > 1) {
                throw new SignalException(null, "recording channels " + candidates.stream()
                        .map(i -> "'" + recordingChannels.get(i).name() + "'").toList()
                        + " all denote model channel " + name + "; rename or drop all but one first");
            } else {
                matched.put(name, candidates.get(0));
                used[candidates.get(0)] = true;
            }
        }
        List<Integer> extra = new ArrayList<>();
        for (int i = 0; i < used.length; i++) {
            if (!used[i]) {
                extra.add(i);
            }
        }
        List<String> names = recordingChannels.stream().map(Channel::name).toList();
        return new ChannelPlan(names, modelChannels, matched, missing, extra);
    }

    /**
     * Builds the recording the model wants: its channels in its order, named as it names them.
     * Missing channels are refused, or interpolated with positions from the 10-05 table (see
     * {@link #apply(Recording, ChannelPlan, MissingPolicy, Map)}).
     */
    public static Recording apply(Recording recording, ChannelPlan plan, MissingPolicy policy) throws SignalException {
        return apply(recording, plan, policy, Map.of());
    }

    /**
     * As {@link #apply(Recording, ChannelPlan, MissingPolicy)}, taking the positions of missing
     * channels from {@code missingPositions} (head frame, metres) where given, else from the
     * standard 10-05 table. Interpolation uses the matched EEG channels as sources, each of
     * which needs a position, and fits the sphere to sources and targets together, as MNE's
     * {@code interpolate_bads(origin='auto')} does for a recording holding exactly the model's
     * channels.
     */
    public static Recording apply(Recording recording, ChannelPlan plan, MissingPolicy policy,
                                  Map<String, Position> missingPositions) throws SignalException {
        if (!plan.recordingChannels().equals(recording.channelNames())) {
            throw new IllegalArgumentException("the plan was made for channels " + plan.recordingChannels()
                    + " but the recording has " + recording.channelNames());
        }
        if (!plan.isComplete() && policy == MissingPolicy.REFUSE) {
            throw new SignalException(null, "the recording lacks model channels " + plan.missing() + " (it has "
                    + recording.channelNames() + "); use MissingPolicy.INTERPOLATE to estimate them from"
                    + " neighbouring EEG channels, or map the recording's channel names first");
        }
        List<String> model = plan.modelChannels();
        List<Channel> channels = new ArrayList<>(model.size());
        float[][] samples = new float[model.size()][];
        for (int m = 0; m < model.size(); m++) {
            Integer index = plan.matched().get(model.get(m));
            if (index != null) {
                channels.add(recording.channel(index).withName(model.get(m)));
                samples[m] = recording.channelData(index);
            } else {
                channels.add(null);
            }
        }
        List<Object> steps = new ArrayList<>(List.of("policy", policy.name().toLowerCase(Locale.ROOT),
                "model_channels", String.join(",", model), "matched", plan.describeMatches(),
                "missing", String.join(",", plan.missing()), "extra", String.join(",", plan.extraNames())));
        if (!plan.isComplete()) {
            steps.addAll(interpolate(recording, plan, missingPositions, channels, samples));
        }
        return recording.derive(channels, samples, recording.samplingRate(), recording.annotations(),
                Transform.of("channel-mapping", steps.toArray()));
    }

    private static List<Object> interpolate(Recording recording, ChannelPlan plan, Map<String, Position> given,
                                            List<Channel> channels, float[][] samples) throws SignalException {
        List<Integer> sources = new ArrayList<>();
        List<String> unplaced = new ArrayList<>();
        for (int index : plan.matched().values()) {
            Channel channel = recording.channel(index);
            if (channel.type() != ChannelType.EEG) {
                continue;
            }
            sources.add(index);
            if (!channel.hasPosition()) {
                unplaced.add(channel.name());
            }
        }
        if (sources.isEmpty()) {
            throw new SignalException(null, "cannot interpolate " + plan.missing()
                    + ": none of the matched channels is EEG");
        }
        if (!unplaced.isEmpty()) {
            throw new SignalException(null, "cannot interpolate " + plan.missing() + ": EEG channels " + unplaced
                    + " have no position; set positions with Montage.applyStandard or a ChannelMap first");
        }
        List<Position> targets = new ArrayList<>();
        List<String> unknown = new ArrayList<>();
        for (String name : plan.missing()) {
            Position p = given.containsKey(name) ? given.get(name)
                    : StandardMontage.TEN_FIVE.position(name).orElse(null);
            if (p == null) {
                unknown.add(name);
            }
            targets.add(p);
        }
        if (!unknown.isEmpty()) {
            throw new SignalException(null, "cannot interpolate " + unknown
                    + ": not standard 10-05 electrode names and no position given for them");
        }
        List<Position> all = new ArrayList<>();
        for (int index : sources) {
            all.add(recording.channel(index).position());
        }
        all.addAll(targets);
        Sphere sphere;
        try {
            sphere = SphereFit.fit(all);
        } catch (IllegalArgumentException e) {
            throw new SignalException(null, "cannot interpolate " + plan.missing() + ": " + e.getMessage(), e);
        }
        double[][] from = relative(all.subList(0, sources.size()), sphere.centre());
        double[][] to = relative(targets, sphere.centre());
        double[][] weights = SphericalSpline.interpolationMatrix(from, to, SphericalSpline.DEFAULT_ALPHA);

        float[][] source = new float[sources.size()][];
        for (int s = 0; s < sources.size(); s++) {
            source[s] = recording.channelData(sources.get(s));
        }
        int length = recording.sampleCount();
        double rate = recording.samplingRate();
        for (int t = 0; t < targets.size(); t++) {
            String name = plan.missing().get(t);
            double[] acc = new double[length];
            for (int s = 0; s < source.length; s++) {
                double w = weights[t][s];
                float[] row = source[s];
                for (int i = 0; i < length; i++) {
                    acc[i] += w * row[i];
                }
            }
            float[] out = new float[length];
            for (int i = 0; i < length; i++) {
                out[i] = (float) acc[i];
            }
            int slot = plan.modelChannels().indexOf(name);
            channels.set(slot, new Channel(name, ChannelType.EEG, ChannelType.EEG.siUnit(), rate, targets.get(t)));
            samples[slot] = out;
        }
        Position c = sphere.centre();
        return List.of("interpolated", String.join(",", plan.missing()),
                "method", "spherical spline (Perrin 1989; m=" + SphericalSpline.STIFFNESS + ", "
                        + SphericalSpline.LEGENDRE_TERMS + " Legendre terms, alpha=" + SphericalSpline.DEFAULT_ALPHA + ")",
                "sources", String.join(",", sources.stream().map(i -> recording.channel(i).name()).toList()),
                "sphere_centre_m", c.x() + "," + c.y() + "," + c.z(),
                "sphere_radius_m", sphere.radius());
    }

    private static double[][] relative(List<Position> positions, Position origin) {
        double[][] out = new double[positions.size()][];
        for (int i = 0; i < positions.size(); i++) {
            Position p = positions.get(i);
            out[i] = new double[] {p.x() - origin.x(), p.y() - origin.y(), p.z() - origin.z()};
        }
        return out;
    }
}

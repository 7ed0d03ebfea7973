package io.neurofm.dsp;

import io.neurofm.signal.ChannelType;
import io.neurofm.signal.Recording;
import io.neurofm.signal.SignalException;
import io.neurofm.signal.Transform;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * EEG re-referencing with MNE's set_eeg_reference semantics (projection=False): the reference
 * signal is subtracted from every good EEG channel; bad channels and non-EEG channels are left
 * exactly as they were. With a single reference channel, that channel stays in the recording and
 * becomes all zeros (it is itself a good EEG channel minus itself).
 */
public final class Rereference {
    private Rereference() {
    }

    /** Common average reference: the mean of the good EEG channels, subtracted from each of them. */
    public static Recording average(Recording r, Collection<String> bads) throws SignalException {
        int[] good = goodEeg(r, bads);
        return subtract(r, good, good, Transform.of("reference", "type", "average", "excluded_bads",
                List.copyOf(new LinkedHashSet<>(bads)).toString(), "channels", good.length));
    }

    /** References the good EEG channels to {@code channel}, which stays and becomes zero. */
    public static Recording toChannel(Recording r, String channel, Collection<String> bads) throws SignalException {
        int[] good = goodEeg(r, bads);
        int ref = r.indexOf(channel);
        if (ref < 0) {
            throw new SignalException(null, "reference channel " + channel + " is not in the recording; channels are "
                    + r.channelNames());
        }
        if (r.channel(ref).type() != ChannelType.EEG) {
            throw new SignalException(null, "reference channel " + channel + " is " + r.channel(ref).type()
                    + ", not EEG");
        }
        if (bads.contains(channel)) {
            throw new SignalException(null, "reference channel " + channel + " is marked bad");
        }
        return subtract(r, new int[] {ref}, good, Transform.of("reference", "type", "channel", "channel", channel,
                "excluded_bads", List.copyOf(new LinkedHashSet<>(bads)).toString()));
    }

    private static int[] goodEeg(Recording r, Collection<String> bads) throws SignalException {
        Set<String> names = new LinkedHashSet<>(r.channelNames());
        List<String> unknown = bads.stream().filter(b -> !names.contains(b)).toList();
        if (!unknown.isEmpty()) {
            throw new SignalException(null, "bad channels " + unknown + " are not in the recording");
        }
        List<Integer> good = new ArrayList<>();
        for (int c = 0; c < r.channelCount(); c++) {
            if (r.channel(c).type() == ChannelType.EEG && !bads.contains(r.channel(c).name())) {
                good.add(c);
            }
        }
        if (good.isEmpty()) {
            throw new SignalException(null, "no good EEG channels to re-reference (bads: " + bads + ")");
        }
        return good.stream().mapToInt(Integer::intValue).toArray();
    }

    /** target -= mean(from), per sample, in double. */
    private static Recording subtract(Recording r, int[] from, int[] targets, Transform step) throws SignalException {
        int[] touched = concat(from, targets);
        PerChannel.requireFinite(r, touched, "re-referencing");
        int n = r.sampleCount();
        double[] reference = new double[n];
        for (int c : from) {
            for (int t = 0; t < n; t++) {
                reference[t] += r.sample(c, t);
            }
        }
        for (int t = 0; t < n; t++) {
            reference[t] /= from.length;
        }
        float[][] out = PerChannel.map(r, targets, x -> {
            float[] y = new float[x.length];
            for (int t = 0; t < x.length; t++) {
                y[t] = (float) (x[t] - reference[t]);
            }
            return y;
        });
        return r.withSamples(out, step);
    }

    private static int[] concat(int[] a, int[] b) {
        int[] out = new int[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}

package io.neurofm.tokenize.gru;

import io.neurofm.signal.Channel;
import io.neurofm.signal.Recording;
import io.neurofm.signal.Transform;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Time and channel slices of a recording, for train/held-out splits and throughput runs. */
public final class Segments {
    private Segments() {
    }

    /** Samples [from, to) of the given channels (all when {@code channels} is null). */
    public static Recording slice(Recording r, int from, int to, int[] channels) {
        if (from < 0 || to > r.sampleCount() || from > to) {
            throw new IllegalArgumentException("slice [" + from + ", " + to + ") outside 0.." + r.sampleCount());
        }
        int[] picked = channels != null ? channels : java.util.stream.IntStream.range(0, r.channelCount()).toArray();
        List<Channel> chans = new ArrayList<>();
        float[][] data = new float[picked.length][];
        for (int i = 0; i < picked.length; i++) {
            chans.add(r.channel(picked[i]));
            data[i] = Arrays.copyOfRange(r.channelData(picked[i]), from, to);
        }
        return new Recording(chans, data, r.samplingRate(), List.of(), r.ids(), null,
                r.startSeconds() + from / r.samplingRate(), appended(r, Transform.of("slice", "from_sample", from,
                "to_sample", to, "channels", picked.length)));
    }

    private static List<Transform> appended(Recording r, Transform step) {
        List<Transform> steps = new ArrayList<>(r.provenance());
        steps.add(step);
        return steps;
    }
}

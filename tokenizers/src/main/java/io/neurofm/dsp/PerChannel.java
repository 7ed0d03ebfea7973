package io.neurofm.dsp;

import io.neurofm.signal.Recording;
import io.neurofm.signal.SignalException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.IntStream;

/** Applies a per-channel function to the data channels of a recording, in parallel. */
final class PerChannel {
    private PerChannel() {
    }

    /** Indices of channels that carry signal (not STIM/MISC): the ones filters and scalers touch. */
    static int[] dataChannels(Recording r) {
        return IntStream.range(0, r.channelCount()).filter(c -> r.channel(c).type().isData()).toArray();
    }

    /**
     * New samples: {@code op} applied to each selected channel (in parallel; channels are
     * independent), the others copied unchanged.
     */
    static float[][] map(Recording r, int[] selected, UnaryOperator<float[]> op) {
        boolean[] apply = new boolean[r.channelCount()];
        for (int c : selected) {
            apply[c] = true;
        }
        float[][] out = new float[r.channelCount()][];
        IntStream.range(0, r.channelCount()).parallel().forEach(c -> out[c] = apply[c]
                ? op.apply(r.channelData(c)) : r.channelData(c));
        return out;
    }

    /** Refuses NaN/Inf in the selected channels, naming each affected channel and its first bad sample. */
    static void requireFinite(Recording r, int[] selected, String operation) throws SignalException {
        List<String> bad = new ArrayList<>();
        for (int c : selected) {
            for (int t = 0; t < r.sampleCount(); t++) {
                float v = r.sample(c, t);
                if (!Float.isFinite(v)) {
                    bad.add(r.channel(c).name() + " (" + v + " at sample " + t + ")");
                    break;
                }
            }
        }
        if (!bad.isEmpty()) {
            throw new SignalException(null, operation + " refused: non-finite samples in " + String.join(", ", bad)
                    + "; mark these channels bad or repair them first (see ChannelQuality)");
        }
    }
}

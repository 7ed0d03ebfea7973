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

    /**
     * Below this many samples in all, per-channel work runs on the calling thread: forking costs more
     * than it saves on a short window, and a server preparing many small requests at once already
     * keeps the cores busy (measured on served 4-channel windows, docs/benchmarks.md).
     */
    static final long PARALLEL_MIN_SAMPLES = 1 << 18;

    /** {@code 0..count-1}, parallel only when {@code count * samplesPerChannel} is worth forking for. */
    static IntStream indices(int count, long samplesPerChannel) {
        IntStream range = IntStream.range(0, count);
        return (long) count * samplesPerChannel >= PARALLEL_MIN_SAMPLES ? range.parallel() : range;
    }

    /** Indices of channels that carry signal (not STIM/MISC): the ones filters and scalers touch. */
    static int[] dataChannels(Recording r) {
        return IntStream.range(0, r.channelCount()).filter(c -> r.channel(c).type().isData()).toArray();
    }

    /**
     * New samples: {@code op} applied to each selected channel (in parallel when large; channels
     * are independent), the others copied unchanged.
     */
    static float[][] map(Recording r, int[] selected, UnaryOperator<float[]> op) {
        boolean[] apply = new boolean[r.channelCount()];
        for (int c : selected) {
            apply[c] = true;
        }
        float[][] out = new float[r.channelCount()][];
        indices(r.channelCount(), r.sampleCount()).forEach(c -> out[c] = apply[c]
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

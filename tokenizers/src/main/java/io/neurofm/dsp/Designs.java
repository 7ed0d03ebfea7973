package io.neurofm.dsp;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.DoubleStream;

/**
 * Filter designs reused across calls. A design is a pure function of its parameters and immutable,
 * and a server preprocesses every request at the same few rates: designing the Kaiser FIR and the
 * Butterworth sections per served window cost about 7% of its request threads' CPU.
 */
final class Designs {
    /** Distinct designs kept; past it, designs are made per call (unbounded keys must not grow the heap). */
    private static final int LIMIT = 256;
    private static final Map<ResampleRatio, PolyphaseResampler> RESAMPLERS = new ConcurrentHashMap<>();
    private static final Map<ButterworthKey, Sos> BUTTERWORTH = new ConcurrentHashMap<>();

    private Designs() {
    }

    static PolyphaseResampler resampler(ResampleRatio ratio) {
        PolyphaseResampler cached = RESAMPLERS.get(ratio);
        if (cached != null) {
            return cached;
        }
        PolyphaseResampler made = new PolyphaseResampler(ratio);
        if (RESAMPLERS.size() < LIMIT) {
            RESAMPLERS.putIfAbsent(ratio, made);
        }
        return made;
    }

    /** {@link Butterworth#design}, cached; an invalid design throws as it does and is not cached. */
    static Sos butterworth(int order, FilterType type, double rate, double... cutoffs) {
        ButterworthKey key = new ButterworthKey(order, type, rate, DoubleStream.of(cutoffs).boxed().toList());
        Sos cached = BUTTERWORTH.get(key);
        if (cached != null) {
            return cached;
        }
        Sos made = Butterworth.design(order, type, rate, cutoffs);
        if (BUTTERWORTH.size() < LIMIT) {
            BUTTERWORTH.putIfAbsent(key, made);
        }
        return made;
    }

    private record ButterworthKey(int order, FilterType type, double rate, List<Double> cutoffs) {
    }
}

package io.neurofm.corpus;

import io.neurofm.signal.Recording;
import io.neurofm.signal.Transform;
import java.util.ArrayList;
import java.util.List;

/** Fixed-length windows at a fixed stride; a tail shorter than a window is dropped. */
public final class Windows {
    private Windows() {
    }

    /** floor((n - length) / stride) + 1, or 0 when the recording is shorter than one window. */
    public static long count(long samples, long length, long stride) {
        if (length < 1 || stride < 1) {
            throw new IllegalArgumentException("window length and stride must be >= 1 sample, got " + length + ", "
                    + stride);
        }
        return samples < length ? 0 : (samples - length) / stride + 1;
    }

    /** Seconds to a whole number of samples at {@code rate}. */
    public static int samples(double seconds, double rate) {
        long n = Math.round(seconds * rate);
        if (n < 1 || n > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(seconds + " s at " + rate + " Hz is " + n
                    + " samples; a window and a stride need at least one");
        }
        return (int) n;
    }

    /** Samples [start, start + length) of every channel as a recording of their own. */
    public static Recording slice(Recording r, int start, int length) {
        float[][] out = new float[r.channelCount()][];
        for (int c = 0; c < out.length; c++) {
            // channelData copies the whole channel; copying just the window keeps a build linear in its length.
            out[c] = new float[length];
            for (int t = 0; t < length; t++) {
                out[c][t] = r.sample(c, start + t);
            }
        }
        List<Transform> steps = new ArrayList<>(r.provenance());
        steps.add(Transform.of("window", "start_sample", start, "samples", length));
        return new Recording(r.channels(), out, r.samplingRate(), List.of(), r.ids(), null,
                r.startSeconds() + start / r.samplingRate(), steps);
    }

}

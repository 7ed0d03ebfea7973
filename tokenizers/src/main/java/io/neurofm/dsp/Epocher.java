package io.neurofm.dsp;

import io.neurofm.signal.Annotation;
import io.neurofm.signal.Recording;
import io.neurofm.signal.SignalException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * Cuts a recording into epochs around annotations (MNE Epochs semantics) or into fixed-length,
 * possibly overlapping windows. All channels are copied; the result needs
 * epochs x channels x samples x 4 bytes, which is checked against the array limits up front.
 */
public final class Epocher {
    private Epocher() {
    }

    /**
     * Epochs around every annotation whose description is in {@code match} or whose code (as a
     * decimal string, e.g. "769") is in {@code match}.
     *
     * <p>As MNE: the event sample is round(onset * rate) and the epoch spans
     * event + round(tmin * rate) .. event + round(tmax * rate) inclusive, rounding half to even
     * (numpy's round). Epochs that would reach outside the data are rejected and reported.
     */
    public static Epochs byAnnotations(Recording r, Collection<String> match, double tmin, double tmax)
            throws SignalException {
        if (!(tmin <= tmax) || !Double.isFinite(tmin) || !Double.isFinite(tmax)) {
            throw new IllegalArgumentException("need finite tmin <= tmax, got " + tmin + ", " + tmax);
        }
        double rate = r.samplingRate();
        int start = (int) Math.rint(tmin * rate);
        int stop = (int) Math.rint(tmax * rate);
        int length = stop - start + 1;
        Set<String> wanted = Set.copyOf(match);
        List<Annotation> events = new ArrayList<>();
        for (Annotation a : r.annotations()) {
            if (wanted.contains(a.description()) || (a.code().isPresent()
                    && wanted.contains(Integer.toString(a.code().getAsInt())))) {
                events.add(a);
            }
        }
        List<long[]> kept = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        List<Epochs.Rejected> rejected = new ArrayList<>();
        for (Annotation a : events) {
            long onset = (long) Math.rint(a.onsetSeconds() * rate);
            long first = onset + start;
            long last = onset + stop;
            if (first < 0 || last >= r.sampleCount()) {
                rejected.add(new Epochs.Rejected(a.description(), a.onsetSeconds(), onset, "epoch samples " + first
                        + ".." + last + " fall outside the data (0.." + (r.sampleCount() - 1) + ")"));
            } else {
                kept.add(new long[] {onset, first});
                labels.add(a.description());
            }
        }
        return cut(r, kept, labels, start, length, rejected);
    }

    /**
     * Windows of {@code window} samples every {@code step} samples from the first sample; a last
     * partial window is dropped (and reported) rather than padded.
     */
    public static Epochs fixedLength(Recording r, int window, int step) throws SignalException {
        if (window < 1 || step < 1) {
            throw new IllegalArgumentException("window and step must be >= 1 sample, got " + window + ", " + step);
        }
        List<long[]> kept = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        List<Epochs.Rejected> rejected = new ArrayList<>();
        long start = 0;
        for (; start + window <= r.sampleCount(); start += step) {
            kept.add(new long[] {start, start});
            labels.add("window");
        }
        if (start < r.sampleCount()) {
            rejected.add(new Epochs.Rejected("window", start / r.samplingRate(), start, "only "
                    + (r.sampleCount() - start) + " of " + window + " samples left at the end"));
        }
        return cut(r, kept, labels, 0, window, rejected);
    }

    /** Fixed windows given in seconds (rounded to whole samples, half to even); overlap = window - step. */
    public static Epochs fixedLengthSeconds(Recording r, double windowSeconds, double stepSeconds)
            throws SignalException {
        int window = (int) Math.rint(windowSeconds * r.samplingRate());
        int step = (int) Math.rint(stepSeconds * r.samplingRate());
        if (window < 1 || step < 1) {
            throw new IllegalArgumentException("window " + windowSeconds + " s and step " + stepSeconds
                    + " s must each be at least one sample at " + r.samplingRate() + " Hz");
        }
        return fixedLength(r, window, step);
    }

    private static Epochs cut(Recording r, List<long[]> kept, List<String> labels, int startOffset, int length,
                              List<Epochs.Rejected> rejected) throws SignalException {
        long values = (long) kept.size() * r.channelCount() * length;
        if (values > Integer.MAX_VALUE * 8L) {
            throw new SignalException(null, kept.size() + " epochs x " + r.channelCount() + " channels x " + length
                    + " samples (" + values * 4 / (1 << 20) + " MiB) is too much to hold at once; cut fewer epochs "
                    + "or fewer channels at a time");
        }
        float[][][] data = new float[kept.size()][r.channelCount()][length];
        long[] onsets = new long[kept.size()];
        for (int e = 0; e < kept.size(); e++) {
            onsets[e] = kept.get(e)[0];
        }
        // one channel copied at a time, so the peak extra memory is the epochs plus one channel
        for (int c = 0; c < r.channelCount(); c++) {
            float[] channel = r.channelData(c);
            for (int e = 0; e < kept.size(); e++) {
                System.arraycopy(channel, (int) kept.get(e)[1], data[e][c], 0, length);
            }
        }
        return new Epochs(data, labels, onsets, startOffset, r.channelNames(), r.samplingRate(), rejected);
    }
}

package io.neurofm.signal;

import java.util.ArrayList;
import java.util.List;

/** Operations on annotation lists shared by every reader and transform. */
public final class Annotations {
    private Annotations() {
    }

    /**
     * The annotations of a window [from, to) seconds, with onsets made relative to {@code from}.
     * Instantaneous events count when from <= onset < to; spans that overlap the window are
     * clipped to it, as MNE's crop does, so no onset is negative and nothing runs past the end.
     */
    public static List<Annotation> window(List<Annotation> all, double from, double to) {
        List<Annotation> out = new ArrayList<>();
        for (Annotation a : all) {
            double onset = a.onsetSeconds();
            double end = onset + a.durationSeconds();
            boolean inside = a.durationSeconds() == 0 ? onset >= from && onset < to : onset < to && end > from;
            if (!inside) {
                continue;
            }
            double clippedOnset = Math.max(onset, from);
            double clippedEnd = Math.min(end, to);
            out.add(new Annotation(clippedOnset - from, clippedEnd - clippedOnset, a.description(), a.code()));
        }
        return out;
    }
}

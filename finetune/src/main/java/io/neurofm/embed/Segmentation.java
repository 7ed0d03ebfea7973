package io.neurofm.embed;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How a recording is cut before embedding: consecutive windows of the model's length, or epochs
 * around events.
 *
 * @param strideSeconds distance between window starts; 0 = the model's window length (windows only)
 * @param events        event description (or decimal code) -> label (a null label: the event's own
 *                      description); null for windows
 * @param tmin          epoch start relative to each event, seconds (epochs only)
 * @param tmax          epoch end relative to each event, inclusive as in MNE (epochs only)
 */
public record Segmentation(double strideSeconds, Map<String, String> events, double tmin, double tmax) {
    public Segmentation {
        if (events != null) {
            if (events.isEmpty()) {
                throw new IllegalArgumentException("epochs need at least one event");
            }
            if (!(tmin < tmax) || !Double.isFinite(tmin) || !Double.isFinite(tmax)) {
                throw new IllegalArgumentException("epochs need finite tmin < tmax, got " + tmin + ", " + tmax);
            }
            events = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(events));
        } else if (!(strideSeconds >= 0) || Double.isInfinite(strideSeconds)) {
            throw new IllegalArgumentException("the stride must be >= 0 seconds, got " + strideSeconds);
        }
    }

    public static Segmentation windows(double strideSeconds) {
        return new Segmentation(strideSeconds, null, 0, 0);
    }

    public static Segmentation epochs(Map<String, String> events, double tmin, double tmax) {
        return new Segmentation(0, events, tmin, tmax);
    }

    public boolean isEpochs() {
        return events != null;
    }

    /** For sidecars and reports. */
    public String describe() {
        if (isEpochs()) {
            return "epochs " + tmin + " to " + tmax + " s around events " + events.keySet();
        }
        return "consecutive windows of the model's length"
                + (strideSeconds > 0 ? ", stride " + strideSeconds + " s" : ", no overlap");
    }
}

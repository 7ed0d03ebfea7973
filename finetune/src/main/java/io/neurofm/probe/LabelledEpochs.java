package io.neurofm.probe;

import io.neurofm.dsp.Epocher;
import io.neurofm.dsp.Epochs;
import io.neurofm.signal.Recording;
import io.neurofm.signal.SignalException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Epochs cut around labelled events, with their class indices: shared by the band-power baseline
 * and fine-tuning so both read events and labels the same way.
 *
 * @param epochs      the epochs ({@link Epocher#byAnnotations}: MNE's inclusive tmax)
 * @param labels      class index of each epoch
 * @param classNames  classes in the order of their first appearance in the event map
 */
public record LabelledEpochs(Epochs epochs, int[] labels, List<String> classNames) {

    /**
     * @param events event description (e.g. "0x0301", or a decimal code) -> class name; classes are
     *               numbered in the map's iteration order of first appearance
     */
    public static LabelledEpochs cut(Recording recording, Map<String, String> events, double tmin, double tmax)
            throws SignalException {
        if (events.isEmpty()) {
            throw new IllegalArgumentException("need at least one event");
        }
        Map<String, Integer> classIndex = new LinkedHashMap<>();
        for (String name : events.values()) {
            classIndex.putIfAbsent(name, classIndex.size());
        }
        Epochs epochs = Epocher.byAnnotations(recording, events.keySet(), tmin, tmax);
        if (epochs.epochCount() == 0) {
            throw new IllegalArgumentException("no epochs: none of the events " + events.keySet()
                    + " fits a window of " + tmin + ".." + tmax + " s" + (epochs.rejected().isEmpty() ? ""
                    : "; rejected: " + epochs.rejected()));
        }
        int[] labels = new int[epochs.epochCount()];
        for (int e = 0; e < labels.length; e++) {
            String className = events.get(epochs.labels().get(e));
            if (className == null) {
                throw new IllegalArgumentException("event '" + epochs.labels().get(e) + "' matched by its code; "
                        + "name events by their description as the recording gives it (one of "
                        + events.keySet() + " did not)");
            }
            labels[e] = classIndex.get(className);
        }
        return new LabelledEpochs(epochs, labels, List.copyOf(classIndex.keySet()));
    }
}

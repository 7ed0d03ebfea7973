package io.neurofm.embed;

import io.neurofm.dsp.Epocher;
import io.neurofm.dsp.Epochs;
import io.neurofm.inference.EmbeddingModel;
import io.neurofm.inference.PreparedWindow;
import io.neurofm.signal.Recording;
import io.neurofm.signal.SignalException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * One recording cut the model's way, ready to embed.
 *
 * @param windows      prepared windows (the model's rate, channels, filters, positions)
 * @param labels       per window, the epoch's label, or "" for plain windows
 * @param rejected     events whose epoch did not fit inside the recording, with the reason
 */
public record Segments(List<PreparedWindow> windows, List<String> labels, List<String> rejected) {
    public Segments {
        windows = List.copyOf(windows);
        labels = List.copyOf(labels);
        rejected = List.copyOf(rejected);
        if (labels.size() != windows.size()) {
            throw new IllegalArgumentException(windows.size() + " windows but " + labels.size() + " labels");
        }
    }

    /**
     * Windows via {@link EmbeddingModel#windows}, or epochs cut from
     * {@link EmbeddingModel#prepareRecording} (so the model's filters run over the whole recording,
     * not each epoch) at the model's rate with MNE's sample rounding ({@link Epocher}).
     */
    public static Segments cut(EmbeddingModel model, Recording recording, Segmentation how) throws SignalException {
        if (!how.isEpochs()) {
            double rate = model.description().samplingRate();
            int stride = (int) Math.rint(how.strideSeconds() * rate);
            if (how.strideSeconds() > 0 && stride < 1) {
                throw new IllegalArgumentException("a stride of " + how.strideSeconds() + " s is under one sample at "
                        + rate + " Hz");
            }
            List<PreparedWindow> windows = model.windows(recording, stride);
            return new Segments(windows, Collections.nCopies(windows.size(), ""), List.of());
        }
        Recording prepared = model.prepareRecording(recording);
        Epochs epochs = Epocher.byAnnotations(prepared, how.events().keySet(), how.tmin(), how.tmax());
        List<Integer> starts = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        for (int e = 0; e < epochs.epochCount(); e++) {
            starts.add((int) (epochs.onsetSamples()[e] + epochs.startOffset()));
            String description = epochs.labels().get(e);
            String label = how.events().get(description);
            if (label == null && how.events().values().stream().allMatch(Objects::isNull)) {
                label = description;
            } else if (label == null) {
                throw new IllegalArgumentException("event '" + epochs.labels().get(e) + "' matched by its code; name "
                        + "events by their description as the recording gives it (one of " + how.events().keySet()
                        + " did not)");
            }
            labels.add(label);
        }
        List<String> rejected = epochs.rejected().stream()
                .map(r -> r.label() + " at " + r.onsetSeconds() + " s: " + r.reason()).toList();
        List<PreparedWindow> windows = starts.isEmpty() ? List.of()
                : PreparedWindow.slices(prepared, starts, epochs.epochLength());
        return new Segments(windows, labels, rejected);
    }

    /** The channels the model used (those of the first window), or none when nothing was cut. */
    public List<String> channels() {
        return windows.isEmpty() ? List.of() : windows.get(0).channels();
    }

    public int size() {
        return windows.size();
    }
}

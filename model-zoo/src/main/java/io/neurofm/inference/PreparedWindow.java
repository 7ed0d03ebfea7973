package io.neurofm.inference;

import io.neurofm.signal.Position;
import io.neurofm.signal.Recording;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A window after the artifact's preprocessing (names normalised, resampled, filtered, normalised),
 * at the model's sampling rate, ready for a family's embedder.
 *
 * @param samples      [channels][samples] at the model's rate
 * @param channels     normalised channel names, one per row
 * @param positions    one per row, null where unknown (after the standard-montage lookup)
 * @param startSeconds where the window starts in its source recording (0 for a client window)
 */
public record PreparedWindow(float[][] samples, List<String> channels, List<Position> positions,
        double startSeconds) {
    public PreparedWindow {
        channels = List.copyOf(channels);
        positions = Collections.unmodifiableList(new ArrayList<>(positions));
        if (samples.length != channels.size() || positions.size() != channels.size()) {
            throw new IllegalArgumentException(samples.length + " rows, " + channels.size() + " names, "
                    + positions.size() + " positions: they must agree");
        }
    }

    /**
     * Windows of {@code length} samples starting at each of {@code starts}, cut from a recording that
     * {@link EmbeddingModel#prepareRecording} returned: for callers that cut their own epochs (around
     * events, say). Positions are found as {@link EmbeddingModel#windows} finds them.
     */
    public static List<PreparedWindow> slices(Recording prepared, List<Integer> starts, int length) {
        float[][] all = prepared.samples();
        List<Position> positions = ArtifactPreprocessing.positions(prepared);
        List<PreparedWindow> out = new ArrayList<>(starts.size());
        for (int from : starts) {
            if (from < 0 || length < 1 || from + length > prepared.sampleCount()) {
                throw new IllegalArgumentException("samples " + from + ".." + (from + length - 1)
                        + " are outside the " + prepared.sampleCount() + " prepared samples");
            }
            float[][] samples = new float[all.length][length];
            for (int c = 0; c < all.length; c++) {
                System.arraycopy(all[c], from, samples[c], 0, length);
            }
            out.add(new PreparedWindow(samples, prepared.channelNames(), positions,
                    prepared.startSeconds() + from / prepared.samplingRate()));
        }
        return out;
    }

    public int sampleCount() {
        return samples.length == 0 ? 0 : samples[0].length;
    }
}

package io.neurofm.inference;

import io.neurofm.signal.Position;
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

    public int sampleCount() {
        return samples.length == 0 ? 0 : samples[0].length;
    }
}

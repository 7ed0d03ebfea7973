package io.neurofm.montage;

import io.neurofm.signal.ChannelType;
import io.neurofm.signal.Position;
import java.util.Objects;

/**
 * One line of a user channel map.
 *
 * @param original the channel name in the recording, matched exactly
 * @param name     the new name (may equal {@code original} to only set type or position)
 * @param type     the new type, or null to keep it
 * @param position an explicit head-frame position in metres, or null
 * @param montage  a standard montage to take the position of {@code name} from, or null;
 *                 at most one of {@code position} and {@code montage} is given
 */
public record ChannelMapEntry(String original, String name, ChannelType type, Position position,
                              StandardMontage montage) {
    public ChannelMapEntry {
        Objects.requireNonNull(original, "original");
        Objects.requireNonNull(name, "name");
        if (original.isBlank() || name.isBlank()) {
            throw new IllegalArgumentException("channel names must not be blank");
        }
        if (position != null && montage != null) {
            throw new IllegalArgumentException("channel " + original + ": give a position or a montage, not both");
        }
    }
}

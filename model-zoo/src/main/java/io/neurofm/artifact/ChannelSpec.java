package io.neurofm.artifact;

import io.neurofm.signal.Channel;
import io.neurofm.signal.ChannelType;
import io.neurofm.signal.Position;
import java.util.Objects;

/**
 * One input channel a model expects, in order.
 *
 * @param position head-frame position in metres, null when the training data had none
 */
public record ChannelSpec(String name, ChannelType type, String unit, Position position) {
    public ChannelSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(unit, "unit");
        if (name.isBlank()) {
            throw new IllegalArgumentException("channel name must not be blank");
        }
    }

    public static ChannelSpec of(Channel channel) {
        return new ChannelSpec(channel.name(), channel.type(), channel.unit(), channel.position());
    }
}

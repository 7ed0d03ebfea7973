package io.neurofm.montage;

import io.neurofm.signal.Position;
import java.util.Objects;
import java.util.Set;

/**
 * One electrode of the bundled standard table.
 *
 * @param name     canonical spelling (the table's case: "FCz", "AFp3h", "Iz")
 * @param position head-frame position in metres (MNE's head frame)
 * @param systems  the standard systems that name this electrode
 * @param sameAs   preferred name of an electrode at the identical position (T3 is T7), or null
 */
public record Electrode(String name, Position position, Set<StandardMontage> systems, String sameAs) {
    public Electrode {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(position, "position");
        systems = Set.copyOf(systems);
    }

    /** The name matching treats this electrode as: {@link #sameAs()} when set, else {@link #name()}. */
    public String preferredName() {
        return sameAs == null ? name : sameAs;
    }

    public boolean isIn(StandardMontage montage) {
        return systems.contains(montage);
    }
}

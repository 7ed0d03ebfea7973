package io.neurofm.montage;

import io.neurofm.signal.Position;
import java.util.Objects;

/** A sphere in head coordinates, metres. */
public record Sphere(Position centre, double radius) {
    public Sphere {
        Objects.requireNonNull(centre, "centre");
        if (!(radius > 0) || !Double.isFinite(radius)) {
            throw new IllegalArgumentException("radius must be positive, got " + radius);
        }
    }
}

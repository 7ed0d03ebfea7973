package io.neurofm.signal;

/**
 * A 3D sensor position in metres. EEG electrodes are in head coordinates (x right, y nasion, z up),
 * as MNE uses; MEG sensors keep the device frame their file gives (the FIF reader says so in a
 * header property), since the device-to-head transform is per session.
 */
public record Position(double x, double y, double z) {
    public Position {
        if (!Double.isFinite(x) || !Double.isFinite(y) || !Double.isFinite(z)) {
            throw new IllegalArgumentException("position must be finite, got (" + x + ", " + y + ", " + z + ")");
        }
    }

    public double distanceTo(Position other) {
        double dx = x - other.x;
        double dy = y - other.y;
        double dz = z - other.z;
        return Math.sqrt(dx * dx + dy * dy + dz * dz);
    }

    public double norm() {
        return Math.sqrt(x * x + y * y + z * z);
    }
}

package io.neurofm.probe.baseline;

import java.util.List;

/** A frequency band in Hz, [low, high]. */
public record Band(String name, double low, double high) {
    /** theta, mu/alpha and beta: the bands of the classic motor-imagery band-power features. */
    public static final List<Band> MOTOR_IMAGERY = List.of(new Band("theta", 4, 8), new Band("mu", 8, 13),
            new Band("beta", 13, 30));

    public Band {
        if (!(low > 0 && low < high) || !Double.isFinite(high)) {
            throw new IllegalArgumentException("band " + name + " needs 0 < low < high, got " + low + ".." + high);
        }
    }

    /** "LOW-HIGH" in Hz, e.g. "8-13"; the name is the text itself. */
    public static Band parse(String text) {
        String[] parts = text.trim().split("-");
        if (parts.length != 2) {
            throw new IllegalArgumentException("a band is LOW-HIGH in Hz, e.g. 8-13; got '" + text + "'");
        }
        try {
            return new Band(text.trim(), Double.parseDouble(parts[0]), Double.parseDouble(parts[1]));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("a band is LOW-HIGH in Hz, e.g. 8-13; got '" + text + "'", e);
        }
    }
}

package io.neurofm.signal.io.edf;

import java.util.Map;

/**
 * Physical dimensions of EDF signals and their factor to SI. Voltages are converted to volts
 * (MNE's convention); any other unit is kept as written with factor 1.
 *
 * <p>MNE 1.3 recognises "uV", "µV" (Latin-1 0xB5, Greek mu, Shift-JIS mu) and "mV". We also take
 * "V", "nV" and a UTF-8 encoded micro sign read as Latin-1 ("Âµ"), which MNE leaves unscaled.
 */
final class EdfUnits {
    /** Factor to volts of each voltage spelling. */
    private static final Map<String, Double> VOLTS = Map.ofEntries(
            Map.entry("V", 1.0),
            Map.entry("mV", 1e-3),
            Map.entry("uV", 1e-6),
            Map.entry("\u00B5V", 1e-6),
            Map.entry("\u03BCV", 1e-6),
            Map.entry("\u0083\u00CAV", 1e-6),
            Map.entry("\u00C2\u00B5V", 1e-6),
            Map.entry("\u00CE\u00BCV", 1e-6),
            Map.entry("nV", 1e-9));

    /** The unit a channel reports and the factor taking file values to it. */
    record Scale(String unit, double factor, boolean volts) {
    }

    private EdfUnits() {
    }

    static Scale of(String physicalDimension) {
        Double factor = VOLTS.get(physicalDimension);
        if (factor != null) {
            return new Scale("V", factor, true);
        }
        return new Scale(physicalDimension, 1.0, false);
    }
}

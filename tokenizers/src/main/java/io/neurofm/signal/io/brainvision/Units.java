package io.neurofm.signal.io.brainvision;

import java.util.Map;

/**
 * BrainVision unit strings and the factor that brings samples to SI, following MNE's table
 * (mne/io/brainvision/brainvision.py, {@code _unit_dict}): units MNE does not list keep factor 1.
 */
final class Units {
    private static final String MICRO = "\u00b5";
    /** Greek small mu, which some exporters write instead of the micro sign. */
    private static final String GREEK_MU = "\u03bc";

    private static final Map<String, Double> FACTOR = Map.of(
            "V", 1.0,
            MICRO + "V", 1e-6,
            "uV", 1e-6,
            "mV", 1e-3,
            "nV", 1e-9,
            MICRO + "S", 1e-6,
            "uS", 1e-6);

    private Units() {
    }

    /**
     * The unit as MNE compares it: a UTF-8 micro sign decoded as Latin-1 leaves a stray "Â"
     * (0xC2) in front, which MNE removes; a Greek mu is read as the micro sign.
     */
    static String normalise(String unit) {
        return unit.replace("\u00c2", "").replace(GREEK_MU, MICRO);
    }

    /** True for the voltage units; a channel with any other unit is MISC, as MNE's misc='auto' does. */
    static boolean isVoltage(String unit) {
        String u = normalise(unit);
        return u.equals("V") || u.equals("mV") || u.equals(MICRO + "V") || u.equals("uV") || u.equals("nV");
    }

    /** Multiply a value in {@code unit} by this to get the value in {@link #siUnit(String)}. */
    static double factor(String unit) {
        return FACTOR.getOrDefault(normalise(unit), 1.0);
    }

    /** The unit samples carry after {@link #factor}: "V", "S", or the header's own string when unscaled. */
    static String siUnit(String unit) {
        String u = normalise(unit);
        if (isVoltage(u)) {
            return "V";
        }
        if (u.equals(MICRO + "S") || u.equals("uS")) {
            return "S";
        }
        return u;
    }
}

package io.neurofm.artifact;

import io.neurofm.dsp.Filters;
import io.neurofm.signal.Recording;
import io.neurofm.signal.SignalException;
import java.util.List;
import java.util.Objects;

/**
 * One filter of a model's preprocessing, in the terms of {@link Filters}: a zero-phase Butterworth
 * ("highpass", "lowpass", "bandpass", "bandstop", with its order) or an IIR notch ("notch", with
 * its quality factor q and whether harmonics are notched too).
 *
 * @param frequencies cutoffs in Hz: one for highpass, lowpass and notch, two (low, high) for band filters
 * @param order       Butterworth order; 0 for a notch
 * @param q           notch quality factor; 0 for Butterworth filters
 * @param harmonics   whether a notch also removes 2f, 3f, ... below Nyquist; false for Butterworth filters
 */
public record FilterSpec(String type, List<Double> frequencies, int order, double q, boolean harmonics) {
    public FilterSpec {
        Objects.requireNonNull(type, "type");
        frequencies = List.copyOf(frequencies);
        for (double f : frequencies) {
            if (!(f > 0) || !Double.isFinite(f)) {
                throw new IllegalArgumentException(type + " filter: frequencies must be positive and finite, got "
                        + frequencies);
            }
        }
        int expected = switch (type) {
            case "highpass", "lowpass", "notch" -> 1;
            case "bandpass", "bandstop" -> 2;
            default -> throw new IllegalArgumentException("filter type must be highpass, lowpass, bandpass, bandstop "
                    + "or notch, got \"" + type + "\"");
        };
        if (frequencies.size() != expected) {
            throw new IllegalArgumentException(type + " filter needs " + expected + " frequencies, got " + frequencies);
        }
        if (expected == 2 && !(frequencies.get(0) < frequencies.get(1))) {
            throw new IllegalArgumentException(type + " filter: low " + frequencies.get(0) + " Hz must be below high "
                    + frequencies.get(1) + " Hz");
        }
        if (type.equals("notch")) {
            if (!(q > 0) || !Double.isFinite(q) || order != 0) {
                throw new IllegalArgumentException("notch filter needs a positive finite q and order 0, got q=" + q
                        + " order=" + order);
            }
        } else if (order <= 0 || q != 0 || harmonics) {
            throw new IllegalArgumentException(type + " filter needs a positive order, q 0 and no harmonics, got order="
                    + order + " q=" + q + " harmonics=" + harmonics);
        }
    }

    public static FilterSpec highpass(double cutoff, int order) {
        return new FilterSpec("highpass", List.of(cutoff), order, 0, false);
    }

    public static FilterSpec lowpass(double cutoff, int order) {
        return new FilterSpec("lowpass", List.of(cutoff), order, 0, false);
    }

    public static FilterSpec bandpass(double low, double high, int order) {
        return new FilterSpec("bandpass", List.of(low, high), order, 0, false);
    }

    public static FilterSpec bandstop(double low, double high, int order) {
        return new FilterSpec("bandstop", List.of(low, high), order, 0, false);
    }

    public static FilterSpec notch(double freq, double q, boolean harmonics) {
        return new FilterSpec("notch", List.of(freq), 0, q, harmonics);
    }

    /** Applies this filter with {@link Filters}, exactly as training did. */
    public Recording apply(Recording r) throws SignalException {
        return switch (type) {
            case "highpass" -> Filters.highpass(r, frequencies.get(0), order);
            case "lowpass" -> Filters.lowpass(r, frequencies.get(0), order);
            case "bandpass" -> Filters.bandpass(r, frequencies.get(0), frequencies.get(1), order);
            case "bandstop" -> Filters.bandstop(r, frequencies.get(0), frequencies.get(1), order);
            case "notch" -> Filters.notch(r, frequencies.get(0), q, harmonics);
            default -> throw new IllegalStateException("unreachable: type checked in the constructor");
        };
    }
}

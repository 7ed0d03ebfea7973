package io.neurofm.signal.io.edf;

import io.neurofm.signal.Channel;
import io.neurofm.signal.ChannelType;
import io.neurofm.signal.SignalException;
import java.math.RoundingMode;

/**
 * How the writer stores one channel as a 16-bit EDF signal: the label, the physical dimension
 * written in the header, the factor from the channel's unit to it, and the ranges. The physical
 * range is kept as the exact header text so samples are quantised against the numbers a reader
 * will see.
 *
 * @param factor      multiplies a sample (channel unit) to get the value in {@code dimension}
 * @param physicalMin header text, e.g. "-312.5"
 */
public record EdfOutputSignal(String label, String dimension, double factor, String physicalMin,
                              String physicalMax, int digitalMin, int digitalMax) {
    static final int DIGITAL_MIN = -32768;
    static final int DIGITAL_MAX = 32767;
    private static final String[][] VOLT_UNITS = {{"uV", "1e6"}, {"mV", "1e3"}, {"V", "1"}};

    public EdfOutputSignal {
        EdfHeaderWriter.requireAscii("label", label, 16);
        EdfHeaderWriter.requireAscii("physical dimension", dimension, 8);
        double lo = Double.parseDouble(physicalMin);
        double hi = Double.parseDouble(physicalMax);
        if (!(lo < hi) || physicalMin.length() > 8 || physicalMax.length() > 8) {
            throw new IllegalArgumentException("signal " + label + ": physical range [" + physicalMin + ", "
                    + physicalMax + "] must be increasing and at most 8 characters each");
        }
        if (digitalMin < DIGITAL_MIN || digitalMax > DIGITAL_MAX || digitalMin >= digitalMax) {
            throw new IllegalArgumentException("signal " + label + ": digital range [" + digitalMin + ", "
                    + digitalMax + "] must be increasing within 16 bits");
        }
        if (!(factor > 0) || !Double.isFinite(factor)) {
            throw new IllegalArgumentException("signal " + label + ": factor must be positive, got " + factor);
        }
    }

    double physicalMinValue() {
        return Double.parseDouble(physicalMin);
    }

    double physicalMaxValue() {
        return Double.parseDouble(physicalMax);
    }

    /** One digital step in the channel's unit: the best precision a reader gets back. */
    public double quantisationStep() {
        return (physicalMaxValue() - physicalMinValue()) / (digitalMax - digitalMin) / factor;
    }

    /**
     * The tightest signal for a channel whose samples span [min, max] (in the channel's unit).
     * Volts are written as uV, mV or V, whichever keeps the range in 8 characters; STIM and MISC
     * channels holding only 16-bit integers are stored exactly (physical = digital).
     */
    public static EdfOutputSignal fitting(Channel channel, double min, double max, boolean integers)
            throws SignalException {
        String name = channel.name();
        if (!(min <= max) || !Double.isFinite(min) || !Double.isFinite(max)) {
            throw new SignalException(null, "channel " + name + ": samples must be finite to write EDF, range ["
                    + min + ", " + max + "]");
        }
        boolean codes = channel.type() == ChannelType.STIM || channel.type() == ChannelType.MISC;
        if (codes && integers && min >= DIGITAL_MIN && max <= DIGITAL_MAX) {
            return new EdfOutputSignal(name, channel.unit(), 1, String.valueOf(DIGITAL_MIN),
                    String.valueOf(DIGITAL_MAX), DIGITAL_MIN, DIGITAL_MAX);
        }
        if (channel.unit().equals("V")) {
            for (String[] unit : VOLT_UNITS) {
                EdfOutputSignal s = ranged(name, unit[0], Double.parseDouble(unit[1]), min, max);
                if (s != null) {
                    return s;
                }
            }
        } else {
            EdfOutputSignal s = ranged(name, channel.unit(), 1, min, max);
            if (s != null) {
                return s;
            }
        }
        throw new SignalException(null, "channel " + name + ": range [" + min + ", " + max + "] " + channel.unit()
                + " cannot be written in EDF's 8-character physical range fields");
    }

    private static EdfOutputSignal ranged(String name, String dimension, double factor, double min, double max) {
        double lo = min * factor;
        double hi = max * factor;
        if (lo == hi) {
            // a flat channel still needs a non-empty range; one unit either side is plenty
            lo -= 1;
            hi += 1;
        }
        String loText = EdfNumbers.fit(lo, RoundingMode.FLOOR, 8);
        String hiText = EdfNumbers.fit(hi, RoundingMode.CEILING, 8);
        if (loText == null || hiText == null) {
            return null;
        }
        double written = Double.parseDouble(hiText) - Double.parseDouble(loText);
        // 8 characters may not resolve a tiny range around a large offset: refuse rather than
        // spread the data over a few digital steps
        if (!(written > 0) || written > 100 * (hi - lo)) {
            return null;
        }
        return new EdfOutputSignal(name, dimension, factor, loText, hiText, DIGITAL_MIN, DIGITAL_MAX);
    }

    /** The range of one channel's samples and whether they are all integers; NaN bounds if any is not finite. */
    static double[] scan(float[] samples, int from, int count) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        boolean integers = true;
        for (int i = from; i < from + count; i++) {
            float v = samples[i];
            if (!Float.isFinite(v)) {
                return new double[] {Double.NaN, Double.NaN, 0};
            }
            min = Math.min(min, v);
            max = Math.max(max, v);
            integers &= v == Math.rint(v);
        }
        if (count == 0) {
            return new double[] {0, 0, 1};
        }
        return new double[] {min, max, integers ? 1 : 0};
    }
}

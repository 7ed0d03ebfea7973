package io.neurofm.signal.io.edf;

/**
 * One signal of the header as the file states it (before unit conversion).
 *
 * @param index            position among all signals of the file, annotation signals included
 * @param label            label with surrounding spaces removed (not yet made unique)
 * @param physicalDimension unit text as written, e.g. "uV"
 * @param samplesPerRecord samples of this signal in each data record
 * @param offsetInRecord   first byte of this signal within a data record
 */
public record EdfSignal(int index, String label, String transducer, String physicalDimension,
                        double physicalMin, double physicalMax, double digitalMin, double digitalMax,
                        String prefiltering, int samplesPerRecord, long offsetInRecord) {

    static final String EDF_ANNOTATIONS = "EDF Annotations";
    static final String BDF_ANNOTATIONS = "BDF Annotations";

    /** True for the EDF+/BDF+ annotation signal, which holds TAL text instead of samples. */
    public boolean isAnnotation() {
        return label.equals(EDF_ANNOTATIONS) || label.equals(BDF_ANNOTATIONS);
    }

    /**
     * Physical range divided into digital range is undefined when either range is zero; MNE then
     * uses a range of 1 for the degenerate side, and so do we.
     */
    double physicalRange() {
        double range = physicalMax - physicalMin;
        return range == 0 ? 1 : range;
    }

    double digitalRange() {
        double range = digitalMax - digitalMin;
        return range == 0 ? 1 : range;
    }

    boolean hasDegenerateScaling() {
        return physicalMax == physicalMin || digitalMax == digitalMin;
    }
}

package io.neurofm.signal.io.gdf;

/**
 * One channel of the variable header, as the file states it.
 *
 * @param label             channel label (trimmed)
 * @param transducer        transducer type text
 * @param physicalDimension the dimension text (GDF 1; in GDF 2 the obsolete 6-byte field)
 * @param dimensionCode     GDF 2 physical dimension code (unit code | decimal prefix); 0 in GDF 1
 * @param physicalMin       physical value of {@code digitalMin}, in the stated unit
 * @param physicalMax       physical value of {@code digitalMax}
 * @param digitalMin        lowest digital value (int64 in GDF 1, float64 in GDF 2)
 * @param digitalMax        highest digital value
 * @param samplesPerRecord  samples of this channel in each data record
 * @param dataType          sample type
 * @param unit              the unit after scaling to SI, with its factor and channel type
 */
public record GdfChannelHeader(String label, String transducer, String physicalDimension, int dimensionCode,
                               double physicalMin, double physicalMax, double digitalMin, double digitalMax,
                               long samplesPerRecord, GdfDataType dataType, GdfUnit unit) {

    /** Digital-to-physical slope, (physMax - physMin) / (digMax - digMin). */
    public double gain() {
        return (physicalMax - physicalMin) / (digitalMax - digitalMin);
    }

    /** Physical value of digital 0, physMin - digMin * gain (MNE's "offsets"). */
    public double offset() {
        return physicalMin - digitalMin * gain();
    }

    /** Bytes this channel takes in one data record. */
    public long bytesPerRecord() {
        return samplesPerRecord * dataType.bytes();
    }
}

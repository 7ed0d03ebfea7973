package io.neurofm.signal.io.edf;

import java.time.LocalDateTime;
import java.util.List;

/**
 * The parsed fixed header and signal headers of an EDF, EDF+ or BDF file.
 *
 * @param bdf               24-bit samples (BDF) rather than 16-bit (EDF)
 * @param plus              EDF+ / BDF+ (reserved field starts with "EDF+" or "BDF+")
 * @param discontinuous     EDF+D / BDF+D: data records need not be contiguous in time
 * @param startDateTime     start of the first record to the second, null when the date is invalid
 * @param dataRecords       number of data records (computed from the file size when the header says -1)
 * @param declaredRecords   the header's own value (-1 while a recording was still running)
 * @param recordDuration    seconds per data record
 * @param recordDurationText the duration field as written (for exact onsets)
 * @param recordBytes       bytes of one data record
 * @param trailingBytes     bytes after the last whole record (only possible when declared -1)
 */
public record EdfHeader(boolean bdf, boolean plus, boolean discontinuous, String version, String patient,
                        String recording, String reserved, LocalDateTime startDateTime, int headerBytes,
                        long dataRecords, long declaredRecords, double recordDuration, String recordDurationText,
                        List<EdfSignal> signals, long recordBytes, long trailingBytes) {
    public EdfHeader {
        signals = List.copyOf(signals);
    }

    /** Bytes per sample: 2 for EDF, 3 for BDF. */
    public int sampleBytes() {
        return bdf ? 3 : 2;
    }

    /** "EDF", "EDF+C", "EDF+D", "BDF" or "BDF+", as the version and reserved fields say. */
    public String formatName() {
        if (bdf) {
            return plus ? "BDF+" : "BDF";
        }
        if (!plus) {
            return "EDF";
        }
        return discontinuous ? "EDF+D" : "EDF+C";
    }

    /** File offset of the first byte of the given signal in the given record. */
    long offsetOf(long record, EdfSignal signal) {
        return headerBytes + record * recordBytes + signal.offsetInRecord();
    }
}

package io.neurofm.signal.io.edf;

import io.neurofm.signal.Annotation;
import java.util.List;

/**
 * When each data record starts and the EDF+ annotations, in seconds from the start of the first
 * record (MNE's convention: the first record's time-keeping onset is subtracted).
 *
 * @param firstRecordOnset onset of record 0 after the header's start second (EDF+ sub-second start)
 * @param recordOnsets     onset of every record relative to record 0, only for discontinuous files
 *                         (null when records are contiguous: record r starts at r * duration)
 */
record EdfTimeline(double firstRecordOnset, double[] recordOnsets, double recordDuration,
                   List<Annotation> annotations) {

    static EdfTimeline continuous(double firstRecordOnset, double recordDuration, List<Annotation> annotations) {
        return new EdfTimeline(firstRecordOnset, null, recordDuration, annotations);
    }

    boolean discontinuous() {
        return recordOnsets != null;
    }

    /** Start of record {@code r} relative to record 0. */
    double recordOnset(long r) {
        return recordOnsets == null ? r * recordDuration : recordOnsets[(int) r];
    }

    /**
     * Where a time (seconds from record 0) falls on the concatenated-samples timeline: in a
     * discontinuous file a time inside record r maps to {@code r * duration + (t - onset_r)}, and a
     * time inside a gap maps to the start of the next record.
     */
    double toSampleTime(double t) {
        if (recordOnsets == null || recordOnsets.length == 0 || t <= 0) {
            return t;
        }
        int lo = 0;
        int hi = recordOnsets.length - 1;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (recordOnsets[mid] <= t) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        double inRecord = t - recordOnsets[lo];
        return lo * recordDuration + Math.min(inRecord, recordDuration);
    }
}

package io.neurofm.signal.io.edf;

import io.neurofm.signal.Annotation;
import io.neurofm.signal.Recording;
import io.neurofm.signal.SignalException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What {@link EdfWriter} writes: the signals with their ranges, the rate and record size, EDF or
 * EDF+C, annotations (EDF+ only), the start time and the patient code.
 *
 * @param samplesPerRecord   samples of each signal per data record; {@code samplesPerRecord / rate}
 *                           must be a decimal of at most 8 characters that reads back to the same rate
 * @param recordDurationText the header's duration field, derived from the two above
 * @param startTime          first sample's wall-clock time, or null (written as 01.01.85 00.00.00)
 * @param patientCode        EDF+ patient code ("X" when unknown)
 */
public record EdfLayout(List<EdfOutputSignal> signals, double samplingRate, int samplesPerRecord,
                        String recordDurationText, boolean plus, List<Annotation> annotations, Instant startTime,
                        String patientCode) {
    /** Records of whole runs of data stay below this (EDF's traditional 61440-byte advice is too small for 64+ channels). */
    static final long MAX_RECORD_BYTES = 8L << 20;

    public EdfLayout {
        signals = List.copyOf(signals);
        annotations = List.copyOf(annotations);
        if (signals.isEmpty()) {
            throw new IllegalArgumentException("an EDF file needs at least one signal");
        }
        if (signals.size() > EdfHeaderParser.MAX_SIGNALS - 1) {
            throw new IllegalArgumentException("EDF holds at most " + (EdfHeaderParser.MAX_SIGNALS - 1)
                    + " signals besides annotations, got " + signals.size());
        }
        if (samplesPerRecord < 1 || samplesPerRecord > EdfHeaderParser.MAX_SAMPLES_PER_RECORD) {
            throw new IllegalArgumentException("samples per record must be in 1.."
                    + EdfHeaderParser.MAX_SAMPLES_PER_RECORD + ", got " + samplesPerRecord);
        }
        String exact = durationText(samplesPerRecord, samplingRate);
        if (exact == null || !exact.equals(recordDurationText)) {
            throw new IllegalArgumentException(samplesPerRecord + " samples at " + samplingRate + " Hz do not make a"
                    + " record duration that EDF's 8-character field holds exactly"
                    + (exact == null ? "" : " (use \"" + exact + "\")"));
        }
        if (!plus && !annotations.isEmpty()) {
            throw new IllegalArgumentException("plain EDF cannot hold annotations; write EDF+ instead");
        }
        EdfHeaderWriter.requireAscii("patient code", patientCode, 80);
        if (patientCode.isEmpty() || patientCode.contains(" ")) {
            throw new IllegalArgumentException("patient code must be one word (EDF+ replaces spaces with '_'), got \""
                    + patientCode + "\"");
        }
    }

    /** EDF+C, no annotations, start unknown, patient "X". */
    public static EdfLayout of(List<EdfOutputSignal> signals, double samplingRate, int samplesPerRecord) {
        String text = durationText(samplesPerRecord, samplingRate);
        if (text == null) {
            throw new IllegalArgumentException(samplesPerRecord + " samples at " + samplingRate
                    + " Hz do not make a record duration that EDF's 8-character field holds exactly");
        }
        return new EdfLayout(signals, samplingRate, samplesPerRecord, text, true, List.of(), null, "X");
    }

    /**
     * The layout that stores this recording as tightly as 16 bits allow: each channel's range fitted
     * to its samples, records near one second whose size divides the recording, its annotations,
     * start time and subject as patient code, as EDF+C.
     */
    public static EdfLayout fitting(Recording recording) throws SignalException {
        List<EdfOutputSignal> signals = new ArrayList<>();
        for (int c = 0; c < recording.channelCount(); c++) {
            float[] data = recording.channelData(c);
            double[] scan = EdfOutputSignal.scan(data, 0, data.length);
            signals.add(EdfOutputSignal.fitting(recording.channel(c), scan[0], scan[1], scan[2] == 1));
        }
        int spr = samplesPerRecord(recording.samplingRate(), recording.sampleCount(), recording.channelCount());
        String subject = recording.ids().subject();
        String code = subject == null || subject.isBlank() ? "X" : subject.strip().replace(' ', '_');
        return new EdfLayout(signals, recording.samplingRate(), spr, durationText(spr, recording.samplingRate()), true,
                recording.annotations(), recording.startTime(), code);
    }

    public EdfLayout withPlus(boolean edfPlus) {
        return new EdfLayout(signals, samplingRate, samplesPerRecord, recordDurationText, edfPlus,
                edfPlus ? annotations : List.of(), startTime, patientCode);
    }

    public EdfLayout withAnnotations(List<Annotation> newAnnotations) {
        return new EdfLayout(signals, samplingRate, samplesPerRecord, recordDurationText, plus, newAnnotations,
                startTime, patientCode);
    }

    public EdfLayout withStartTime(Instant newStart) {
        return new EdfLayout(signals, samplingRate, samplesPerRecord, recordDurationText, plus, annotations,
                newStart, patientCode);
    }

    public EdfLayout withPatientCode(String code) {
        return new EdfLayout(signals, samplingRate, samplesPerRecord, recordDurationText, plus, annotations,
                startTime, code);
    }

    public double recordDuration() {
        return Double.parseDouble(recordDurationText);
    }

    /** Bytes of one data record, the annotation signal excluded. */
    long dataBytesPerRecord() {
        return 2L * samplesPerRecord * signals.size();
    }

    String patientField() {
        return patientCode + " X X X";
    }

    /**
     * The 8-character duration of {@code spr} samples at {@code rate}, or null when no such text
     * reads back to exactly this rate (the reader computes rate = spr / duration).
     */
    static String durationText(int spr, double rate) {
        if (!(rate > 0) || !Double.isFinite(rate)) {
            return null;
        }
        BigDecimal seconds = new BigDecimal(spr).divide(new BigDecimal(rate), 20, RoundingMode.HALF_EVEN);
        for (int scale = 7; scale >= 0; scale--) {
            String text = EdfNumbers.plain(seconds.setScale(scale, RoundingMode.HALF_EVEN));
            if (text.length() <= 8 && !text.equals("0") && spr / Double.parseDouble(text) == rate) {
                return text;
            }
        }
        return null;
    }

    /**
     * Samples per record for {@code total} samples: a divisor of the total (EDF files hold whole
     * records) whose duration is exact, as close to one second as possible.
     */
    static int samplesPerRecord(double rate, long total, int channels) throws SignalException {
        long limit = Math.max(1, Math.min(EdfHeaderParser.MAX_SAMPLES_PER_RECORD, MAX_RECORD_BYTES / (2L * channels)));
        int best = -1;
        double bestScore = Double.POSITIVE_INFINITY;
        if (total == 0) {
            for (long spr = 1; spr <= Math.min(limit, Math.max(1, (long) Math.ceil(rate) * 10)); spr++) {
                double score = score(spr, rate);
                if (score < bestScore && durationText((int) spr, rate) != null) {
                    best = (int) spr;
                    bestScore = score;
                }
            }
        } else {
            for (long d = 1; d * d <= total; d++) {
                if (total % d != 0) {
                    continue;
                }
                for (long spr : new long[] {d, total / d}) {
                    double score = score(spr, rate);
                    if (spr <= limit && score < bestScore && durationText((int) spr, rate) != null) {
                        best = (int) spr;
                        bestScore = score;
                    }
                }
            }
        }
        if (best < 0) {
            throw new SignalException(null, "no EDF record size fits " + total + " samples at " + rate
                    + " Hz: EDF needs whole records whose duration is an exact 8-character decimal");
        }
        return best;
    }

    private static double score(long spr, double rate) {
        return Math.abs(Math.log(spr / rate));
    }
}

package io.neurofm.signal.io.edf;

import io.neurofm.signal.Annotation;
import io.neurofm.signal.SignalFormatException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Reads the "EDF Annotations" / "BDF Annotations" signals of every data record: the record
 * onsets (each record's first TAL keeps its time) and the annotations.
 *
 * <p>Only the annotation bytes are read (one positioned read per record and annotation signal),
 * unless they make up most of each record, when whole runs of records are read at once.
 */
final class EdfAnnotationReader {
    /** Annotation signals may not claim more than this per record; real files use a few hundred bytes. */
    static final long MAX_TAL_BYTES_PER_RECORD = 16L << 20;
    private static final int CHUNK_BYTES = 8 << 20;

    private EdfAnnotationReader() {
    }

    static EdfTimeline read(Path file, FileChannel channel, EdfHeader header) throws IOException {
        List<EdfSignal> talSignals = header.signals().stream().filter(EdfSignal::isAnnotation).toList();
        if (talSignals.isEmpty()) {
            return EdfTimeline.continuous(0, header.recordDuration(), List.of());
        }
        int sampleBytes = header.sampleBytes();
        long talBytes = 0;
        for (EdfSignal s : talSignals) {
            talBytes += (long) s.samplesPerRecord() * sampleBytes;
            if (talBytes > MAX_TAL_BYTES_PER_RECORD) {
                throw new SignalFormatException(file, "number of samples in each data record of signal "
                        + (s.index() + 1), -1, "annotation signals of at most " + MAX_TAL_BYTES_PER_RECORD
                        + " bytes per record in all", talBytes + " bytes");
            }
        }
        long records = header.dataRecords();
        boolean discontinuous = header.discontinuous();
        double[] onsets = discontinuous ? new double[(int) records] : null;
        double firstOnset = Double.NaN;
        List<TalParser.Tal> tals = new ArrayList<>();

        RecordSource source = talBytes * 4 >= header.recordBytes()
                ? new ChunkedRecords(file, channel, header) : new PositionedTals(file, channel, header);
        for (long r = 0; r < records; r++) {
            boolean first = true;
            for (EdfSignal s : talSignals) {
                byte[] bytes = source.talBytes(r, s);
                List<TalParser.Tal> parsed = TalParser.parse(file, bytes, header.offsetOf(r, s));
                if (first) {
                    double keeping = timekeeping(parsed);
                    if (Double.isNaN(keeping) && discontinuous) {
                        throw new SignalFormatException(file, "EDF Annotations", header.offsetOf(r, s),
                                "a time-keeping TAL (+onset\\x14\\x14) first in every record of a discontinuous file",
                                parsed.isEmpty() ? "no TAL" : "a TAL with text");
                    }
                    if (r == 0) {
                        firstOnset = keeping;
                    }
                    if (discontinuous) {
                        onsets[(int) r] = keeping;
                    }
                    first = false;
                }
                tals.addAll(parsed);
            }
        }
        double offset = Double.isNaN(firstOnset) ? 0 : firstOnset;
        if (!(offset >= 0 && offset < 1)) {
            EdfSignal first = talSignals.get(0);
            throw new SignalFormatException(file, "EDF Annotations", header.offsetOf(0, first),
                    "a first record onset +0.X (the sub-second part of the start time)", "+" + offset);
        }
        if (discontinuous) {
            checkOrder(file, header, onsets);
            for (int r = 0; r < onsets.length; r++) {
                onsets[r] -= offset;
            }
        }
        List<Annotation> annotations = new ArrayList<>();
        for (TalParser.Tal tal : tals) {
            for (String text : tal.texts()) {
                if (!text.isEmpty()) {
                    annotations.add(Annotation.of(tal.onset() - offset, tal.duration(), text));
                }
            }
        }
        annotations.sort(Comparator.comparingDouble(Annotation::onsetSeconds));
        return new EdfTimeline(offset, onsets, header.recordDuration(), annotations);
    }

    /** The onset of a record's time-keeping TAL (first TAL, empty first text), or NaN. */
    private static double timekeeping(List<TalParser.Tal> tals) {
        if (tals.isEmpty()) {
            return Double.NaN;
        }
        TalParser.Tal tal = tals.get(0);
        return tal.texts().get(0).isEmpty() ? tal.onset() : Double.NaN;
    }

    private static void checkOrder(Path file, EdfHeader header, double[] onsets) throws SignalFormatException {
        EdfSignal tal = header.signals().stream().filter(EdfSignal::isAnnotation).findFirst().orElseThrow();
        for (int r = 1; r < onsets.length; r++) {
            double earliest = onsets[r - 1] + header.recordDuration();
            // onsets are decimal text: allow for their rounding when records touch
            if (onsets[r] < earliest - 1e-9 * Math.max(1, Math.abs(earliest))) {
                throw new SignalFormatException(file, "EDF Annotations", header.offsetOf(r, tal),
                        "record onsets in time order without overlap (record " + r + " at or after "
                                + earliest + " s)", onsets[r] + " s");
            }
        }
    }

    private interface RecordSource {
        byte[] talBytes(long record, EdfSignal signal) throws IOException;
    }

    /** One positioned read per record and annotation signal. */
    private static final class PositionedTals implements RecordSource {
        private final Path file;
        private final FileChannel channel;
        private final EdfHeader header;

        PositionedTals(Path file, FileChannel channel, EdfHeader header) {
            this.file = file;
            this.channel = channel;
            this.header = header;
        }

        @Override
        public byte[] talBytes(long record, EdfSignal signal) throws IOException {
            int length = signal.samplesPerRecord() * header.sampleBytes();
            return EdfHeaderParser.readFully(file, channel, header.offsetOf(record, signal), length);
        }
    }

    /** Reads runs of whole records (annotations are most of each record). */
    private static final class ChunkedRecords implements RecordSource {
        private final Path file;
        private final FileChannel channel;
        private final EdfHeader header;
        private final int recordsPerChunk;
        private ByteBuffer chunk;
        private long chunkStart = -1;

        ChunkedRecords(Path file, FileChannel channel, EdfHeader header) {
            this.file = file;
            this.channel = channel;
            this.header = header;
            this.recordsPerChunk = (int) Math.max(1, Math.min(CHUNK_BYTES / header.recordBytes(),
                    header.dataRecords()));
        }

        @Override
        public byte[] talBytes(long record, EdfSignal signal) throws IOException {
            if (chunkStart < 0 || record >= chunkStart + recordsPerChunk) {
                int n = (int) Math.min(recordsPerChunk, header.dataRecords() - record);
                if (chunk == null) {
                    chunk = ByteBuffer.allocate((int) (recordsPerChunk * header.recordBytes()));
                }
                chunk.clear().limit((int) (n * header.recordBytes()));
                EdfHeaderParser.readFully(file, channel, header.headerBytes() + record * header.recordBytes(), chunk);
                chunkStart = record;
            }
            int length = signal.samplesPerRecord() * header.sampleBytes();
            int from = (int) ((record - chunkStart) * header.recordBytes() + signal.offsetInRecord());
            byte[] out = new byte[length];
            System.arraycopy(chunk.array(), from, out, 0, length);
            return out;
        }
    }
}

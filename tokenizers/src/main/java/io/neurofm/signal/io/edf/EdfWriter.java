package io.neurofm.signal.io.edf;

import io.neurofm.signal.io.AtomicFiles;
import io.neurofm.signal.Recording;
import io.neurofm.signal.SignalException;
import java.io.Closeable;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes 16-bit EDF or EDF+C, streaming: samples are appended in blocks of any length, encoded
 * record by record into a large buffer and written sequentially to a temporary file next to the
 * target; {@link #finish()} writes the header with the record count, syncs and renames the file
 * into place, so the target is either the old file or the complete new one. Closing without
 * finishing deletes the temporary file.
 *
 * <pre>{@code
 * EdfWriter.write(recording, Path.of("out.edf"));            // whole recording, ranges fitted
 * try (EdfWriter w = EdfWriter.create(path, layout)) {        // streaming, ranges given up front
 *     for (float[][] block : blocks) w.append(block);
 *     w.finish();
 * }
 * }</pre>
 *
 * Samples outside a signal's physical range are clipped to it and counted ({@link #clippedSamples()}).
 */
public final class EdfWriter implements Closeable {
    private static final int BUFFER_BYTES = 4 << 20;

    private final Path target;
    private final Path temp;
    private final EdfLayout layout;
    private final FileChannel channel;
    private final TalEncoder tal;
    private final List<EdfHeaderWriter.Entry> entries = new ArrayList<>();
    private final int headerBytes;
    private final int spr;
    private final int recordBytes;
    private final int[] signalOffset;
    private final double[] scale;
    private final double[] physMin;
    private final double[] physMax;
    private final double[] factor;
    private final int[] digMin;
    private final int[] digMax;
    private final int talOffset;
    private final byte[] buffer;
    private final int recordsPerBuffer;

    private int bufferedRecords;
    private int fill;
    private long records;
    private long position;
    private long clipped;
    private boolean finished;
    private boolean closed;

    private EdfWriter(Path target, EdfLayout layout, long expectedRecords) throws IOException {
        this.target = target;
        this.layout = layout;
        this.spr = layout.samplesPerRecord();
        int n = layout.signals().size();
        for (EdfOutputSignal s : layout.signals()) {
            entries.add(new EdfHeaderWriter.Entry(s, spr));
        }
        BigDecimal fraction = BigDecimal.ZERO;
        if (layout.startTime() != null) {
            fraction = BigDecimal.valueOf(layout.startTime().getNano()).movePointLeft(9);
        }
        this.tal = layout.plus() ? new TalEncoder(layout.annotations(), new BigDecimal(layout.recordDurationText()),
                fraction, expectedRecords > 0 ? expectedRecords : EdfHeaderParser.MAX_SAMPLES_PER_RECORD) : null;
        if (tal != null) {
            entries.add(new EdfHeaderWriter.Entry(null, tal.bytesPerRecord() / 2));
        }
        long bytes = layout.dataBytesPerRecord() + (tal == null ? 0 : tal.bytesPerRecord());
        if (bytes > Integer.MAX_VALUE / 2) {
            throw new IllegalArgumentException("a data record of " + bytes + " bytes is too large; use fewer samples"
                    + " per record");
        }
        this.recordBytes = (int) bytes;
        this.signalOffset = new int[n];
        this.scale = new double[n];
        this.physMin = new double[n];
        this.physMax = new double[n];
        this.factor = new double[n];
        this.digMin = new int[n];
        this.digMax = new int[n];
        for (int c = 0; c < n; c++) {
            EdfOutputSignal s = layout.signals().get(c);
            signalOffset[c] = 2 * spr * c;
            physMin[c] = s.physicalMinValue();
            physMax[c] = s.physicalMaxValue();
            factor[c] = s.factor();
            digMin[c] = s.digitalMin();
            digMax[c] = s.digitalMax();
            scale[c] = (digMax[c] - (double) digMin[c]) / (physMax[c] - physMin[c]);
        }
        this.talOffset = 2 * spr * n;
        this.recordsPerBuffer = Math.max(1, BUFFER_BYTES / recordBytes);
        this.buffer = new byte[recordsPerBuffer * recordBytes];
        this.headerBytes = 256 * (entries.size() + 1);
        this.temp = AtomicFiles.temporaryBeside(target);
        FileChannel opened = null;
        try {
            opened = FileChannel.open(temp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
        } finally {
            if (opened == null) {
                Files.deleteIfExists(temp);
            }
        }
        this.channel = opened;
        this.position = headerBytes;
    }

    /** Starts a file at {@code target} (written on {@link #finish()}); the layout fixes ranges and record size. */
    public static EdfWriter create(Path target, EdfLayout layout) throws IOException {
        return new EdfWriter(target, layout, -1);
    }

    /** Writes a whole recording as EDF+C with ranges fitted to its samples (see {@link EdfLayout#fitting}). */
    public static void write(Recording recording, Path target) throws IOException {
        write(recording, target, EdfLayout.fitting(recording));
    }

    /** Writes a whole recording with the given layout (e.g. {@code EdfLayout.fitting(r).withPlus(false)}). */
    public static void write(Recording recording, Path target, EdfLayout layout) throws IOException {
        if (layout.signals().size() != recording.channelCount()) {
            throw new IllegalArgumentException("layout has " + layout.signals().size() + " signals, recording "
                    + recording.channelCount() + " channels");
        }
        if (Double.compare(layout.samplingRate(), recording.samplingRate()) != 0) {
            throw new IllegalArgumentException("layout is at " + layout.samplingRate() + " Hz, recording at "
                    + recording.samplingRate() + " Hz");
        }
        long expected = Math.max(1, recording.sampleCount() / layout.samplesPerRecord());
        try (EdfWriter writer = new EdfWriter(target, layout, expected)) {
            // copy in blocks: a copy of the whole recording would double the memory an hour-long one needs
            int block = writer.recordsPerBuffer * writer.spr;
            float[][] rows = new float[recording.channelCount()][Math.min(block, recording.sampleCount())];
            for (int from = 0; from < recording.sampleCount(); from += block) {
                int n = Math.min(block, recording.sampleCount() - from);
                for (int c = 0; c < rows.length; c++) {
                    for (int i = 0; i < n; i++) {
                        rows[c][i] = recording.sample(c, from + i);
                    }
                }
                writer.append(rows, 0, n);
            }
            writer.finish();
        }
    }

    /** Appends all samples of {@code block} [channel][sample]. */
    public void append(float[][] block) throws IOException {
        append(block, 0, block.length == 0 ? 0 : block[0].length);
    }

    /** Appends samples {@code from .. from+count} of every channel of {@code block}. */
    public void append(float[][] block, int from, int count) throws IOException {
        if (finished || closed) {
            throw new IllegalStateException("writer for " + target + " is already " + (finished ? "finished" : "closed"));
        }
        if (block.length != factor.length) {
            throw new IllegalArgumentException("block has " + block.length + " channels, layout " + factor.length);
        }
        for (float[] row : block) {
            if (row.length < from + count) {
                throw new IllegalArgumentException("every channel needs samples " + from + ".." + (from + count)
                        + ", one has " + row.length);
            }
        }
        int done = 0;
        while (done < count) {
            int take = Math.min(count - done, spr - fill);
            int base = bufferedRecords * recordBytes;
            for (int c = 0; c < factor.length; c++) {
                encode(c, block[c], from + done, take, base + signalOffset[c] + 2 * fill);
            }
            fill += take;
            done += take;
            if (fill == spr) {
                if (tal != null) {
                    tal.write(records, buffer, base + talOffset);
                }
                fill = 0;
                records++;
                bufferedRecords++;
                if (bufferedRecords == recordsPerBuffer) {
                    flush();
                }
            }
        }
    }

    private void encode(int c, float[] src, int from, int count, int at) throws SignalException {
        double f = factor[c];
        double lo = physMin[c];
        double hi = physMax[c];
        double s = scale[c];
        int dmin = digMin[c];
        int dmax = digMax[c];
        int p = at;
        for (int i = from; i < from + count; i++) {
            double x = src[i] * f;
            if (!(x >= lo && x <= hi)) {
                if (Double.isNaN(x)) {
                    throw new SignalException(target, "channel " + layout.signals().get(c).label() + " sample "
                            + (records * spr + fill + i - from) + " is NaN; EDF cannot store it");
                }
                clipped++;
                x = x < lo ? lo : hi;
            }
            int d = (int) Math.round((x - lo) * s) + dmin;
            if (d > dmax) {
                d = dmax;
            }
            buffer[p] = (byte) d;
            buffer[p + 1] = (byte) (d >> 8);
            p += 2;
        }
    }

    private void flush() throws IOException {
        ByteBuffer out = ByteBuffer.wrap(buffer, 0, bufferedRecords * recordBytes);
        while (out.hasRemaining()) {
            position += channel.write(out, position);
        }
        bufferedRecords = 0;
    }

    /** Samples per channel appended so far. */
    public long samplesWritten() {
        return records * spr + fill;
    }

    /** Samples clipped to their signal's physical range so far. */
    public long clippedSamples() {
        return clipped;
    }

    /**
     * Completes the file: the samples must fill whole records, and every annotation must lie in a
     * written record. Then writes the header, syncs, and renames onto the target atomically.
     */
    public void finish() throws IOException {
        if (finished || closed) {
            throw new IllegalStateException("writer for " + target + " is already " + (finished ? "finished" : "closed"));
        }
        if (fill != 0) {
            throw new SignalException(target, samplesWritten() + " samples do not fill whole data records of " + spr
                    + " samples; EDF stores whole records only");
        }
        if (tal != null && tal.lastAnnotatedRecord() >= records) {
            throw new SignalException(target, "an annotation falls in data record " + tal.lastAnnotatedRecord()
                    + " but only " + records + " records were written");
        }
        flush();
        ByteBuffer header = ByteBuffer.wrap(EdfHeaderWriter.header(layout, entries,
                EdfHeaderWriter.utcSecond(layout.startTime()), records));
        long at = 0;
        while (header.hasRemaining()) {
            at += channel.write(header, at);
        }
        channel.force(true);
        channel.close();
        AtomicFiles.move(temp, target);
        finished = true;
    }

    /** Closes; without {@link #finish()} the partial file is deleted and the target left untouched. */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        if (!finished) {
            try {
                channel.close();
            } finally {
                Files.deleteIfExists(temp);
            }
        }
    }
}

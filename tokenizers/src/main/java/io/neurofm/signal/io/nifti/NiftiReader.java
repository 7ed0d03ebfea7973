package io.neurofm.signal.io.nifti;

import io.neurofm.signal.SignalException;
import io.neurofm.signal.SignalFormatException;
import io.neurofm.signal.Transform;
import io.neurofm.signal.Volume;
import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.zip.GZIPInputStream;

/**
 * Reads NIfTI-1 images: single files ({@code .nii}, {@code .nii.gz}) and uncompressed
 * {@code .hdr}/{@code .img} pairs. Values come out scaled by scl_slope/scl_inter as float,
 * with the affine nibabel's {@code img.affine} gives (in millimetres).
 *
 * <p>Only the volumes asked for are held: {@link #stream} hands them over one at a time and
 * {@link #read(Path, int, int)} keeps just the range. An uncompressed file is read with
 * positioned reads; a gzip stream is inflated up to the end of the range and no further.
 * Sizes come from a validated header and are bounded by {@link NiftiLimits} before anything is
 * allocated; a .nii.gz that inflates past its declared image (plus a small padding allowance)
 * is refused as a gzip bomb.
 */
public final class NiftiReader {
    public static final String FORMAT = "NIfTI-1";

    private final NiftiLimits limits;

    public NiftiReader() {
        this(NiftiLimits.DEFAULT);
    }

    public NiftiReader(NiftiLimits limits) {
        this.limits = limits;
    }

    /** Lower-case file name endings this reader accepts. */
    public static List<String> extensions() {
        return List.of(".nii", ".nii.gz", ".hdr", ".img");
    }

    /** Reads and validates the header only (a .nii.gz inflates just its first 348 bytes). */
    public NiftiHeader readHeader(Path file) throws IOException {
        try (Source source = open(file)) {
            return source.header;
        }
    }

    /** Reads the whole image. */
    public Volume read(Path file) throws IOException {
        NiftiHeader header = readHeader(file);
        return read(file, 0, header.nt());
    }

    /**
     * Reads volumes {@code firstVolume .. firstVolume + count - 1} of a 4D image, without holding
     * the others. A range past the last volume is refused, not truncated.
     */
    public Volume read(Path file, int firstVolume, int count) throws IOException {
        Path name = file.getFileName();
        float[][] holder = new float[1][];
        NiftiHeader header = stream(file, firstVolume, count,
                (t, values) -> System.arraycopy(values, 0, holder[0], (t - firstVolume) * values.length,
                        values.length),
                h -> holder[0] = allocate(file, h, count));
        List<Object> params = new ArrayList<>(List.of("file", String.valueOf(name), "format", FORMAT,
                "affine", header.affineSource()));
        if (header.scaled()) {
            params.addAll(List.of("scl_slope", header.slope(), "scl_inter", header.inter()));
        }
        if (firstVolume != 0 || count != header.nt()) {
            params.addAll(List.of("volumes", firstVolume + ".." + (firstVolume + count - 1)));
        }
        int[] dims = {header.nx(), header.ny(), header.nz(), count};
        return new Volume(dims, header.voxelSizeMm(), header.repetitionSeconds(), header.affine(), holder[0],
                List.of(Transform.of("read", params.toArray())));
    }

    /** A declared size over the read limit is treated as malformed input, like any absurd header size. */
    private float[] allocate(Path file, NiftiHeader h, int count) throws SignalFormatException {
        long voxels = (long) h.voxelsPerVolume() * count;
        if (voxels > limits.maxVoxelsPerRead()) {
            throw new SignalFormatException(file, "dim", 40, "at most " + limits.maxVoxelsPerRead()
                    + " voxels per read (reader limit; read fewer volumes or stream them)",
                    count + " volumes of " + h.voxelsPerVolume() + " voxels = " + voxels);
        }
        return new float[(int) voxels];
    }

    /**
     * Streams volumes {@code firstVolume .. firstVolume + count - 1} to {@code sink}, one
     * reused buffer at a time, and returns the header.
     */
    public NiftiHeader stream(Path file, int firstVolume, int count, VolumeSink sink) throws IOException {
        return stream(file, firstVolume, count, sink, h -> { });
    }

    private interface HeaderCheck {
        void accept(NiftiHeader header) throws IOException;
    }

    private NiftiHeader stream(Path file, int firstVolume, int count, VolumeSink sink, HeaderCheck beforeData)
            throws IOException {
        try (Source source = open(file)) {
            NiftiHeader h = source.header;
            if (firstVolume < 0 || count < 1 || (long) firstVolume + count > h.nt()) {
                throw new SignalException(file, "volumes " + firstVolume + ".." + ((long) firstVolume + count - 1)
                        + " requested but the image has volumes 0.." + (h.nt() - 1));
            }
            beforeData.accept(h);
            int volumeBytes = h.bytesPerVolume();
            source.skip(h.voxOffset() + (long) firstVolume * volumeBytes);
            byte[] raw = new byte[volumeBytes];
            float[] values = new float[h.voxelsPerVolume()];
            ByteBuffer view = ByteBuffer.wrap(raw).order(h.byteOrder());
            for (int t = firstVolume; t < firstVolume + count; t++) {
                source.readFully(raw, h.voxOffset() + (long) t * volumeBytes);
                view.clear();
                h.dataType().decode(view, values.length, values, 0, h.slope(), h.inter());
                sink.accept(t, values);
            }
            if (firstVolume + count == h.nt()) {
                source.checkEnd(h.voxOffset() + h.dataBytes());
            }
            return h;
        }
    }

    private Source open(Path file) throws IOException {
        String lower = String.valueOf(file.getFileName()).toLowerCase(Locale.ROOT);
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file.toString());
        }
        if (lower.endsWith(".nii.gz")) {
            return new GzipSource(file, limits);
        }
        if (lower.endsWith(".nii")) {
            return new ChannelSource(file, file, false, limits);
        }
        if (lower.endsWith(".hdr") || lower.endsWith(".img")) {
            String stem = String.valueOf(file.getFileName()).substring(0, lower.length() - 4);
            Path hdr = lower.endsWith(".hdr") ? file : file.resolveSibling(stem + ".hdr");
            Path img = lower.endsWith(".img") ? file : file.resolveSibling(stem + ".img");
            if (!Files.isRegularFile(hdr) || !Files.isRegularFile(img)) {
                throw new SignalException(file, "a NIfTI-1 pair needs both " + hdr.getFileName() + " and "
                        + img.getFileName());
            }
            return new ChannelSource(hdr, img, true, limits);
        }
        if (lower.endsWith(".hdr.gz") || lower.endsWith(".img.gz")) {
            throw new SignalException(file, "compressed .hdr/.img pairs are not supported; use .nii.gz");
        }
        throw new SignalException(file, "not a NIfTI-1 file name (expected one of " + extensions() + ")");
    }

    /** Where the voxels come from: positioned reads on a file, or one forward pass through gzip. */
    private abstract static class Source implements Closeable {
        NiftiHeader header;

        /** Moves to absolute byte {@code position} of the data file (forward only for gzip). */
        abstract void skip(long position) throws IOException;

        /** Fills {@code buffer} from absolute byte {@code position} of the data file. */
        abstract void readFully(byte[] buffer, long position) throws IOException;

        /** Called after the last declared byte was read at {@code end}. */
        abstract void checkEnd(long end) throws IOException;
    }

    private static final class ChannelSource extends Source {
        private final FileChannel channel;

        ChannelSource(Path headerFile, Path dataFile, boolean pair, NiftiLimits limits) throws IOException {
            byte[] raw;
            try (FileChannel hc = FileChannel.open(headerFile, StandardOpenOption.READ)) {
                int n = (int) Math.min(hc.size(), NiftiHeaderParser.NIFTI1_HEADER_SIZE);
                raw = new byte[n];
                readAt(hc, ByteBuffer.wrap(raw), 0);
            }
            channel = FileChannel.open(dataFile, StandardOpenOption.READ);
            try {
                header = NiftiHeaderParser.parse(headerFile, raw, dataFile, pair, false, channel.size(), limits);
            } catch (IOException | RuntimeException e) {
                channel.close();
                throw e;
            }
        }

        @Override
        void skip(long position) {
            // positioned reads need no seeking
        }

        @Override
        void readFully(byte[] buffer, long position) throws IOException {
            int got = readAt(channel, ByteBuffer.wrap(buffer), position);
            if (got < buffer.length) {
                throw new SignalFormatException(header.dataFile(), "image data", position + got,
                        buffer.length + " bytes of voxels", "end of file (the file changed while being read?)");
            }
        }

        private static int readAt(FileChannel ch, ByteBuffer dst, long position) throws IOException {
            int total = 0;
            while (dst.hasRemaining()) {
                int n = ch.read(dst, position + total);
                if (n < 0) {
                    break;
                }
                total += n;
            }
            return total;
        }

        @Override
        void checkEnd(long end) {
            // the length was checked against the header before reading; trailing bytes are harmless here
        }

        @Override
        public void close() throws IOException {
            channel.close();
        }
    }

    private static final class GzipSource extends Source {
        private final Path file;
        private final NiftiLimits limits;
        private final InputStream in;
        private long position;

        GzipSource(Path file, NiftiLimits limits) throws IOException {
            this.file = file;
            this.limits = limits;
            InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
            try {
                raw.mark(2);
                int b0 = raw.read();
                int b1 = raw.read();
                raw.reset();
                if (b0 != 0x1F || b1 != 0x8B) {
                    throw new SignalFormatException(file, "gzip magic", 0, "a gzip stream (1F 8B) in a .nii.gz",
                            String.format("%02X %02X", b0 & 0xFF, b1 & 0xFF));
                }
                in = gzip(raw);
                byte[] head = new byte[NiftiHeaderParser.NIFTI1_HEADER_SIZE];
                int n = read(head, 0, head.length);
                position = n;
                header = NiftiHeaderParser.parse(file, n == head.length ? head : Arrays.copyOf(head, n),
                        file, false, true, NiftiHeaderParser.maxInflatedLength(Files.size(file)), limits);
            } catch (IOException | RuntimeException e) {
                raw.close();
                throw e;
            }
        }

        private InputStream gzip(InputStream raw) throws SignalFormatException {
            try {
                return new GZIPInputStream(raw, 1 << 16);
            } catch (IOException e) {
                throw corrupt(0, e);
            }
        }

        /** Reads up to {@code len} bytes, fewer only at the end of the stream. */
        private int read(byte[] b, int off, int len) throws SignalFormatException {
            int total = 0;
            try {
                while (total < len) {
                    int n = in.read(b, off + total, len - total);
                    if (n < 0) {
                        break;
                    }
                    total += n;
                }
            } catch (IOException e) {
                throw corrupt(position + total, e);
            }
            return total;
        }

        private SignalFormatException corrupt(long at, IOException e) {
            return new SignalFormatException(file, "gzip stream", -1, "a complete, valid gzip stream",
                    e.getClass().getSimpleName() + " (" + e.getMessage() + ") after inflating " + at + " bytes", e);
        }

        @Override
        void skip(long target) throws IOException {
            byte[] scratch = new byte[1 << 16];
            while (position < target) {
                int want = (int) Math.min(scratch.length, target - position);
                int n = read(scratch, 0, want);
                position += n;
                if (n < want) {
                    throw truncated(target);
                }
            }
        }

        @Override
        void readFully(byte[] buffer, long at) throws IOException {
            skip(at);
            int n = read(buffer, 0, buffer.length);
            position += n;
            if (n < buffer.length) {
                throw truncated(at + buffer.length);
            }
        }

        private SignalFormatException truncated(long needed) {
            return new SignalFormatException(file, "image data", position, "the gzip stream to inflate to at least "
                    + needed + " bytes as the header declares", "end of stream after " + position + " bytes");
        }

        /**
         * Inflates what follows the image (bounded) so the gzip CRC is checked and a stream that
         * inflates far past its declared size is refused.
         */
        @Override
        void checkEnd(long end) throws IOException {
            byte[] scratch = new byte[1 << 16];
            long extra = 0;
            while (true) {
                int n = read(scratch, 0, scratch.length);
                extra += n;
                if (extra > limits.maxTrailingBytes()) {
                    throw new SignalFormatException(file, "gzip stream", end, "at most " + limits.maxTrailingBytes()
                            + " bytes after the " + end + " bytes the header declares (gzip bomb?)",
                            "more than " + extra + " further bytes");
                }
                if (n < scratch.length) {
                    return;
                }
            }
        }

        @Override
        public void close() throws IOException {
            if (in != null) {
                in.close();
            }
        }
    }
}

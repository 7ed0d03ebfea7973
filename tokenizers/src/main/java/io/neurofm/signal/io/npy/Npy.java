package io.neurofm.signal.io.npy;

import io.neurofm.signal.io.AtomicFiles;
import io.neurofm.signal.SignalFormatException;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * NumPy .npy files (format versions 1.0, 2.0 and 3.0): bool, uint8, int16, int32, int64,
 * float32 and float64 arrays, C or Fortran order, either byte order.
 *
 * <p>Every size in a header is checked against the bytes actually there and against a cap
 * before anything is allocated, so a corrupt or hostile header gives a
 * {@link SignalFormatException}, never an OutOfMemoryError.
 */
public final class Npy {
    /** Default cap on one array's element data read into memory (1 GiB). */
    public static final long DEFAULT_MAX_BYTES = 1L << 30;

    private static final int CHUNK = 1 << 20;
    private static final int ALIGN = 64;

    private Npy() {
    }

    /** Reads a whole .npy file into memory (at most {@link #DEFAULT_MAX_BYTES} of data). */
    public static NpyArray read(Path file) throws IOException {
        return read(file, DEFAULT_MAX_BYTES);
    }

    public static NpyArray read(Path file, long maxBytes) throws IOException {
        long size = Files.size(file);
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), CHUNK)) {
            return read(file, "", in, size, maxBytes);
        }
    }

    /** Reads just the header of a .npy file. */
    public static NpyHeader readHeader(Path file) throws IOException {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
            NpyHeader h = NpyHeaderParser.read(file, "", in);
            checkLength(file, "", h, Files.size(file));
            return h;
        }
    }

    /**
     * Reads one array from a stream positioned at its magic string.
     *
     * @param file     the file named in errors (the .npz for an entry)
     * @param where    error field prefix ("data.npy: " for an entry, "" for a plain file)
     * @param length   bytes the array occupies (file size, or the zip entry's uncompressed size)
     * @param maxBytes cap on the element data
     */
    static NpyArray read(Path file, String where, InputStream in, long length, long maxBytes) throws IOException {
        NpyHeader h = NpyHeaderParser.read(file, where, in);
        checkLength(file, where, h, length);
        long bytes = h.dataBytes();
        if (bytes > maxBytes || h.elementCount() > NpyArray.MAX_ELEMENTS) {
            throw new SignalFormatException(file, where + "shape", -1, "at most " + Math.min(maxBytes,
                    NpyArray.MAX_ELEMENTS * h.dtype().size()) + " bytes of data to read into memory",
                    bytes + " bytes");
        }
        int n = (int) h.elementCount();
        Object data = NpyCodec.allocate(h.dtype(), n);
        int perChunk = Math.max(1, CHUNK / h.dtype().size());
        byte[] chunk = new byte[Math.min(perChunk, Math.max(1, n)) * h.dtype().size()];
        for (int done = 0; done < n; ) {
            int count = Math.min(perChunk, n - done);
            int len = count * h.dtype().size();
            int got = in.readNBytes(chunk, 0, len);
            if (got < len) {
                throw new SignalFormatException(file, where + "data", h.dataOffset() + (long) done * h.dtype().size() + got,
                        bytes + " bytes of data", "the end after " + ((long) done * h.dtype().size() + got));
            }
            NpyCodec.decode(h.dtype(), ByteBuffer.wrap(chunk, 0, len).order(h.byteOrder()), data, done, count);
            done += count;
        }
        if (h.fortranOrder()) {
            data = NpyCodec.fortranToC(h.dtype(), h.shape(), data);
        }
        return NpyArray.wrap(h.dtype(), h.shape(), data);
    }

    /** The header's data must fill exactly the bytes after it, as numpy.save writes them. */
    static void checkLength(Path file, String where, NpyHeader h, long length) throws SignalFormatException {
        long expected = h.dataOffset() + h.dataBytes();
        if (expected < 0 || expected != length) {
            throw new SignalFormatException(file, where + "shape", h.dataOffset(),
                    h.dataBytes() + " bytes of data after the " + h.dataOffset() + "-byte header (shape "
                            + Arrays.toString(h.shape()) + " x " + h.dtype().size() + " bytes)",
                    (length - h.dataOffset()) + " bytes");
        }
    }

    /** Writes a .npy atomically: to a temporary file in the same folder, then renamed over {@code file}. */
    public static void write(Path file, NpyArray array) throws IOException {
        AtomicFiles.write(file, out -> write(out, array));
    }

    /** Writes an array in C order, little-endian, format 1.0 (2.0 only if the header needs it). */
    public static void write(OutputStream out, NpyArray array) throws IOException {
        out.write(header(array.dtype(), array.shape()));
        NpyDtype dtype = array.dtype();
        int n = array.size();
        int perChunk = Math.max(1, CHUNK / dtype.size());
        ByteBuffer buffer = ByteBuffer.allocate(Math.min(perChunk, Math.max(1, n)) * dtype.size())
                .order(ByteOrder.LITTLE_ENDIAN);
        for (int done = 0; done < n; ) {
            int count = Math.min(perChunk, n - done);
            buffer.clear();
            NpyCodec.encode(dtype, array.data(), done, count, buffer);
            out.write(buffer.array(), 0, buffer.position());
            done += count;
        }
    }

    /** Bytes {@link #write(OutputStream, NpyArray)} produces, without producing them. */
    static long encodedLength(NpyArray array) {
        return header(array.dtype(), array.shape()).length + (long) array.size() * array.dtype().size();
    }

    /** The preamble numpy writes for a C-order little-endian array of this type and shape. */
    static byte[] header(NpyDtype dtype, long[] dims) {
        StringBuilder shape = new StringBuilder("(");
        for (int i = 0; i < dims.length; i++) {
            shape.append(i == 0 ? "" : ", ").append(dims[i]);
        }
        shape.append(dims.length == 1 ? ",)" : ")");
        String dict = "{'descr': '" + dtype.littleEndianDescr() + "', 'fortran_order': False, 'shape': "
                + shape + ", }";
        int version = 1;
        String text = padded(dict, 10);
        if (text.length() > 0xFFFF) {
            version = 2;
            text = padded(dict, 12);
        }
        int padded = (version == 1 ? 10 : 12) + text.length();
        ByteBuffer b = ByteBuffer.allocate(padded).order(ByteOrder.LITTLE_ENDIAN);
        b.put(NpyHeaderParser.MAGIC).put((byte) version).put((byte) 0);
        if (version == 1) {
            b.putShort((short) text.length());
        } else {
            b.putInt(text.length());
        }
        b.put(text.getBytes(StandardCharsets.ISO_8859_1));
        return b.array();
    }

    /** The dict padded with spaces and ended by a newline so that the data starts 64-byte aligned, as numpy does. */
    private static String padded(String dict, int preamble) {
        int total = preamble + dict.length() + 1;
        int aligned = (total + ALIGN - 1) / ALIGN * ALIGN;
        return dict + " ".repeat(aligned - total) + "\n";
    }
}

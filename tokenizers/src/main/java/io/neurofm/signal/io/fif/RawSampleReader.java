package io.neurofm.signal.io.fif;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * Reads a window of calibrated samples from the buffers covering it, one bounded slice at a
 * time, touching only the rows the window needs. Skipped stretches stay zero.
 */
final class RawSampleReader {
    /** Bytes read per positioned read, so memory beyond the output stays small. */
    static final int SLICE_BYTES = 1 << 20;

    private RawSampleReader() {
    }

    /**
     * @param channels indices into the file's channels, in output order
     * @param cals     range * cal per file channel
     * @param out      [channels.length][end - start], zero-filled
     */
    static void read(ByteSource source, RawBufferIndex index, int nchan, int[] channels, double[] cals, long start,
                     long end, float[][] out) throws IOException {
        for (RawBuffer buffer : index.buffers()) {
            if (buffer.end() <= start || buffer.start() >= end || buffer.isSkip()) {
                continue;
            }
            int width = RawBuffer.bytesPerValue(buffer.type());
            int rowBytes = width * nchan;
            long firstRow = Math.max(start, buffer.start()) - buffer.start();
            long lastRow = Math.min(end, buffer.end()) - buffer.start();
            int rowsPerSlice = Math.max(1, SLICE_BYTES / rowBytes);
            for (long row = firstRow; row < lastRow; row += rowsPerSlice) {
                int rows = (int) Math.min(rowsPerSlice, lastRow - row);
                byte[] bytes = new byte[rows * rowBytes];
                source.read(buffer.dataPos() + row * rowBytes, bytes, 0, bytes.length);
                decode(ByteBuffer.wrap(bytes), buffer.type(), width, rowBytes, rows, channels, cals,
                        (int) (buffer.start() + row - start), out);
            }
        }
    }

    private static void decode(ByteBuffer b, int type, int width, int rowBytes, int rows, int[] channels,
                               double[] cals, int outOffset, float[][] out) {
        for (int r = 0; r < rows; r++) {
            int base = r * rowBytes;
            for (int j = 0; j < channels.length; j++) {
                int c = channels[j];
                int at = base + c * width;
                double raw = switch (type) {
                    case Fiff.T_SHORT, Fiff.T_DAU_PACK16 -> b.getShort(at);
                    case Fiff.T_INT -> b.getInt(at);
                    case Fiff.T_FLOAT -> b.getFloat(at);
                    default -> b.getDouble(at);
                };
                out[j][outOffset + r] = (float) (raw * cals[c]);
            }
        }
    }
}

package io.neurofm.signal.io.npy;

import io.neurofm.signal.io.AtomicFiles;
import io.neurofm.signal.Recording;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes a {@link Recording} as OUT.npz (one entry "data": float32 [channels, samples], SI units)
 * plus OUT.json (its {@link RecordingSidecar}). Both are written to temporary files first and
 * renamed only when both are complete.
 */
public final class NpzRecordingWriter {
    private NpzRecordingWriter() {
    }

    /** The sidecar that belongs to a data file: same folder and base name, ".json". */
    public static Path sidecarFor(Path dataFile) {
        String name = dataFile.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dataFile.resolveSibling((dot > 0 ? name.substring(0, dot) : name) + ".json");
    }

    /** Writes with stored (uncompressed) entries, so windowed reads can seek straight to their bytes. */
    public static void write(Recording recording, Path npzFile) throws IOException {
        write(recording, npzFile, false);
    }

    /** @param compressed deflate the data (smaller files; windows then decompress up to their end) */
    public static void write(Recording recording, Path npzFile, boolean compressed) throws IOException {
        if (!npzFile.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".npz")) {
            throw new IllegalArgumentException("output must be a .npz file, got " + npzFile);
        }
        long[] shape = {recording.channelCount(), recording.sampleCount()};
        byte[] header = Npy.header(NpyDtype.FLOAT32, shape);
        long length = header.length + 4L * shape[0] * shape[1];
        Npz.Entry data = new Npz.Entry("data", length, out -> {
            out.write(header);
            writeRows(recording, out);
        });
        RecordingSidecar sidecar = RecordingSidecar.of(recording);
        AtomicFiles.writeAll(List.of(npzFile, sidecarFor(npzFile)), List.of(
                out -> Npz.writeEntries(out, List.of(data), compressed),
                sidecar::write));
    }

    /** Channel by channel, so at most one channel is copied at a time. */
    private static void writeRows(Recording recording, OutputStream out) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);
        for (int c = 0; c < recording.channelCount(); c++) {
            float[] row = recording.channelData(c);
            for (int t = 0; t < row.length; ) {
                buffer.clear();
                int n = Math.min(row.length - t, buffer.capacity() / 4);
                buffer.asFloatBuffer().put(row, t, n);
                out.write(buffer.array(), 0, n * 4);
                t += n;
            }
        }
    }
}

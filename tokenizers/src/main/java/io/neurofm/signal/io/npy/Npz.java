package io.neurofm.signal.io.npy;

import io.neurofm.signal.io.AtomicFiles;
import io.neurofm.signal.SignalFormatException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * NumPy .npz archives as numpy.savez (stored) and numpy.savez_compressed (deflated) write them:
 * a zip whose entries NAME.npy each hold one array.
 */
public final class Npz {
    /** Entry timestamps are fixed so that the same arrays always give the same bytes. */
    private static final long ENTRY_TIME = 315532800000L + 86_400_000L; // 1980-01-02, within DOS date range

    private Npz() {
    }

    /** Reads every array, keyed by name (entry name without ".npy"), at most {@link Npy#DEFAULT_MAX_BYTES} in all. */
    public static Map<String, NpyArray> read(Path file) throws IOException {
        return read(file, Npy.DEFAULT_MAX_BYTES);
    }

    /** @param maxBytes cap on the element data of all arrays together */
    public static Map<String, NpyArray> read(Path file, long maxBytes) throws IOException {
        try (NpzArchive archive = NpzArchive.open(file)) {
            long total = 0;
            for (String name : archive.names()) {
                total += archive.size(name);
                if (total > maxBytes) {
                    throw new SignalFormatException(file, name + ".npy", -1,
                            "at most " + maxBytes + " bytes of arrays in all", "more");
                }
            }
            Map<String, NpyArray> out = new LinkedHashMap<>();
            for (String name : archive.names()) {
                out.put(name, archive.read(name, maxBytes));
            }
            return out;
        }
    }

    /**
     * Writes arrays atomically (temporary file, then rename).
     *
     * @param compressed deflate the entries (numpy.savez_compressed) rather than store them (numpy.savez);
     *                   stored entries let windowed reads skip to their bytes without decompressing
     */
    public static void write(Path file, Map<String, NpyArray> arrays, boolean compressed) throws IOException {
        AtomicFiles.write(file, out -> write(out, arrays, compressed));
    }

    static void write(OutputStream out, Map<String, NpyArray> arrays, boolean compressed) throws IOException {
        List<Entry> entries = new ArrayList<>();
        arrays.forEach((name, array) -> entries.add(new Entry(name, Npy.encodedLength(array),
                o -> Npy.write(o, array))));
        writeEntries(out, entries, compressed);
    }

    /**
     * One .npy entry to write: its name without ".npy", its exact length in bytes and its content,
     * which must produce the same bytes each time it is asked (stored entries are produced twice).
     */
    record Entry(String name, long length, AtomicFiles.Content content) {
    }

    static void writeEntries(OutputStream out, List<Entry> entries, boolean compressed) throws IOException {
        ZipOutputStream zip = new ZipOutputStream(out);
        for (Entry e : entries) {
            ZipEntry entry = new ZipEntry(e.name() + ".npy");
            entry.setTime(ENTRY_TIME);
            if (compressed) {
                entry.setMethod(ZipEntry.DEFLATED);
            } else {
                // a stored entry needs its size and CRC before its data: produce it once to count them
                CRC32 crc = new CRC32();
                CountingOutputStream counter = new CountingOutputStream(crc);
                e.content().writeTo(counter);
                if (counter.count != e.length()) {
                    throw new IllegalStateException(e.name() + ": content gave " + counter.count + " bytes, declared "
                            + e.length());
                }
                entry.setMethod(ZipEntry.STORED);
                entry.setSize(e.length());
                entry.setCompressedSize(e.length());
                entry.setCrc(crc.getValue());
            }
            zip.putNextEntry(entry);
            e.content().writeTo(zip);
            zip.closeEntry();
        }
        zip.finish();
    }

    /** Counts bytes and updates a CRC, discarding the bytes. */
    private static final class CountingOutputStream extends OutputStream {
        private final CRC32 crc;
        private long count;

        CountingOutputStream(CRC32 crc) {
            this.crc = crc;
        }

        @Override
        public void write(int b) {
            crc.update(b);
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            crc.update(b, off, len);
            count += len;
        }
    }
}

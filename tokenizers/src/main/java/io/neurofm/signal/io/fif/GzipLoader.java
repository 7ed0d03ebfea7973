package io.neurofm.signal.io.fif;

import io.neurofm.signal.SignalFormatException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * Inflates a gzip-compressed FIF file into memory, refusing anything that inflates past a cap
 * (a gzip bomb or a file too large to hold), before a single byte of it is parsed.
 */
final class GzipLoader {
    /** Default limit on the inflated size of a .fif.gz file. */
    static final long DEFAULT_CAP_BYTES = 512L * 1024 * 1024;

    private GzipLoader() {
    }

    static boolean isGzip(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] magic = in.readNBytes(2);
            return magic.length == 2 && (magic[0] & 0xff) == 0x1f && (magic[1] & 0xff) == 0x8b;
        }
    }

    static byte[] inflate(Path file, long capBytes) throws IOException {
        // Growing the buffer and copying it out takes up to three times the content on the heap.
        Runtime rt = Runtime.getRuntime();
        long heapRoom = (rt.maxMemory() - (rt.totalMemory() - rt.freeMemory())) / 3;
        long cap = Math.min(Math.min(capBytes, Integer.MAX_VALUE - 16), heapRoom);
        String limit = cap < capBytes ? cap + " bytes (what the Java heap can hold)" : cap + " bytes";
        try (InputStream in = new GZIPInputStream(Files.newInputStream(file), 65536)) {
            ByteArrayOutputStream out = new ByteArrayOutputStream(65536);
            byte[] chunk = new byte[65536];
            int n;
            while ((n = in.read(chunk)) > 0) {
                if (out.size() + (long) n > cap) {
                    throw new SignalFormatException(file, "gzip content", -1, "at most " + limit
                            + " once decompressed (decompress it to a .fif file to read it window by window)",
                            "more");
                }
                out.write(chunk, 0, n);
            }
            return out.toByteArray();
        } catch (SignalFormatException e) {
            throw e;
        } catch (IOException e) {
            throw new SignalFormatException(file, "gzip content", -1, "a complete, valid gzip stream",
                    e.getClass().getSimpleName() + ": " + e.getMessage(), e);
        }
    }
}

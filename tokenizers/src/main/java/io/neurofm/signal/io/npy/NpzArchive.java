package io.neurofm.signal.io.npy;

import io.neurofm.signal.SignalFormatException;
import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * An open .npz (a zip of .npy entries, stored or deflated), read with java.util.zip. Sizes come
 * from the central directory and are checked before use: an entry's uncompressed size must match
 * what its .npy header declares and cannot exceed what deflate can produce from its compressed
 * size, so a zip bomb is refused before anything is inflated or allocated.
 */
final class NpzArchive implements Closeable {
    /** Deflate cannot expand data by more than about 1032:1; more is a lie in the directory. */
    private static final long MAX_DEFLATE_RATIO = 1032;

    private final Path file;
    private final ZipFile zip;
    private final List<String> names;

    private NpzArchive(Path file, ZipFile zip, List<String> names) {
        this.file = file;
        this.zip = zip;
        this.names = names;
    }

    static NpzArchive open(Path file) throws IOException {
        ZipFile zip;
        try {
            zip = new ZipFile(file.toFile());
        } catch (ZipException | RuntimeException e) {
            // java.util.zip reports some malformed directories with unchecked exceptions
            throw new SignalFormatException(file, "zip directory", -1, "a zip archive of .npy entries",
                    String.valueOf(e.getMessage()), e);
        }
        try {
            List<String> names = new ArrayList<>();
            Enumeration<? extends ZipEntry> entries = zip.entries();
            while (entries.hasMoreElements()) {
                ZipEntry e = entries.nextElement();
                if (e.isDirectory()) {
                    continue;
                }
                if (!e.getName().endsWith(".npy")) {
                    throw new SignalFormatException(file, "entry " + e.getName(), -1, "only .npy entries", e.getName());
                }
                names.add(e.getName().substring(0, e.getName().length() - 4));
            }
            return new NpzArchive(file, zip, List.copyOf(names));
        } catch (IOException | RuntimeException e) {
            zip.close();
            if (e instanceof SignalFormatException s) {
                throw s;
            }
            throw new SignalFormatException(file, "zip directory", -1, "a readable zip directory",
                    String.valueOf(e.getMessage()), e);
        }
    }

    Path file() {
        return file;
    }

    /** Array names: entry names without ".npy", in archive order. */
    List<String> names() {
        return names;
    }

    /** The entry's uncompressed size after the bomb checks. */
    long size(String name) throws SignalFormatException {
        ZipEntry e = entry(name);
        long size = e.getSize();
        long compressed = e.getCompressedSize();
        if (size < 0 || compressed < 0) {
            throw new SignalFormatException(file, name + ".npy", -1, "sizes in the zip directory", "none");
        }
        if (e.getMethod() == ZipEntry.DEFLATED) {
            if (size > compressed * MAX_DEFLATE_RATIO + 1024) {
                throw new SignalFormatException(file, name + ".npy size", -1,
                        "at most " + MAX_DEFLATE_RATIO + " times its compressed size " + compressed + " (deflate's limit)",
                        size + " bytes");
            }
        } else if (e.getMethod() == ZipEntry.STORED) {
            if (size != compressed) {
                throw new SignalFormatException(file, name + ".npy size", -1,
                        "a stored entry's size equal to its compressed size " + compressed, size + " bytes");
            }
        } else {
            throw new SignalFormatException(file, name + ".npy", -1, "a stored or deflated entry",
                    "compression method " + e.getMethod());
        }
        return size;
    }

    /** The header of an entry, checked against the entry's size. */
    NpyHeader header(String name) throws IOException {
        long size = size(name);
        try (InputStream in = open(name)) {
            NpyHeader h = NpyHeaderParser.read(file, name + ".npy: ", in);
            Npy.checkLength(file, name + ".npy: ", h, size);
            return h;
        } catch (ZipException | EOFException e) {
            throw corrupt(name, e);
        }
    }

    /** Reads a whole entry into memory. */
    NpyArray read(String name, long maxBytes) throws IOException {
        long size = size(name);
        try (InputStream in = new BufferedInputStream(open(name), 1 << 16)) {
            return Npy.read(file, name + ".npy: ", in, size, maxBytes);
        } catch (ZipException | EOFException e) {
            throw corrupt(name, e);
        }
    }

    /** A stream of the entry's bytes from its start; skip() on a stored entry does not read. */
    InputStream open(String name) throws IOException {
        try {
            return zip.getInputStream(entry(name));
        } catch (ZipException | RuntimeException e) {
            throw corrupt(name, e);
        }
    }

    SignalFormatException corrupt(String name, Exception e) {
        return new SignalFormatException(file, name + ".npy", -1, "intact compressed data",
                String.valueOf(e.getMessage()), e);
    }

    private ZipEntry entry(String name) throws SignalFormatException {
        ZipEntry e = zip.getEntry(name + ".npy");
        if (e == null) {
            throw new SignalFormatException(file, name + ".npy", -1, "the entry to be present", "entries " + names);
        }
        return e;
    }

    @Override
    public void close() throws IOException {
        zip.close();
    }
}

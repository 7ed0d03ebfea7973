package io.neurofm.signal.io.nifti;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/** Test helper: a NIfTI image as bytes (inflated), patched field by field and written to a temp file. */
final class NiftiBytes {
    final byte[] bytes;
    final ByteBuffer buf;

    private NiftiBytes(byte[] bytes) {
        this.bytes = bytes;
        ByteOrder order = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).getInt(0) == 348
                ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN;
        this.buf = ByteBuffer.wrap(bytes).order(order);
    }

    static NiftiBytes of(Path file) throws IOException {
        if (file.toString().endsWith(".gz")) {
            try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
                return new NiftiBytes(in.readAllBytes());
            }
        }
        return new NiftiBytes(Files.readAllBytes(file));
    }

    static NiftiBytes wrap(byte[] bytes) {
        return new NiftiBytes(bytes);
    }

    NiftiBytes copy() {
        return new NiftiBytes(bytes.clone());
    }

    NiftiBytes putShort(int offset, int value) {
        buf.putShort(offset, (short) value);
        return this;
    }

    NiftiBytes putInt(int offset, int value) {
        buf.putInt(offset, value);
        return this;
    }

    NiftiBytes putFloat(int offset, float value) {
        buf.putFloat(offset, value);
        return this;
    }

    NiftiBytes putAscii(int offset, String text) {
        for (int i = 0; i < text.length(); i++) {
            bytes[offset + i] = (byte) text.charAt(i);
        }
        return this;
    }

    Path writeNii(Path dir, String name) throws IOException {
        return Files.write(dir.resolve(name), bytes);
    }

    Path writeGz(Path dir, String name) throws IOException {
        Path out = dir.resolve(name);
        Files.write(out, gzip(bytes));
        return out;
    }

    static byte[] gzip(byte[] data) throws IOException {
        ByteArrayOutputStream bos = new ByteArrayOutputStream();
        try (OutputStream gz = new GZIPOutputStream(bos)) {
            gz.write(data);
        }
        return bos.toByteArray();
    }
}

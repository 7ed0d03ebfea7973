package io.neurofm.corpus;

import io.neurofm.signal.SignalFormatException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/**
 * One shard, memory-mapped read-only. The header is checked against the file length before any
 * section is touched, so a truncated or altered header is refused naming the field. Reads use
 * absolute slices of the mapping, so any number of threads may read one reader at once.
 */
public final class ShardReader {
    private final Path file;
    private final MappedByteBuffer map;
    private final ShardShape shape;
    private final int count;
    private final boolean mask;
    private final int maskOffset;
    private final int indexOffset;

    private ShardReader(Path file, MappedByteBuffer map, ShardShape shape, int count, boolean mask, int maskOffset,
                        int indexOffset) {
        this.file = file;
        this.map = map;
        this.shape = shape;
        this.count = count;
        this.mask = mask;
        this.maskOffset = maskOffset;
        this.indexOffset = indexOffset;
    }

    public static ShardReader open(Path file) throws IOException {
        MappedByteBuffer map;
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            if (size < ShardFormat.HEADER_BYTES) {
                throw new SignalFormatException(file, "header", 0, ShardFormat.HEADER_BYTES + " header bytes",
                        size + " bytes in the file");
            }
            if (size > CorpusSpec.MAX_SHARD_BYTES * 2) {
                throw new SignalFormatException(file, "file size", -1, "at most " + CorpusSpec.MAX_SHARD_BYTES * 2
                        + " bytes", String.valueOf(size));
            }
            map = channel.map(FileChannel.MapMode.READ_ONLY, 0, size);
        }
        map.order(ByteOrder.LITTLE_ENDIAN);
        byte[] magic = new byte[ShardFormat.MAGIC.length];
        map.get(0, magic);
        if (!Arrays.equals(magic, ShardFormat.MAGIC)) {
            throw new SignalFormatException(file, "magic", 0, "\"NFMSHARD\"", new String(magic,
                    java.nio.charset.StandardCharsets.ISO_8859_1));
        }
        int version = map.getInt(8);
        if (version != ShardFormat.VERSION) {
            throw new SignalFormatException(file, "version", 8, "shard version " + ShardFormat.VERSION,
                    String.valueOf(version));
        }
        int dtype = map.getInt(12);
        int rows = map.getInt(16);
        int steps = map.getInt(20);
        int dim = map.getInt(24);
        ShardShape shape;
        try {
            shape = new ShardShape(dtype, rows, steps, dim);
        } catch (IllegalArgumentException e) {
            throw new SignalFormatException(file, "dtype/shape", 12, "dtype 1 (int32) or 2 (float32) and positive "
                    + "rows, steps, dim", e.getMessage());
        }
        int flags = map.getInt(28);
        if ((flags & ~ShardFormat.FLAG_MASK) != 0) {
            throw new SignalFormatException(file, "flags", 28, "0 or 1", String.valueOf(flags));
        }
        boolean mask = (flags & ShardFormat.FLAG_MASK) != 0;
        long count = map.getLong(32);
        long dataOffset = map.getLong(40);
        long maskOffset = map.getLong(48);
        long indexOffset = map.getLong(56);
        long size = map.capacity();
        if (count < 1 || count > size) {
            throw new SignalFormatException(file, "window count", 32, "1.." + size, String.valueOf(count));
        }
        if (shape.values() > size / 4 / count) {
            throw new SignalFormatException(file, "shape", 16, "rows x steps x dim x 4 x " + count
                    + " windows within the " + size + "-byte file", shape.toString());
        }
        long dataBytes = count * shape.values() * 4;
        long expectedMaskOffset = mask ? ShardFormat.HEADER_BYTES + dataBytes : 0;
        long maskBytes = mask ? ShardFormat.align8(count * rows * steps) : 0;
        long expectedIndex = ShardFormat.HEADER_BYTES + dataBytes + maskBytes;
        long expectedSize = expectedIndex + count * ShardFormat.INDEX_ENTRY_BYTES;
        if (dataOffset != ShardFormat.HEADER_BYTES) {
            throw new SignalFormatException(file, "data offset", 40, String.valueOf(ShardFormat.HEADER_BYTES),
                    String.valueOf(dataOffset));
        }
        if (maskOffset != expectedMaskOffset) {
            throw new SignalFormatException(file, "mask offset", 48, String.valueOf(expectedMaskOffset),
                    String.valueOf(maskOffset));
        }
        if (indexOffset != expectedIndex || size != expectedSize) {
            throw new SignalFormatException(file, "index offset / file size", 56, "index at " + expectedIndex
                    + " and " + expectedSize + " bytes for " + count + " windows of " + shape,
                    "index at " + indexOffset + ", " + size + " bytes");
        }
        return new ShardReader(file, map, shape, (int) count, mask, (int) maskOffset, (int) indexOffset);
    }

    public Path file() {
        return file;
    }

    public ShardShape shape() {
        return shape;
    }

    public int windowCount() {
        return count;
    }

    public boolean hasMask() {
        return mask;
    }

    private ByteBuffer section(long offset, long bytes) {
        return map.slice((int) offset, (int) bytes).order(ByteOrder.LITTLE_ENDIAN);
    }

    private long dataOffset(int window) {
        check(window);
        return ShardFormat.HEADER_BYTES + (long) window * shape.values() * 4;
    }

    /** Copies window {@code window}'s ids (row, step order) into {@code dst} at {@code offset}. */
    public void readIds(int window, int[] dst, int offset) {
        if (!shape.discrete()) {
            throw new IllegalStateException(file + " holds vectors, not ids");
        }
        section(dataOffset(window), shape.values() * 4).asIntBuffer().get(dst, offset, (int) shape.values());
    }

    /** Copies window {@code window}'s vectors (row, step, dim order) into {@code dst} at {@code offset}. */
    public void readVectors(int window, float[] dst, int offset) {
        if (shape.discrete()) {
            throw new IllegalStateException(file + " holds ids, not vectors");
        }
        section(dataOffset(window), shape.values() * 4).asFloatBuffer().get(dst, offset, (int) shape.values());
    }

    /** Copies the validity of window {@code window}'s steps into {@code dst} (all true without a mask). */
    public void readMask(int window, boolean[] dst, int offset) {
        check(window);
        int n = shape.rows() * shape.steps();
        if (!mask) {
            Arrays.fill(dst, offset, offset + n, true);
            return;
        }
        ByteBuffer b = section(maskOffset + (long) window * n, n);
        for (int i = 0; i < n; i++) {
            dst[offset + i] = b.get(i) != 0;
        }
    }

    /** Index entry of a window: the source, its window number there, its start sample and seconds. */
    public WindowInfo info(int window) {
        check(window);
        ByteBuffer b = section(indexOffset + (long) window * ShardFormat.INDEX_ENTRY_BYTES,
                ShardFormat.INDEX_ENTRY_BYTES);
        return new WindowInfo(b.getInt(0), b.getInt(4), b.getLong(8), b.getDouble(16));
    }

    private void check(int window) {
        if (window < 0 || window >= count) {
            throw new IndexOutOfBoundsException("window " + window + " of " + file + ", which has " + count);
        }
    }

    /** Where a window came from. */
    public record WindowInfo(int source, int windowInSource, long startSample, double startSeconds) {
    }
}

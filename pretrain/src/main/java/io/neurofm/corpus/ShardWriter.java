package io.neurofm.corpus;

import io.neurofm.signal.io.AtomicFiles;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Collects the windows of one split and one shape in memory and writes them as one shard file
 * (temp + rename) once the target size is reached or the build ends. Memory is bounded by the
 * target shard size per open writer.
 */
final class ShardWriter {
    /** A written shard. */
    record Written(Path file, String split, ShardShape shape, boolean mask, long windows, long bytes, String sha256,
                   int vocabularySize, double stepSeconds) {
    }

    private final String split;
    private final ShardShape shape;
    private final int vocabularySize;
    private final double stepSeconds;
    private final ByteArrayOutputStream data = new ByteArrayOutputStream();
    private final List<byte[]> masks = new ArrayList<>();
    private final ByteBuffer index;
    private int count;

    ShardWriter(String split, ShardShape shape, int vocabularySize, double stepSeconds, int capacity) {
        this.split = split;
        this.shape = shape;
        this.vocabularySize = vocabularySize;
        this.stepSeconds = stepSeconds;
        this.index = ByteBuffer.allocate(capacity * ShardFormat.INDEX_ENTRY_BYTES).order(ByteOrder.LITTLE_ENDIAN);
    }

    /** Windows of one shape that fit in {@code targetBytes} (at least one). */
    static int capacity(ShardShape shape, long targetBytes) {
        long per = shape.values() * 4 + ShardFormat.INDEX_ENTRY_BYTES + (long) shape.rows() * shape.steps();
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE / ShardFormat.INDEX_ENTRY_BYTES,
                (targetBytes - ShardFormat.HEADER_BYTES) / per));
    }

    boolean full() {
        return count * ShardFormat.INDEX_ENTRY_BYTES == index.capacity();
    }

    String split() {
        return split;
    }

    int count() {
        return count;
    }

    void add(EncodedWindow w) {
        if (!w.shape().equals(shape)) {
            throw new IllegalArgumentException("a " + w.shape() + " window in a " + shape + " shard");
        }
        data.write(w.values(), 0, w.values().length);
        masks.add(w.valid());
        index.putInt(w.source()).putInt(w.window()).putLong(w.startSample()).putDouble(w.startSeconds());
        count++;
    }

    Written write(Path file) throws IOException {
        boolean hasMask = masks.stream().anyMatch(m -> m != null);
        long dataBytes = data.size();
        long maskOffset = hasMask ? ShardFormat.HEADER_BYTES + dataBytes : 0;
        long maskBytes = hasMask ? ShardFormat.align8((long) count * shape.rows() * shape.steps()) : 0;
        long indexOffset = ShardFormat.HEADER_BYTES + dataBytes + maskBytes;
        ByteBuffer header = ByteBuffer.allocate(ShardFormat.HEADER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        header.put(ShardFormat.MAGIC).putInt(ShardFormat.VERSION).putInt(shape.dtype()).putInt(shape.rows())
                .putInt(shape.steps()).putInt(shape.dim()).putInt(hasMask ? ShardFormat.FLAG_MASK : 0)
                .putLong(count).putLong(ShardFormat.HEADER_BYTES).putLong(maskOffset).putLong(indexOffset);
        byte[] mask = new byte[Math.toIntExact(maskBytes)];
        if (hasMask) {
            int perWindow = shape.rows() * shape.steps();
            int p = 0;
            for (byte[] m : masks) {
                if (m == null) {
                    Arrays.fill(mask, p, p + perWindow, (byte) 1);
                } else {
                    System.arraycopy(m, 0, mask, p, perWindow);
                }
                p += perWindow;
            }
        }
        ByteArrayOutputStream all = new ByteArrayOutputStream(Math.toIntExact(indexOffset + index.position()));
        all.write(header.array());
        data.writeTo(all);
        all.write(mask);
        all.write(index.array(), 0, index.position());
        byte[] bytes = all.toByteArray();
        AtomicFiles.write(file, bytes);
        return new Written(file, split, shape, hasMask, count, bytes.length, Sha256.of(bytes), vocabularySize,
                stepSeconds);
    }
}

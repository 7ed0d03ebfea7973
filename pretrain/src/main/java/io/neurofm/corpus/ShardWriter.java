package io.neurofm.corpus;

import io.neurofm.signal.io.AtomicFiles;
import io.neurofm.tokenize.Tokens;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
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
    private final List<boolean[][]> masks = new ArrayList<>();
    private final ByteBuffer index;
    private final byte[] windowBytes;
    private int count;

    ShardWriter(String split, ShardShape shape, int vocabularySize, double stepSeconds, int capacity) {
        this.split = split;
        this.shape = shape;
        this.vocabularySize = vocabularySize;
        this.stepSeconds = stepSeconds;
        this.index = ByteBuffer.allocate(capacity * ShardFormat.INDEX_ENTRY_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        this.windowBytes = new byte[Math.toIntExact(shape.values() * 4)];
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

    void add(Tokens tokens, int source, int windowInSource, long startSample, double startSeconds) {
        ByteBuffer buffer = ByteBuffer.wrap(windowBytes).order(ByteOrder.LITTLE_ENDIAN);
        for (int r = 0; r < shape.rows(); r++) {
            for (int s = 0; s < shape.steps(); s++) {
                if (shape.discrete()) {
                    buffer.putInt(tokens.ids()[r][s]);
                } else {
                    for (float v : tokens.vectors()[r][s]) {
                        buffer.putFloat(v);
                    }
                }
            }
        }
        data.write(windowBytes, 0, windowBytes.length);
        masks.add(tokens.valid());
        index.putInt(source).putInt(windowInSource).putLong(startSample).putDouble(startSeconds);
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
            int p = 0;
            for (boolean[][] m : masks) {
                for (int r = 0; r < shape.rows(); r++) {
                    for (int s = 0; s < shape.steps(); s++) {
                        mask[p++] = (byte) (m == null || m[r][s] ? 1 : 0);
                    }
                }
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

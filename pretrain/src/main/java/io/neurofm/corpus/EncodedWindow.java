package io.neurofm.corpus;

import io.neurofm.tokenize.Tokens;
import java.io.Serializable;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * One tokenised window in the bytes a shard stores for it: the values (little-endian int32 ids or
 * float32 vectors, row-major), the validity mask (one byte per row and step; null when every step
 * is real) and its index entry. The unit handed from tokenisation to shard assembly, also between
 * machines (Spark tasks to the driver), hence plain arrays and {@link Serializable}.
 *
 * @param source         the source's index in the manifest
 * @param window         the window's number within its source
 * @param startSample    first sample of the window in the preprocessed recording
 * @param startSeconds   the same in seconds
 * @param vocabularySize the tokens' vocabulary size (0 for vectors)
 * @param stepSeconds    time one token step covers
 */
public record EncodedWindow(int source, int window, long startSample, double startSeconds, ShardShape shape,
                            int vocabularySize, double stepSeconds, byte[] values, byte[] valid)
        implements Serializable {
    private static final long serialVersionUID = 1L;

    public EncodedWindow {
        if (values.length != shape.values() * 4) {
            throw new IllegalArgumentException(values.length + " value bytes for a " + shape + " window");
        }
        if (valid != null && valid.length != shape.rows() * shape.steps()) {
            throw new IllegalArgumentException(valid.length + " mask bytes for a " + shape + " window");
        }
    }

    /** Encodes a window's tokens. */
    static EncodedWindow of(Tokens tokens, int source, int window, long startSample, double startSeconds) {
        ShardShape shape = tokens.isDiscrete()
                ? new ShardShape(ShardFormat.DTYPE_INT32, tokens.rows(), tokens.steps(), 1)
                : new ShardShape(ShardFormat.DTYPE_FLOAT32, tokens.rows(), tokens.steps(), tokens.dimension());
        ByteBuffer buffer = ByteBuffer.allocate(Math.toIntExact(shape.values() * 4)).order(ByteOrder.LITTLE_ENDIAN);
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
        byte[] mask = null;
        boolean[][] valid = tokens.valid();
        if (valid != null) {
            mask = new byte[shape.rows() * shape.steps()];
            int p = 0;
            for (int r = 0; r < shape.rows(); r++) {
                for (int s = 0; s < shape.steps(); s++) {
                    mask[p++] = (byte) (valid[r][s] ? 1 : 0);
                }
            }
        }
        return new EncodedWindow(source, window, startSample, startSeconds, shape, tokens.vocabularySize(),
                tokens.stepSeconds(), buffer.array(), mask);
    }
}

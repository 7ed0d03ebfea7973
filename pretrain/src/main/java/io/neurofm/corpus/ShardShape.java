package io.neurofm.corpus;

/**
 * The shape every window of a shard has. Windows of different shapes (recordings with different
 * channel counts) go to different shards, and a batch only ever holds one shape.
 *
 * @param dtype {@link ShardFormat#DTYPE_INT32} or {@link ShardFormat#DTYPE_FLOAT32}
 * @param dim   1 for ids
 */
public record ShardShape(int dtype, int rows, int steps, int dim) implements java.io.Serializable {
    public ShardShape {
        if (dtype != ShardFormat.DTYPE_INT32 && dtype != ShardFormat.DTYPE_FLOAT32) {
            throw new IllegalArgumentException("unknown dtype " + dtype);
        }
        if (rows < 1 || steps < 1 || dim < 1) {
            throw new IllegalArgumentException("empty window shape " + rows + " x " + steps + " x " + dim);
        }
        if (dtype == ShardFormat.DTYPE_INT32 && dim != 1) {
            throw new IllegalArgumentException("ids have dim 1, got " + dim);
        }
    }

    public boolean discrete() {
        return dtype == ShardFormat.DTYPE_INT32;
    }

    /** Values per window. */
    public long values() {
        return (long) rows * steps * dim;
    }

    /** Rows x steps (x dim for vectors). */
    public int[] dims() {
        return discrete() ? new int[] {rows, steps} : new int[] {rows, steps, dim};
    }

    @Override
    public String toString() {
        return ShardFormat.dtypeName(dtype) + " " + rows + " x " + steps + (discrete() ? "" : " x " + dim);
    }
}

package io.neurofm.corpus;

import java.nio.charset.StandardCharsets;

/**
 * The shard file layout (all little-endian; every section starts on an 8-byte boundary):
 * <pre>
 *  0  8 bytes  magic "NFMSHARD"
 *  8  int32    version (1)
 * 12  int32    dtype: 1 = int32 ids, 2 = float32 vectors
 * 16  int32    rows, 20 int32 steps, 24 int32 dim (1 for ids)
 * 28  int32    flags: bit 0 = a mask section is present
 * 32  int64    window count N
 * 40  int64    data offset (64): N x rows x steps x dim values, window-major, then row, step, dim
 * 48  int64    mask offset (0 when none): N x rows x steps bytes, 1 = real step, 0 = padding
 * 56  int64    index offset: N entries of 24 bytes: int32 source, int32 window number within the
 *              source, int64 start sample, float64 start seconds (from the source's first sample)
 * </pre>
 * The file ends right after the index.
 */
final class ShardFormat {
    static final byte[] MAGIC = "NFMSHARD".getBytes(StandardCharsets.US_ASCII);
    static final int VERSION = 1;
    static final int DTYPE_INT32 = 1;
    static final int DTYPE_FLOAT32 = 2;
    static final int FLAG_MASK = 1;
    static final int HEADER_BYTES = 64;
    static final int INDEX_ENTRY_BYTES = 24;

    private ShardFormat() {
    }

    static long align8(long n) {
        return (n + 7) & ~7L;
    }

    static String dtypeName(int dtype) {
        return dtype == DTYPE_INT32 ? "int32" : "float32";
    }
}

package io.neurofm.signal.io.fif;

/** The decompressed bytes of a .fif.gz file (gzip cannot be read at an offset without inflating what precedes it). */
final class ArrayByteSource implements ByteSource {
    private final byte[] bytes;

    ArrayByteSource(byte[] bytes) {
        this.bytes = bytes;
    }

    @Override
    public long length() {
        return bytes.length;
    }

    @Override
    public void read(long pos, byte[] dst, int off, int len) {
        System.arraycopy(bytes, Math.toIntExact(pos), dst, off, len);
    }

    @Override
    public void close() {
        // nothing to release
    }
}

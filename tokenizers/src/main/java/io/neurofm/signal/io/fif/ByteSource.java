package io.neurofm.signal.io.fif;

import java.io.Closeable;
import java.io.IOException;

/** Positioned reads from a FIF file on disk or from its decompressed bytes in memory. */
interface ByteSource extends Closeable {
    long length();

    /** Reads exactly {@code len} bytes at {@code pos}; callers check the range against {@link #length()}. */
    void read(long pos, byte[] dst, int off, int len) throws IOException;
}

package io.neurofm.signal.io.npy;

import io.neurofm.signal.SignalFormatException;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.zip.ZipException;

/** The bytes of one .npy, a plain file or an .npz entry, read at offsets from its start. */
interface NpyBytes extends Closeable {
    /** One pass over the bytes; the offsets it is asked for must not decrease. */
    Pass pass() throws IOException;

    interface Pass extends Closeable {
        /** Fills {@code dst} (position to limit) with the bytes from {@code offset} on. */
        void readFully(long offset, ByteBuffer dst) throws IOException;

        @Override
        void close() throws IOException;
    }

    /** A plain .npy: positioned reads, any order. */
    static NpyBytes of(Path file, FileChannel channel) {
        return new NpyBytes() {
            @Override
            public Pass pass() {
                return new Pass() {
                    @Override
                    public void readFully(long offset, ByteBuffer dst) throws IOException {
                        long at = offset;
                        while (dst.hasRemaining()) {
                            int n = channel.read(dst, at);
                            if (n < 0) {
                                throw new SignalFormatException(file, "data", at, "more data (the file was shorter"
                                        + " than when it was opened)", "its end");
                            }
                            at += n;
                        }
                    }

                    @Override
                    public void close() {
                    }
                };
            }

            @Override
            public void close() throws IOException {
                channel.close();
            }
        };
    }

    /**
     * An .npz entry: a fresh entry stream per pass, skipped forward. Skipping a stored entry
     * moves a position; skipping a deflated one decompresses what it skips.
     */
    static NpyBytes of(NpzArchive archive, String name) {
        return new NpyBytes() {
            @Override
            public Pass pass() throws IOException {
                InputStream in = archive.open(name);
                return new Pass() {
                    private long position;

                    @Override
                    public void readFully(long offset, ByteBuffer dst) throws IOException {
                        if (offset < position) {
                            throw new IllegalStateException("entry passes read forwards only: asked for byte "
                                    + offset + " after byte " + position);
                        }
                        try {
                            in.skipNBytes(offset - position);
                            int len = dst.remaining();
                            int got = in.readNBytes(dst.array(), dst.arrayOffset() + dst.position(), len);
                            if (got < len) {
                                throw new EOFException("entry ends " + (len - got) + " bytes early");
                            }
                            dst.position(dst.limit());
                            position = offset + len;
                        } catch (ZipException | EOFException e) {
                            throw archive.corrupt(name, e);
                        }
                    }

                    @Override
                    public void close() throws IOException {
                        in.close();
                    }
                };
            }

            @Override
            public void close() throws IOException {
                archive.close();
            }
        };
    }
}

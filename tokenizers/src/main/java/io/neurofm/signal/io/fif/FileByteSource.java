package io.neurofm.signal.io.fif;

import io.neurofm.signal.SignalException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** A FIF file read through a FileChannel, so a window touches only the bytes it needs. */
final class FileByteSource implements ByteSource {
    private final Path file;
    private final FileChannel channel;
    private final long length;

    FileByteSource(Path file) throws IOException {
        this.file = file;
        this.channel = FileChannel.open(file, StandardOpenOption.READ);
        this.length = channel.size();
    }

    @Override
    public long length() {
        return length;
    }

    @Override
    public void read(long pos, byte[] dst, int off, int len) throws IOException {
        ByteBuffer buffer = ByteBuffer.wrap(dst, off, len);
        long at = pos;
        while (buffer.hasRemaining()) {
            int n = channel.read(buffer, at);
            if (n < 0) {
                throw new SignalException(file, "ended at byte " + at + " while reading " + len + " bytes at " + pos
                        + " (was the file truncated while open?)");
            }
            at += n;
        }
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}

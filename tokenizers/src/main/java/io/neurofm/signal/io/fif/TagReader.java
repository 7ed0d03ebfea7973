package io.neurofm.signal.io.fif;

import io.neurofm.signal.SignalFormatException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Reads tag headers and tag data, checking every size and offset against the file length
 * before anything is allocated. All FIF numbers are big-endian.
 */
final class TagReader {
    /** Largest metadata tag read whole (data buffers are read in slices, never through here). */
    static final int MAX_METADATA_BYTES = 64 * 1024 * 1024;

    private final Path file;
    private final ByteSource source;

    TagReader(Path file, ByteSource source) {
        this.file = file;
        this.source = source;
    }

    Path file() {
        return file;
    }

    long length() {
        return source.length();
    }

    ByteSource source() {
        return source;
    }

    /** The header at {@code pos}, with its size checked against the end of the file. */
    TagHeader header(long pos, String what) throws IOException {
        if (pos < 0 || pos > source.length() - TagHeader.BYTES) {
            throw new SignalFormatException(file, what, pos, "a 16-byte tag header inside the file (length "
                    + source.length() + ")", "offset " + pos);
        }
        ByteBuffer b = bytes(pos, TagHeader.BYTES);
        TagHeader tag = new TagHeader(b.getInt(), b.getInt(), b.getInt(), b.getInt(), pos);
        checkExtent(tag, what);
        return tag;
    }

    void checkExtent(TagHeader tag, String what) throws SignalFormatException {
        long room = source.length() - tag.pos() - TagHeader.BYTES;
        if (tag.size() < 0 || tag.size() > room) {
            throw new SignalFormatException(file, what + " (tag kind " + tag.kind() + ") size", tag.pos() + 8,
                    "a data size in 0.." + Math.max(room, 0) + " (what is left of the file)",
                    String.valueOf(tag.size()));
        }
    }

    /**
     * Checks that the tag a directory entry points at is the tag the entry describes, so a
     * corrupt directory cannot make us interpret arbitrary bytes as, say, channel info.
     */
    void verify(TagHeader entry, String what) throws IOException {
        TagHeader actual = header(entry.pos(), what);
        if (actual.kind() != entry.kind() || actual.type() != entry.type() || actual.size() != entry.size()) {
            throw new SignalFormatException(file, what, entry.pos(),
                    "the tag the directory lists (kind " + entry.kind() + ", type " + entry.type() + ", size "
                            + entry.size() + ")",
                    "kind " + actual.kind() + ", type " + actual.type() + ", size " + actual.size());
        }
    }

    /** Reads {@code len} bytes at {@code pos} after checking the range. */
    ByteBuffer bytes(long pos, int len) throws IOException {
        if (len < 0 || pos < 0 || pos > source.length() - len) {
            throw new SignalFormatException(file, "data", pos, len + " bytes inside the file (length "
                    + source.length() + ")", "a range past the end");
        }
        byte[] dst = new byte[len];
        source.read(pos, dst, 0, len);
        return ByteBuffer.wrap(dst); // big-endian by default, as FIF is
    }

    ByteBuffer data(TagHeader tag, String what) throws IOException {
        checkExtent(tag, what);
        if (tag.size() > MAX_METADATA_BYTES) {
            throw new SignalFormatException(file, what, tag.pos(), "at most " + MAX_METADATA_BYTES
                    + " bytes for a metadata tag", tag.size() + " bytes");
        }
        return bytes(tag.dataPos(), tag.size());
    }

    private void requireType(TagHeader tag, String what, int... types) throws SignalFormatException {
        for (int t : types) {
            if (tag.type() == t) {
                return;
            }
        }
        StringBuilder names = new StringBuilder();
        for (int t : types) {
            names.append(names.length() == 0 ? "" : " or ").append(Fiff.typeName(t));
        }
        throw new SignalFormatException(file, what, tag.pos() + 4, "data type " + names,
                Fiff.typeName(tag.type()));
    }

    private void requireSize(TagHeader tag, String what, int atLeast, int multipleOf) throws SignalFormatException {
        if (tag.size() < atLeast || tag.size() % multipleOf != 0) {
            throw new SignalFormatException(file, what, tag.pos() + 8, "a data size of at least " + atLeast
                    + " bytes, a multiple of " + multipleOf, String.valueOf(tag.size()));
        }
    }

    int readInt(TagHeader tag, String what) throws IOException {
        verify(tag, what);
        requireType(tag, what, Fiff.T_INT);
        requireSize(tag, what, 4, 4);
        return bytes(tag.dataPos(), 4).getInt();
    }

    int[] readInts(TagHeader tag, String what) throws IOException {
        verify(tag, what);
        requireType(tag, what, Fiff.T_INT);
        requireSize(tag, what, 4, 4);
        ByteBuffer b = data(tag, what);
        int[] out = new int[tag.size() / 4];
        for (int i = 0; i < out.length; i++) {
            out[i] = b.getInt();
        }
        return out;
    }

    /** A float or double array tag, as doubles (float values widened exactly). */
    double[] readReals(TagHeader tag, String what) throws IOException {
        verify(tag, what);
        requireType(tag, what, Fiff.T_FLOAT, Fiff.T_DOUBLE);
        int width = tag.type() == Fiff.T_FLOAT ? 4 : 8;
        requireSize(tag, what, width, width);
        ByteBuffer b = data(tag, what);
        double[] out = new double[tag.size() / width];
        for (int i = 0; i < out.length; i++) {
            out[i] = width == 4 ? b.getFloat() : b.getDouble();
        }
        return out;
    }

    double readReal(TagHeader tag, String what) throws IOException {
        return readReals(tag, what)[0];
    }

    /** A string tag; FIFF strings are Latin-1 (MNE decodes them so too). */
    String readString(TagHeader tag, String what) throws IOException {
        verify(tag, what);
        requireType(tag, what, Fiff.T_STRING);
        ByteBuffer b = data(tag, what);
        return new String(b.array(), StandardCharsets.ISO_8859_1);
    }

    FifId readId(TagHeader tag, String what) throws IOException {
        verify(tag, what);
        requireType(tag, what, Fiff.T_ID_STRUCT);
        requireSize(tag, what, 20, 4);
        ByteBuffer b = bytes(tag.dataPos(), 20);
        int version = b.getInt();
        b.getInt();
        b.getInt(); // machine id: not needed
        return new FifId(version, b.getInt(), b.getInt());
    }

    FifChannelInfo readChannelInfo(TagHeader tag, String what) throws IOException {
        verify(tag, what);
        requireType(tag, what, Fiff.T_CH_INFO_STRUCT);
        requireSize(tag, what, FifChannelInfo.BYTES, 4);
        return FifChannelInfo.parse(bytes(tag.dataPos(), FifChannelInfo.BYTES), file, tag.dataPos());
    }
}

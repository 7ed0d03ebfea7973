package io.neurofm.signal.io.fif;

import io.neurofm.signal.SignalFormatException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * The list of every tag in a FIF file, in file order: taken from the tag directory that
 * FIFF_DIR_POINTER names when the file has one, otherwise found by walking the tags from the
 * start (as MNE does; files written by MNE-Python carry no directory).
 *
 * @param tags          every tag header (the directory tag itself excluded)
 * @param fromDirectory true when the directory was used, false after a sequential scan
 */
record FifDirectory(List<TagHeader> tags, boolean fromDirectory) {
    private static final int ID_STRUCT_BYTES = 20;

    static FifDirectory read(TagReader reader) throws IOException {
        TagHeader fileId = reader.header(0, "FIFF_FILE_ID (first tag)");
        if (fileId.kind() != Fiff.FILE_ID || fileId.type() != Fiff.T_ID_STRUCT || fileId.size() != ID_STRUCT_BYTES) {
            throw new SignalFormatException(reader.file(), "FIFF_FILE_ID (first tag)", 0,
                    "kind 100, type 31 (id struct), size 20: a FIF file starts with its file id",
                    "kind " + fileId.kind() + ", type " + fileId.type() + ", size " + fileId.size());
        }
        long second = nextPosition(reader, fileId);
        TagHeader pointer = reader.header(second, "FIFF_DIR_POINTER (second tag)");
        if (pointer.kind() != Fiff.DIR_POINTER) {
            throw new SignalFormatException(reader.file(), "FIFF_DIR_POINTER (second tag)", second,
                    "kind 101 after the file id", "kind " + pointer.kind());
        }
        long dirPos = reader.readInt(pointer, "FIFF_DIR_POINTER");
        // A pointer past the end means the directory was never written (an interrupted
        // recording): MNE then rebuilds it by scanning, and so do we.
        if (dirPos > 0 && dirPos <= reader.length() - TagHeader.BYTES) {
            return new FifDirectory(readDirectory(reader, dirPos), true);
        }
        return new FifDirectory(scan(reader), false);
    }

    private static long nextPosition(TagReader reader, TagHeader tag) throws SignalFormatException {
        if (tag.next() == Fiff.NEXT_SEQUENTIAL) {
            return tag.end();
        }
        if (tag.next() > tag.pos()) {
            return tag.next();
        }
        throw new SignalFormatException(reader.file(), "tag 'next' field", tag.pos() + 12,
                "0 (sequential), -1 (last tag) or an offset after this tag", String.valueOf(tag.next()));
    }

    private static List<TagHeader> readDirectory(TagReader reader, long dirPos) throws IOException {
        TagHeader dir = reader.header(dirPos, "tag directory");
        if (dir.kind() != Fiff.DIR || dir.type() != Fiff.T_DIR_ENTRY_STRUCT || dir.size() % TagHeader.BYTES != 0
                || dir.size() < TagHeader.BYTES) {
            throw new SignalFormatException(reader.file(), "tag directory", dirPos,
                    "kind 102, type 32 (dir entries), size a non-zero multiple of 16 where FIFF_DIR_POINTER points",
                    "kind " + dir.kind() + ", type " + dir.type() + ", size " + dir.size());
        }
        // The last entry is a terminator (kind -1); MNE drops it the same way.
        int count = dir.size() / TagHeader.BYTES - 1;
        List<TagHeader> tags = new ArrayList<>(count);
        long at = dir.dataPos();
        int chunkEntries = 4096;
        for (int first = 0; first < count; first += chunkEntries) {
            int n = Math.min(chunkEntries, count - first);
            ByteBuffer b = reader.bytes(at + (long) first * TagHeader.BYTES, n * TagHeader.BYTES);
            for (int i = 0; i < n; i++) {
                int kind = b.getInt();
                int type = b.getInt();
                int size = b.getInt();
                int pos = b.getInt();
                long entryOffset = at + (long) (first + i) * TagHeader.BYTES;
                if (pos < 0) {
                    throw new SignalFormatException(reader.file(), "tag directory entry " + (first + i),
                            entryOffset + 12, "a tag position >= 0", String.valueOf(pos));
                }
                TagHeader entry = new TagHeader(kind, type, size, pos, pos);
                if ((long) pos > reader.length() - TagHeader.BYTES) {
                    throw new SignalFormatException(reader.file(), "tag directory entry " + (first + i),
                            entryOffset + 12, "a tag position inside the file (length " + reader.length() + ")",
                            String.valueOf(pos));
                }
                reader.checkExtent(entry, "tag directory entry " + (first + i));
                tags.add(entry);
            }
        }
        return tags;
    }

    private static List<TagHeader> scan(TagReader reader) throws IOException {
        List<TagHeader> tags = new ArrayList<>();
        long pos = 0;
        while (pos < reader.length()) {
            TagHeader tag = reader.header(pos, "tag header");
            tags.add(tag);
            if (tag.next() < 0) {
                break; // -1 marks the last tag; MNE stops at any negative value
            }
            pos = nextPosition(reader, tag);
        }
        return tags;
    }
}

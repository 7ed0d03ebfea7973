package io.neurofm.signal.io.fif;

/**
 * The 16-byte header of a FIF tag (or a directory entry describing one).
 *
 * @param kind what the tag holds (FIFF_NCHAN, FIFF_DATA_BUFFER, ...)
 * @param type how its data are encoded (int, float, ch_info struct, ...)
 * @param size data bytes after the header
 * @param next 0 = the next tag follows, -1 = last tag, &gt;0 = absolute offset of the next tag
 *             (unknown for directory entries, where it holds the position instead)
 * @param pos  byte offset of the header in the file
 */
record TagHeader(int kind, int type, int size, int next, long pos) {
    static final int BYTES = 16;

    long dataPos() {
        return pos + BYTES;
    }

    long end() {
        return pos + BYTES + size;
    }
}

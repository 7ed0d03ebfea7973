package io.neurofm.signal.io.fif;

/**
 * One stretch of the raw data: a FIFF_DATA_BUFFER (samples x channels, sample-major) or a gap
 * that FIFF_DATA_SKIP left (read as zeros, as MNE does).
 *
 * @param start    first sample, counted from the first sample of the recording
 * @param samples  number of samples
 * @param dataPos  byte offset of the buffer's data, or -1 for a skip
 * @param type     FIFF data type of the samples (short, dau_pack16, int, float, double); 0 for a skip
 */
record RawBuffer(long start, int samples, long dataPos, int type) {
    boolean isSkip() {
        return dataPos < 0;
    }

    long end() {
        return start + samples;
    }

    static int bytesPerValue(int type) {
        return switch (type) {
            case Fiff.T_SHORT, Fiff.T_DAU_PACK16 -> 2;
            case Fiff.T_INT, Fiff.T_FLOAT -> 4;
            case Fiff.T_DOUBLE -> 8;
            default -> 0;
        };
    }
}

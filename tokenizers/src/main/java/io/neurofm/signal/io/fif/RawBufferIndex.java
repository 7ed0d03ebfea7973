package io.neurofm.signal.io.fif;

import io.neurofm.signal.SignalFormatException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Where each sample of the raw data block lives, built on open from tag headers only (no
 * sample is read). Follows MNE's reading of FIFF_FIRST_SAMPLE (first entry of the block), an
 * initial FIFF_DATA_SKIP (which only moves the first sample) and later skips (gaps the size of
 * the next buffer times the skip count, read as zeros and annotated BAD_ACQ_SKIP).
 *
 * @param firstSample absolute index of the first sample (MNE's first_samp)
 * @param buffers     contiguous, in order, starting at 0
 * @param sampleCount total samples, skips included
 */
record RawBufferIndex(long firstSample, List<RawBuffer> buffers, long sampleCount) {
    /** A skip count beyond this is corruption: real skips span a few buffers. */
    static final int MAX_SKIP_BUFFERS = 1 << 20;

    static RawBufferIndex build(FifNode raw, int nchan, TagReader reader) throws IOException {
        List<TagHeader> tags = raw.tags();
        int first = 0;
        long firstSample = 0;
        int initialSkip = 0;
        if (first < tags.size() && tags.get(first).kind() == Fiff.FIRST_SAMPLE) {
            firstSample = reader.readInt(tags.get(first), "FIFF_FIRST_SAMPLE");
            first++;
        }
        if (first < tags.size() && tags.get(first).kind() == Fiff.DATA_SKIP) {
            initialSkip = skipCount(reader, tags.get(first));
            first++;
        }
        List<RawBuffer> buffers = new ArrayList<>();
        long next = 0; // relative to firstSample once the initial skip is applied
        int pendingSkip = 0;
        for (int k = first; k < tags.size(); k++) {
            TagHeader tag = tags.get(k);
            if (tag.kind() == Fiff.DATA_SKIP) {
                pendingSkip = skipCount(reader, tag);
            } else if (tag.kind() == Fiff.DATA_BUFFER) {
                int samples = samplesIn(tag, nchan, reader);
                if (initialSkip > 0) {
                    firstSample += (long) samples * initialSkip;
                    initialSkip = 0;
                }
                if (pendingSkip > 0) {
                    long gap = (long) samples * pendingSkip;
                    if (gap > Integer.MAX_VALUE) {
                        throw new SignalFormatException(reader.file(), "FIFF_DATA_SKIP", tag.pos(),
                                "a skip of at most " + Integer.MAX_VALUE + " samples", gap + " samples");
                    }
                    buffers.add(new RawBuffer(next, (int) gap, -1, 0));
                    next += gap;
                    pendingSkip = 0;
                }
                if (samples > 0) {
                    buffers.add(new RawBuffer(next, samples, tag.dataPos(), tag.type()));
                    next += samples;
                }
            }
        }
        if (buffers.isEmpty()) {
            throw new SignalFormatException(reader.file(), "FIFF_DATA_BUFFER", -1,
                    "at least one non-empty data buffer in the raw data block", "none");
        }
        return new RawBufferIndex(firstSample, List.copyOf(buffers), next);
    }

    private static int skipCount(TagReader reader, TagHeader tag) throws IOException {
        int n = reader.readInt(tag, "FIFF_DATA_SKIP");
        if (n < 0 || n > MAX_SKIP_BUFFERS) {
            throw new SignalFormatException(reader.file(), "FIFF_DATA_SKIP", tag.pos(),
                    "a count of skipped buffers in 0.." + MAX_SKIP_BUFFERS, String.valueOf(n));
        }
        return n;
    }

    private static int samplesIn(TagHeader tag, int nchan, TagReader reader) throws IOException {
        reader.verify(tag, "FIFF_DATA_BUFFER");
        int width = RawBuffer.bytesPerValue(tag.type());
        if (width == 0) {
            String why = tag.type() == Fiff.T_COMPLEX_FLOAT || tag.type() == Fiff.T_COMPLEX_DOUBLE
                    ? " (complex-valued raw data is not supported)" : "";
            throw new SignalFormatException(reader.file(), "FIFF_DATA_BUFFER", tag.pos() + 4,
                    "samples of type short, dau_pack16, int, float or double" + why, Fiff.typeName(tag.type()));
        }
        long rowBytes = (long) width * nchan;
        if (tag.size() % rowBytes != 0) {
            throw new SignalFormatException(reader.file(), "FIFF_DATA_BUFFER", tag.pos() + 8,
                    "a size that is a multiple of " + nchan + " channels x " + width + " bytes",
                    tag.size() + " bytes");
        }
        return (int) (tag.size() / rowBytes);
    }
}

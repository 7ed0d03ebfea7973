package io.neurofm.signal.io.npy;

import io.neurofm.signal.Annotation;
import io.neurofm.signal.RecordingHeader;
import io.neurofm.signal.ReadRequest;
import io.neurofm.signal.SignalException;
import io.neurofm.signal.Transform;
import java.util.ArrayList;
import java.util.List;

/** A read request checked against a header whose channels share one rate: channel indices and samples. */
record Window(int[] channels, long start, int count, boolean whole) {

    static Window of(RecordingHeader header, long samples, ReadRequest request) throws SignalException {
        int[] indices;
        if (request.channels().isEmpty()) {
            indices = new int[header.channelCount()];
            for (int i = 0; i < indices.length; i++) {
                indices[i] = i;
            }
        } else {
            indices = new int[request.channels().size()];
            for (int i = 0; i < indices.length; i++) {
                String name = request.channels().get(i);
                indices[i] = header.indexOf(name);
                if (indices[i] < 0) {
                    throw new SignalException(header.file(), "no channel named \"" + name + "\"; the file has "
                            + header.channels().stream().map(c -> c.name()).toList());
                }
            }
        }
        long start = request.startSample();
        long count = request.sampleCount() < 0 ? samples - start : request.sampleCount();
        if (start > samples || count > samples - start) {
            throw new SignalException(header.file(), "window of " + count + " samples from sample " + start
                    + " reaches past the end of the recording (" + samples + " samples)");
        }
        if (count > Integer.MAX_VALUE - 8) {
            throw new SignalException(header.file(), "window of " + count
                    + " samples is too long for one read; read it in pieces");
        }
        boolean whole = start == 0 && count == samples && request.channels().isEmpty();
        return new Window(indices, start, (int) count, whole);
    }

    /** Events whose onset lies in the window, onsets moved to count from its first sample. */
    List<Annotation> annotations(List<Annotation> all, double rate) {
        List<Annotation> out = new ArrayList<>();
        for (Annotation a : all) {
            long onset = a.onsetSample(rate);
            if (onset >= start && onset < start + count) {
                out.add(a.shifted(-start / rate));
            }
        }
        return out;
    }

    /** The read step: the file, its format and, for a part of it, which part. */
    Transform provenance(String fileName, String format, List<String> channelNames) {
        if (whole) {
            return Transform.of("read", "file", fileName, "format", format);
        }
        return Transform.of("read", "file", fileName, "format", format,
                "window", "samples " + start + ".." + (start + count) + " (end exclusive)",
                "channels", String.join(",", channelNames));
    }
}

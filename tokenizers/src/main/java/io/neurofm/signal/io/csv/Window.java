package io.neurofm.signal.io.csv;

import io.neurofm.signal.RecordingHeader;
import io.neurofm.signal.ReadRequest;
import io.neurofm.signal.SignalException;
import io.neurofm.signal.Transform;
import java.util.List;

/** A read request checked against a header whose channels share one rate: channel indices and rows. */
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
                    throw new SignalException(header.file(), "no ROI named \"" + name + "\"; the file has "
                            + header.channels().stream().map(c -> c.name()).toList());
                }
            }
        }
        long start = request.startSample();
        long count = request.sampleCount() < 0 ? samples - start : request.sampleCount();
        if (start > samples || count > samples - start) {
            throw new SignalException(header.file(), "window of " + count + " volumes from volume " + start
                    + " reaches past the end of the table (" + samples + " volumes)");
        }
        boolean whole = start == 0 && count == samples && request.channels().isEmpty();
        return new Window(indices, start, (int) count, whole);
    }

    /** The read step; the rate is recorded because it came from the caller, not the file. */
    Transform provenance(String fileName, String format, List<String> channelNames, double rate) {
        if (whole) {
            return Transform.of("read", "file", fileName, "format", format, "samplingRate", rate);
        }
        return Transform.of("read", "file", fileName, "format", format, "samplingRate", rate,
                "window", "samples " + start + ".." + (start + count) + " (end exclusive)",
                "channels", String.join(",", channelNames));
    }
}

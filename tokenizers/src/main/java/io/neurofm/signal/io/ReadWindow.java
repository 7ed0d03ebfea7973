package io.neurofm.signal.io;

import io.neurofm.signal.Annotation;
import io.neurofm.signal.Annotations;
import io.neurofm.signal.ReadRequest;
import io.neurofm.signal.RecordingHeader;
import io.neurofm.signal.SignalException;
import io.neurofm.signal.Transform;
import java.util.ArrayList;
import java.util.List;

/**
 * A read request checked against a header whose channels share one rate: which channels
 * (indices, in request order) and which samples, with the events and provenance step of that
 * window. Readers use it so every format resolves requests, cuts events and names the read the
 * same way.
 */
public record ReadWindow(int[] channels, long start, int count, boolean whole) {

    /**
     * @param samples samples per channel in the file
     * @throws SignalException naming the file for an unknown channel or a window past the end
     */
    public static ReadWindow of(RecordingHeader header, long samples, ReadRequest request) throws SignalException {
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
        return new ReadWindow(indices, start, (int) count, whole);
    }

    /** The events of this window (see {@link Annotations#window}). */
    public List<Annotation> annotations(List<Annotation> all, double rate) {
        return whole ? all : Annotations.window(all, start / rate, (start + count) / rate);
    }

    /**
     * The read step: the file, its format, any extra key/value facts and, for a part of the file,
     * which samples and channels.
     */
    public Transform provenance(String fileName, String format, List<String> channelNames, Object... extra) {
        List<Object> params = new ArrayList<>(List.of("file", fileName, "format", format));
        params.addAll(List.of(extra));
        if (!whole) {
            params.addAll(List.of("window", "samples " + start + ".." + (start + count) + " (end exclusive)",
                    "channels", String.join(",", channelNames)));
        }
        return Transform.of("read", params.toArray());
    }
}

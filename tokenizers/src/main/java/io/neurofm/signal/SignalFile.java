package io.neurofm.signal;

import java.io.Closeable;
import java.io.IOException;

/** An opened recording file: its header at once, samples on request. */
public interface SignalFile extends Closeable {
    RecordingHeader header();

    /**
     * Reads a window of a channel subset. The selected channels must share one native rate;
     * otherwise a {@link SignalException} names the rates (resampling is the caller's choice,
     * see {@code io.neurofm.signal.Readers#readResampled}). A window reaching past the end is
     * refused, not truncated.
     */
    Recording read(ReadRequest request) throws IOException;

    default Recording readAll() throws IOException {
        return read(ReadRequest.all());
    }
}

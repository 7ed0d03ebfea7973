package io.neurofm.signal.io.brainvision;

import io.neurofm.signal.OpenOptions;
import io.neurofm.signal.SignalFile;
import io.neurofm.signal.SignalReader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * BrainVision Core Data Format 1.0/2.0 (.vhdr header, .vmrk markers, binary data) as
 * mne.io.read_raw_brainvision reads it: samples in SI units, MNE's channel types, markers as
 * annotations "Type/Description" and the start time from the "New Segment" marker.
 */
public final class BrainVisionReader implements SignalReader {
    static final String FORMAT = "BrainVision";

    @Override
    public String formatName() {
        return FORMAT;
    }

    @Override
    public List<String> extensions() {
        return List.of(".vhdr");
    }

    /** Opens the .vhdr; the data and marker files it names are found relative to it. No option applies. */
    @Override
    public SignalFile open(Path file, OpenOptions options) throws IOException {
        return BrainVisionFile.open(file);
    }
}

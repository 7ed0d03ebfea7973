package io.neurofm.signal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** One per file format. Implementations are stateless; {@link #open} does the work. */
public interface SignalReader {
    /** Short format name shown to users, e.g. "EDF+", "GDF", "BrainVision", "FIF". */
    String formatName();

    /** Lower-case file name endings this reader claims, e.g. ".edf", ".nii.gz". */
    List<String> extensions();

    /**
     * Opens a file and parses its header. Must fail with a {@link SignalFormatException} naming
     * the field or byte offset for any malformed input, never with an unchecked exception.
     */
    SignalFile open(Path file, OpenOptions options) throws IOException;
}

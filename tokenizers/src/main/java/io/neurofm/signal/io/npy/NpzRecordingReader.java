package io.neurofm.signal.io.npy;

import io.neurofm.signal.OpenOptions;
import io.neurofm.signal.SignalFile;
import io.neurofm.signal.SignalReader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Recordings stored as NumPy arrays: an .npz whose "data" entry (or only entry) is
 * [channels, samples], or an .npy of that shape, plus the {@link RecordingSidecar} JSON next to it
 * (same base name, ".json") as {@link NpzRecordingWriter} writes it. Without a sidecar the caller
 * must give {@link OpenOptions#withSamplingRate(double)}; channels are then "ch0".."chN-1", MISC,
 * values as stored.
 */
public final class NpzRecordingReader implements SignalReader {
    @Override
    public String formatName() {
        return "NPZ";
    }

    @Override
    public List<String> extensions() {
        return List.of(".npz", ".npy");
    }

    @Override
    public SignalFile open(Path file, OpenOptions options) throws IOException {
        return NpzRecordingFile.open(file, options == null ? OpenOptions.DEFAULT : options);
    }
}

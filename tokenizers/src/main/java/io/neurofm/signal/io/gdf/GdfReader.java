package io.neurofm.signal.io.gdf;

import io.neurofm.signal.OpenOptions;
import io.neurofm.signal.SignalException;
import io.neurofm.signal.SignalReader;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * Reads GDF 1.x (1.00-1.89) and GDF 2.x files: headers and events on open, samples per window.
 * The header's format name carries the version ("GDF 1.25"). See tokenizers/docs/gdf.md.
 */
public final class GdfReader implements SignalReader {
    @Override
    public String formatName() {
        return "GDF";
    }

    @Override
    public List<String> extensions() {
        return List.of(".gdf");
    }

    @Override
    public GdfFile open(Path file, OpenOptions options) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new SignalException(file, "is not a regular file");
        }
        FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
        try {
            GdfHeader header = GdfHeaderParser.parse(file, channel);
            return new GdfFile(header, channel);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }
}

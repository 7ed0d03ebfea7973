package io.neurofm.embed;

import io.neurofm.load.LoadSpec;
import io.neurofm.load.RecordingLoader;
import io.neurofm.montage.ChannelMap;
import io.neurofm.signal.Readers;
import io.neurofm.signal.Recording;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/** The recordings an {@code --input FILE|DIR} names, and how each is loaded. */
public final class InputFiles {
    /** The value of a channel-map option that means "no map: the file's own names, positions unknown". */
    public static final String NO_MAP = "none";
    /** Prefix of a channel map bundled with neurofm, e.g. {@code resource:graz_sample_channels.tsv}. */
    public static final String RESOURCE = "resource:";

    private InputFiles() {
    }

    /**
     * A file as itself; a folder as every file under it (recursively, sorted by path) that a reader
     * claims by its ending.
     */
    public static List<Path> expand(Path input) throws IOException {
        if (Files.isRegularFile(input)) {
            return List.of(input);
        }
        if (!Files.isDirectory(input)) {
            throw new IllegalArgumentException("no such file or folder: " + input);
        }
        List<String> endings = Readers.supportedExtensions();
        try (Stream<Path> walk = Files.walk(input)) {
            List<Path> files = walk.filter(Files::isRegularFile)
                    .filter(p -> {
                        String name = p.getFileName().toString().toLowerCase(Locale.ROOT);
                        return endings.stream().anyMatch(e -> name.endsWith(e.toLowerCase(Locale.ROOT)));
                    })
                    .sorted().toList();
            if (files.isEmpty()) {
                throw new IllegalArgumentException(input + " holds no recording a reader claims (endings "
                        + endings + ")");
            }
            return files;
        }
    }

    /** A channel map option: a .tsv/.json file, {@code resource:NAME}, or {@link #NO_MAP} (null). */
    public static ChannelMap channelMap(String option) throws IOException {
        if (option == null || option.equalsIgnoreCase(NO_MAP)) {
            return null;
        }
        if (option.startsWith(RESOURCE)) {
            return ChannelMap.resource("/io/neurofm/montage/" + option.substring(RESOURCE.length()));
        }
        return ChannelMap.load(Path.of(option));
    }

    /**
     * The whole file with its BIDS sidecars where it has them ({@link RecordingLoader}), then the
     * channel map, as {@code RecordingLoader} orders it.
     */
    public static Recording load(Path file, ChannelMap map) throws IOException {
        Recording recording = RecordingLoader.load(file, LoadSpec.whole());
        return map == null ? recording : map.apply(recording);
    }
}

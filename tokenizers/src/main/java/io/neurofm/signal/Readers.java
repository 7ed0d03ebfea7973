package io.neurofm.signal;

import io.neurofm.signal.io.edf.EdfReader;
import io.neurofm.signal.io.fif.FifReader;
import io.neurofm.signal.io.brainvision.BrainVisionReader;
import io.neurofm.signal.io.csv.CsvRoiReader;
import io.neurofm.signal.io.gdf.GdfReader;
import io.neurofm.signal.io.npy.NpzRecordingReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

/**
 * The one place that knows every recording format: picks the reader for a file by its name
 * ending (each reader then checks the bytes it expects) and opens it.
 */
public final class Readers {
    private static final List<SignalReader> ALL = List.of(
            new EdfReader(),
            new GdfReader(),
            new FifReader(),
            new BrainVisionReader(),
            new NpzRecordingReader(),
            new CsvRoiReader());

    private Readers() {
    }

    public static List<SignalReader> all() {
        return ALL;
    }

    /** Every file ending some reader claims, sorted. */
    public static List<String> supportedExtensions() {
        TreeSet<String> endings = new TreeSet<>();
        ALL.forEach(r -> endings.addAll(r.extensions()));
        return List.copyOf(endings);
    }

    /**
     * The reader whose claimed ending is the longest match for this file name, so that
     * "x_raw.fif" and "x.nii.gz" pick the most specific reader.
     */
    public static SignalReader forFile(Path file) throws SignalException {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        SignalReader best = null;
        int bestLength = -1;
        for (SignalReader reader : ALL) {
            for (String ending : reader.extensions()) {
                if (name.endsWith(ending) && ending.length() > bestLength) {
                    best = reader;
                    bestLength = ending.length();
                }
            }
        }
        if (best == null) {
            throw new SignalException(file, "unknown recording format; supported file endings: "
                    + String.join(" ", supportedExtensions()));
        }
        return best;
    }

    /** Opens a recording file with the reader its name calls for. */
    public static SignalFile open(Path file, OpenOptions options) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new SignalException(file, Files.exists(file) ? "is not a regular file" : "does not exist");
        }
        return forFile(file).open(file, options);
    }

    /** Reads a whole file whose channels share one rate. */
    public static Recording read(Path file, OpenOptions options) throws IOException {
        try (SignalFile signalFile = open(file, options)) {
            return signalFile.readAll();
        }
    }

    /** Names of the channels of a header whose native rate equals {@code rate}. */
    public static List<String> channelsAtRate(RecordingHeader header, double rate) {
        List<String> names = new ArrayList<>();
        for (Channel channel : header.channels()) {
            if (Double.compare(channel.samplingRate(), rate) == 0) {
                names.add(channel.name());
            }
        }
        return names;
    }
}

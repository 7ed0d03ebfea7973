package io.neurofm.cli;

import io.neurofm.load.LoadSpec;
import io.neurofm.montage.StandardMontage;
import io.neurofm.signal.OpenOptions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** Options shared by verbs that read a recording: facts the file lacks, and what to keep of it. */
final class ReadOptions {
    @Option(names = "--sfreq", paramLabel = "HZ",
            description = "Sampling rate for formats that do not store one (bare .npy/.npz).")
    Double samplingRate;

    @Option(names = "--tr", paramLabel = "SECONDS",
            description = "Repetition time for fMRI ROI tables (.csv), which do not store one.")
    Double repetitionTime;

    @Option(names = "--channels", split = ",", paramLabel = "NAME",
            description = "Channels to keep, in this order (comma-separated). Default: all.")
    List<String> channels = new ArrayList<>();

    @Option(names = "--start", paramLabel = "SECONDS", description = "Start of the window to read (default 0).")
    double startSeconds;

    @Option(names = "--duration", paramLabel = "SECONDS", description = "Length of the window (default: to the end).")
    Double durationSeconds;

    @Option(names = "--resample", paramLabel = "HZ",
            description = "Resample to this rate (polyphase, as scipy.signal.resample_poly); needed to read "
                    + "channels of different native rates together.")
    Double resampleTo;

    @Option(names = "--channel-map", paramLabel = "FILE",
            description = "TSV or JSON map: original name -> name, type, position or montage "
                    + "(e.g. for files whose channels are called 'Channel 1').")
    Path channelMap;

    @Option(names = "--montage", paramLabel = "SYSTEM",
            description = "Standard positions for channels without one: 10-20, 10-10 or 10-05.")
    String montage;

    @Option(names = "--ignore-bids",
            description = "Do not apply BIDS sidecars (_channels/_electrodes/_events.tsv) of a file inside a dataset.")
    boolean ignoreBids;

    LoadSpec toLoadSpec() {
        if (samplingRate != null && repetitionTime != null) {
            throw new IllegalArgumentException("give either --sfreq or --tr, not both");
        }
        OpenOptions open = samplingRate != null ? OpenOptions.withSamplingRate(samplingRate)
                : repetitionTime != null ? OpenOptions.withRepetitionTime(repetitionTime) : OpenOptions.DEFAULT;
        StandardMontage standard = montage == null ? null : StandardMontage.byLabel(montage);
        return new LoadSpec(open, channels, startSeconds, durationSeconds == null ? Double.NaN : durationSeconds,
                resampleTo, channelMap, standard, !ignoreBids);
    }

    OpenOptions openOptions() {
        return toLoadSpec().openOptions();
    }
}

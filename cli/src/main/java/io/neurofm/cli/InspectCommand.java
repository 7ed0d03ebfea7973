package io.neurofm.cli;

import io.neurofm.signal.Readers;
import io.neurofm.signal.RecordingHeader;
import io.neurofm.signal.SignalFile;
import io.neurofm.signal.bids.BidsDataset;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code neurofm inspect FILE}: what a recording or image file holds, without reading its samples. */
@Command(name = "inspect", mixinStandardHelpOptions = true,
        description = "Show a file's format, channels (name, type, unit, rate), duration and events.")
final class InspectCommand implements Callable<Integer> {
    @Parameters(paramLabel = "FILE", description = "EDF/BDF/GDF/BrainVision (.vhdr)/FIF/NIfTI/NPY/NPZ/CSV file, "
            + "or a BIDS dataset folder.")
    Path file;

    @Option(names = "--json", description = "Print one JSON object instead of the table.")
    boolean json;

    @Option(names = "--max-events", paramLabel = "N", defaultValue = "20",
            description = "Events to list (default ${DEFAULT-VALUE}; -1 for all).")
    int maxEvents;

    @Mixin
    ReadOptions readOptions = new ReadOptions();

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        if (Files.isDirectory(file)) {
            BidsReport.print(BidsDataset.scan(file), json, out);
            return 0;
        }
        if (VolumeFiles.isVolume(file)) {
            VolumeFiles.inspect(file, json, out);
            return 0;
        }
        RecordingHeader header;
        try (SignalFile signalFile = Readers.open(file, readOptions.openOptions())) {
            header = signalFile.header();
        }
        if (json) {
            out.println(HeaderReport.json(header));
        } else {
            HeaderReport.table(header, maxEvents, out);
        }
        out.flush();
        return 0;
    }
}

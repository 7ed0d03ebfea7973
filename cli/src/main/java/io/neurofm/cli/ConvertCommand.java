package io.neurofm.cli;

import io.neurofm.load.RecordingLoader;
import io.neurofm.signal.Recording;
import io.neurofm.signal.io.npy.NpzRecordingWriter;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code neurofm convert FILE OUT.npz}: any supported recording to {@code data} [channels, samples]
 * float32 in SI units, with a sidecar OUT.json (channels, types, units, sfreq, events, positions,
 * provenance). Both are written to temporary files and renamed into place.
 */
@Command(name = "convert", mixinStandardHelpOptions = true,
        description = "Convert a recording to OUT.npz (data [channels, samples], SI units) + OUT.json sidecar.")
final class ConvertCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "FILE", description = "Input recording or NIfTI image.")
    Path input;

    @Parameters(index = "1", paramLabel = "OUT.npz", description = "Output archive; OUT.json is written beside it.")
    Path output;

    @Option(names = "--compress", description = "Deflate the archive (smaller, slower).")
    boolean compress;

    @Mixin
    ReadOptions readOptions = new ReadOptions();

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (!output.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".npz")) {
            throw new IllegalArgumentException("output must end in .npz, got " + output);
        }
        PrintWriter out = spec.commandLine().getOut();
        if (VolumeFiles.isVolume(input)) {
            VolumeFiles.convert(input, output, compress);
            out.printf("wrote %s (NIfTI volume as data [x, y, z, t])%n", output);
            return 0;
        }
        Recording recording = RecordingLoader.load(input, readOptions.toLoadSpec());
        NpzRecordingWriter.write(recording, output, compress);
        out.printf(Locale.ROOT, "wrote %s: %d channels x %d samples at %s Hz, %d events; sidecar %s%n", output,
                recording.channelCount(), recording.sampleCount(), HeaderReport.number(recording.samplingRate()),
                recording.annotations().size(), NpzRecordingWriter.sidecarFor(output));
        out.flush();
        return 0;
    }
}

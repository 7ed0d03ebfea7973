package io.neurofm.cli;

import io.neurofm.signal.Recording;
import io.neurofm.signal.SignalException;
import io.neurofm.signal.io.npy.NpzRecordingWriter;
import io.neurofm.tokenize.TokenFiles;
import io.neurofm.tokenize.Tokenizer;
import io.neurofm.tokenize.TokenizerFiles;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code neurofm detokenize --tokenizer T.json TOKENS.npz OUT.npz}: the recording tokens stand for. */
@Command(name = "detokenize", mixinStandardHelpOptions = true,
        description = "Decode tokens with an invertible tokenizer (mulaw, quantile, patch without --fft) into a "
                + "recording OUT.npz + OUT.json.")
final class DetokenizeCommand implements Callable<Integer> {
    @Option(names = "--tokenizer", required = true, paramLabel = "T.json", description = "The tokenizer that made them.")
    Path tokenizerFile;

    @Parameters(index = "0", paramLabel = "TOKENS.npz", description = "Tokens written by 'neurofm tokenize'.")
    Path tokensFile;

    @Parameters(index = "1", paramLabel = "OUT.npz", description = "Recording archive; OUT.json beside it.")
    Path output;

    @Option(names = "--compress", description = "Deflate the archive.")
    boolean compress;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Tokenizer tokenizer = TokenizerFiles.load(tokenizerFile);
        if (!tokenizer.invertible()) {
            throw new SignalException(tokenizerFile, "the " + tokenizer.type() + " tokenizer is not invertible "
                    + "(it has no decode)");
        }
        String madeBy = TokenFiles.tokenizerType(tokensFile);
        if (!madeBy.equals(tokenizer.type())) {
            throw new SignalException(tokensFile, "these tokens were made by a " + madeBy + " tokenizer, not "
                    + tokenizer.type());
        }
        Recording recording = tokenizer.decode(TokenFiles.read(tokensFile));
        NpzRecordingWriter.write(recording, output, compress);
        PrintWriter out = spec.commandLine().getOut();
        out.printf(Locale.ROOT, "wrote %s: %d channels x %d samples at %s Hz; sidecar %s%n", output,
                recording.channelCount(), recording.sampleCount(), HeaderReport.number(recording.samplingRate()),
                NpzRecordingWriter.sidecarFor(output));
        out.flush();
        return 0;
    }
}

package io.neurofm.cli;

import io.neurofm.tokenize.gru.DecoderPadding;
import io.neurofm.tokenize.gru.GruBenchmark;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import tools.jackson.databind.ObjectMapper;

/**
 * The GRU tokenizer's acceptance run: fit on the first 80% of the shared EEG (eegmmidb + brux2 at
 * 250 Hz), reconstruct the last 20%, and time encoding; one JSON line with variance explained,
 * live tokens, bits per sample, the equal-bits quantile baseline and the real-time factor.
 */
@Command(name = "tokenizer", mixinStandardHelpOptions = true,
        description = "GRU tokenizer: fit (time budget), held-out variance explained, live tokens, encode speed.")
final class BenchTokenizerCommand implements Callable<Integer> {
    @Option(names = "--padding", defaultValue = "same", description = "Decoder padding: same or causal (default ${DEFAULT-VALUE}).")
    String padding;

    @Option(names = "--minutes", defaultValue = "10", description = "Training time budget (default ${DEFAULT-VALUE}).")
    double minutes;

    @Option(names = "--usage-weight", description = "Codebook-usage regulariser weight (default: the config's).")
    Double usageWeight;

    @Option(names = "--throughput-seconds", defaultValue = "60",
            description = "Seconds of 64-channel EEG encoded for the speed figure; longer than the file repeats it "
                    + "(3600 = the issue's hour) (default ${DEFAULT-VALUE}).")
    double throughputSeconds;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        DecoderPadding decoderPadding = DecoderPadding.valueOf(padding.toUpperCase(Locale.ROOT));
        GruBenchmark.Options acceptance = GruBenchmark.acceptance(DataPaths.sharedData(), decoderPadding);
        var config = acceptance.config().withTraining(acceptance.config().window(), acceptance.config().batch(),
                acceptance.config().steps(), minutes * 60);
        if (usageWeight != null) {
            config = config.withUsageWeight(usageWeight);
        }
        GruBenchmark.Options options = new GruBenchmark.Options(acceptance.files(), acceptance.trainFraction(),
                config, throughputSeconds);
        PrintWriter err = spec.commandLine().getErr();
        GruBenchmark.Result result = GruBenchmark.run(options, p -> {
            err.printf(Locale.ROOT, "\rstep %d, %.0f%% of budget, loss %.4f   ", p.step(), 100 * p.fraction(), p.loss());
            err.flush();
        });
        err.println();
        PrintWriter out = spec.commandLine().getOut();
        out.println(new ObjectMapper().writeValueAsString(result));
        out.flush();
        return 0;
    }
}

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

    @Option(names = "--minutes", defaultValue = "10",
            description = "Cap on the whole fit's training time, shared by the restarts (default ${DEFAULT-VALUE}).")
    double minutes;

    @Option(names = "--usage-weight", description = "Codebook-usage regulariser weight (default: the config's).")
    Double usageWeight;

    @Option(names = "--steps", description = "Training steps; the anneal follows whichever of steps or the time "
            + "budget runs out first (default: the config's).")
    Integer steps;

    @Option(names = "--restarts", description = "Training runs; the best training reconstruction is kept "
            + "(default: the config's).")
    Integer restarts;

    @Option(names = "--seed", description = "Seed for initialisation and crop sampling (default: the config's).")
    Long seed;

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
                steps != null ? steps : acceptance.config().steps(), minutes * 60);
        if (restarts != null) {
            config = config.withRestarts(restarts);
        }
        if (seed != null) {
            config = config.withSeed(seed);
        }
        if (usageWeight != null) {
            config = config.withUsageWeight(usageWeight);
        }
        GruBenchmark.Options options = new GruBenchmark.Options(acceptance.files(), acceptance.trainFraction(),
                config, throughputSeconds);
        PrintWriter err = spec.commandLine().getErr();
        GruBenchmark.Result result = GruBenchmark.run(options, p -> {
            err.printf(Locale.ROOT, "\rrun %d/%d: step %d, %.0f%%, loss %.4f   ", p.restart(), p.restarts(), p.step(),
                    100 * p.fraction(), p.loss());
            err.flush();
        });
        err.println();
        PrintWriter out = spec.commandLine().getOut();
        out.println(new ObjectMapper().writeValueAsString(result));
        out.flush();
        return 0;
    }
}

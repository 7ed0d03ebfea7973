package io.neurofm.cli;

import io.neurofm.train.bench.TrainBench;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Times training steps of a pre-LN encoder (Linear(features, d), N layers, Linear(d, features), MSE,
 * AdamW, global-norm clip 1.0); tools/bench/torch_train_bench.py is the PyTorch twin.
 */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Time training steps of a pre-LN transformer encoder; prints one JSON line.")
final class BenchTrainCommand implements Callable<Integer> {
    @Option(names = "--d-model", defaultValue = "256") int dModel;
    @Option(names = "--layers", defaultValue = "4") int layers;
    @Option(names = "--heads", defaultValue = "8") int heads;
    @Option(names = "--ff", defaultValue = "1024") int ff;
    @Option(names = "--seq", defaultValue = "256") int seq;
    @Option(names = "--batch", defaultValue = "16") int batch;
    @Option(names = "--features", defaultValue = "200", description = "Input and output width (default ${DEFAULT-VALUE}).")
    int features;
    @Option(names = "--steps", defaultValue = "20", description = "Timed steps (default ${DEFAULT-VALUE}).") int steps;
    @Option(names = "--warmup", defaultValue = "3", description = "Untimed steps first (default ${DEFAULT-VALUE}).")
    int warmup;
    @Option(names = "--threads", defaultValue = "0",
            description = "libtorch intra-op threads; 0 keeps libtorch's default (default ${DEFAULT-VALUE}).")
    int threads;
    @Option(names = "--seed", defaultValue = "0") long seed;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (threads > 0) {
            // read by DJL's PyTorch engine when it starts, which is after this point in the bench
            System.setProperty("ai.djl.pytorch.num_threads", Integer.toString(threads));
        }
        TrainBench.Result r = TrainBench.run(new TrainBench.Options(features, dModel, layers, heads, ff, seq, batch,
                steps, warmup, seed));
        PrintWriter out = spec.commandLine().getOut();
        out.println(String.format(Locale.ROOT,
                "{\"impl\":\"neurofm\",\"d_model\":%d,\"layers\":%d,\"heads\":%d,\"ff\":%d,\"seq\":%d,\"batch\":%d,"
                        + "\"features\":%d,\"parameters\":%d,\"steps\":%d,\"warmup\":%d,\"threads\":%d,"
                        + "\"step_ms\":%.2f,\"min_step_ms\":%.2f,\"tokens_per_s\":%.1f,\"forward_ms\":%.2f,"
                        + "\"backward_ms\":%.2f,\"clip_ms\":%.2f,\"optimizer_ms\":%.2f,\"arrays_per_step\":%.0f}",
                dModel, layers, heads, ff, seq, batch, features, r.parameters(), steps, warmup,
                threads, r.stepMs(), r.minStepMs(), r.tokensPerSecond(), r.forwardMs(), r.backwardMs(), r.clipMs(),
                r.optimizerMs(), r.arraysPerStep()));
        out.flush();
        return 0;
    }
}

package io.neurofm.cli;

import io.neurofm.dsp.Resampling;
import io.neurofm.montage.StandardMontage;
import io.neurofm.signal.Recording;
import io.neurofm.signal.Volume;
import io.neurofm.tokenize.FmriTokenizer;
import io.neurofm.tokenize.MuLawTokenizer;
import io.neurofm.tokenize.PatchTokenizer;
import io.neurofm.tokenize.QuantileTokenizer;
import io.neurofm.tokenize.StatefulTokenizer;
import io.neurofm.tokenize.TokenizerFiles;
import io.neurofm.tokenize.VolumePatchTokenizer;
import io.neurofm.tokenize.gru.DecoderPadding;
import io.neurofm.tokenize.gru.GruConfig;
import io.neurofm.tokenize.gru.GruTokenizer;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code neurofm tokenizer fit --type TYPE --out T.json FILES...}: fits one tokenizer on all the files. */
@Command(name = "fit", mixinStandardHelpOptions = true,
        description = "Fit a tokenizer on the given recordings (or images, for smri) and save it.")
final class TokenizerFitCommand implements Callable<Integer> {
    enum Type { mulaw, quantile, patch, fmri, smri, gru }

    @Option(names = "--type", required = true, description = "mulaw, quantile, patch, fmri, smri or gru.")
    Type type;

    @Option(names = "--out", required = true, paramLabel = "T.json",
            description = "State file; tensors (if any) go to T.safetensors beside it.")
    Path out;

    @Option(names = "--bins", paramLabel = "N", defaultValue = "256", description = "quantile: number of bins (default 256).")
    int bins;

    @Option(names = "--headroom", paramLabel = "X", defaultValue = "1",
            description = "mulaw: scale = X times the training max-abs (default 1).")
    double headroom;

    @Option(names = "--rate", paramLabel = "HZ", defaultValue = "200", description = "patch: target rate (default 200 Hz).")
    double rate;

    @Option(names = "--patch-seconds", paramLabel = "S", defaultValue = "1",
            description = "patch: patch length in seconds at the target rate (default 1).")
    double patchSeconds;

    @Option(names = "--fft", description = "patch: append FFT magnitudes to each patch (not invertible).")
    boolean fft;

    @Option(names = "--scaling", defaultValue = "fixed",
            description = "patch: none, fixed (divide by --divisor) or zscore (fitted per channel); default fixed.")
    String scaling;

    @Option(names = "--divisor", paramLabel = "UNITS", defaultValue = "1e-4",
            description = "patch: the fixed divisor in the channels' unit (default 1e-4 V = 100 uV, as LaBraM).")
    double divisor;

    @Option(names = "--token-seconds", paramLabel = "S", defaultValue = "35.28",
            description = "fmri: seconds each token covers (default 35.28: 48 volumes at TR 0.735 s). "
                    + "(--duration is the window length to read.)")
    double tokenSeconds;

    @Option(names = "--hidden", paramLabel = "H", defaultValue = "64", description = "gru: GRU hidden size (default 64).")
    int hidden;

    @Option(names = "--codes", paramLabel = "N", defaultValue = "64", description = "gru: token vocabulary before refactoring (default 64).")
    int codes;

    @Option(names = "--kernel", paramLabel = "K", defaultValue = "10", description = "gru: decoder waveform length in samples (default 10).")
    int kernel;

    @Option(names = "--causal", description = "gru: causal decoder padding instead of 'same'.")
    boolean causal;

    @Option(names = "--minutes", paramLabel = "M", defaultValue = "10",
            description = "gru: cap on training time, shared by the restarts (default 10; the default recipe, "
                    + "3 runs of 800 steps, takes about 5 minutes on 2 cores).")
    double minutes;

    @Option(names = "--grid", paramLabel = "N", defaultValue = "96", description = "smri: grid size per axis (default 96).")
    int grid;

    @Option(names = "--patch-size", paramLabel = "N", defaultValue = "16",
            description = "smri: patch edge in voxels (default 16).")
    int patchSize;

    @Parameters(arity = "1..*", paramLabel = "FILES", description = "Training recordings (or NIfTI images).")
    List<Path> files;

    @Mixin
    ReadOptions readOptions = new ReadOptions();

    @Mixin
    TokenizerInputs inputs = new TokenizerInputs();

    @Spec
    CommandSpec spec;

    /** The MEG-GPT tokenizer at its rate (250 Hz), trained for the time budget with progress on stderr. */
    private GruTokenizer fitGru(List<Recording> training) throws IOException {
        GruConfig defaults = GruConfig.defaults();
        GruConfig config = defaults.withSize(hidden, codes, kernel)
                .withPadding(causal ? DecoderPadding.CAUSAL : DecoderPadding.SAME)
                .withTraining(defaults.window(), defaults.batch(), defaults.steps(), minutes * 60);
        List<Recording> atRate = new ArrayList<>();
        for (Recording r : training) {
            atRate.add(r.samplingRate() == config.samplingRate() ? r : Resampling.resample(r, config.samplingRate()));
        }
        PrintWriter err = spec.commandLine().getErr();
        long[] lastPrint = {0};
        GruTokenizer fitted = GruTokenizer.fit(atRate, config, p -> {
            long now = System.nanoTime();
            if (now - lastPrint[0] < 500_000_000L && p.fraction() < 1) {
                return;
            }
            lastPrint[0] = now;
            err.printf(Locale.ROOT, "\rgru fit: run %d/%d, step %d, %.0f%%, loss %.4f, temperature %.2f   ",
                    p.restart(), p.restarts(), p.step(), 100 * p.fraction(), p.loss(), p.temperature());
            err.flush();
        });
        err.println();
        return fitted;
    }

    @Override
    public Integer call() throws Exception {
        if (!out.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".json")) {
            throw new IllegalArgumentException("--out must end in .json, got " + out);
        }
        StatefulTokenizer tokenizer;
        if (type == Type.smri) {
            List<Volume> volumes = new ArrayList<>();
            for (Path file : files) {
                volumes.add(TokenizerInputs.volume(file));
            }
            tokenizer = VolumePatchTokenizer.fit(volumes, new int[] {grid, grid, grid}, patchSize);
        } else {
            List<Recording> training = new ArrayList<>();
            for (Path file : files) {
                training.add(inputs.recording(file, readOptions));
            }
            tokenizer = switch (type) {
                case mulaw -> MuLawTokenizer.fit(training, headroom);
                case quantile -> QuantileTokenizer.fit(training, bins);
                case patch -> PatchTokenizer.fit(training, PatchTokenizer.Options.of(rate, patchSeconds, fft,
                        scalingOf(scaling), divisor,
                        readOptions.montage == null ? null : StandardMontage.byLabel(readOptions.montage)));
                case fmri -> FmriTokenizer.fit(training, tokenSeconds);
                case gru -> fitGru(training);
                case smri -> throw new AssertionError("handled above");
            };
        }
        TokenizerFiles.save(tokenizer, out);
        PrintWriter writer = spec.commandLine().getOut();
        writer.printf("wrote %s: %s tokenizer fitted on %d file(s)%n", out, tokenizer.type(), files.size());
        writer.flush();
        return 0;
    }

    private static PatchTokenizer.Scaling scalingOf(String name) {
        try {
            return PatchTokenizer.Scaling.valueOf(name.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--scaling must be none, fixed or zscore, got " + name);
        }
    }
}

package io.neurofm.tokenize.gru;

import io.neurofm.dsp.Resampling;
import io.neurofm.signal.OpenOptions;
import io.neurofm.signal.Readers;
import io.neurofm.signal.Recording;
import io.neurofm.signal.SignalException;
import io.neurofm.tokenize.Tokens;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

/**
 * The acceptance benchmark of the GRU tokenizer: fit on the first part of each recording,
 * reconstruct the rest, and time encoding. The CLI's {@code bench tokenizer} prints the
 * {@link Result} as one JSON line.
 */
public final class GruBenchmark {
    private GruBenchmark() {
    }

    /**
     * @param files             recordings (read with default options, resampled to the config's rate)
     * @param trainFraction     leading fraction of each recording to fit on; the rest is held out
     * @param config            tokenizer and training settings
     * @param throughputSeconds seconds of the first recording encoded (all its data channels) for the
     *                          throughput figure; 0 to skip
     */
    public record Options(List<Path> files, double trainFraction, GruConfig config, double throughputSeconds) {
        public Options {
            files = List.copyOf(files);
            if (!(trainFraction > 0 && trainFraction < 1)) {
                throw new IllegalArgumentException("train fraction must be in (0, 1), got " + trainFraction);
            }
        }
    }

    /**
     * @param restarts                     training runs the fit was allowed
     * @param chosenRestart                the run kept (1-based), the lowest training reconstruction error
     * @param steps                        training steps over all runs
     * @param finalLoss                    the kept run's last batch loss
     * @param restartTrainingMse           per run: mean squared error of its hard-code training reconstruction
     *                                     after the refit (z-scored units), the selection criterion;
     *                                     null for a run that diverged (non-finite gradients)
     * @param medianVarianceExplained      median over held-out channels of 1 - var(x - x̂) / var(x)
     * @param minVarianceExplained         the worst held-out channel
     * @param medianVarianceExplainedTrainedDecoder the median with the decoder as gradient training left it,
     *                                     before the least-squares refit (same tokens)
     * @param liveTokens                   codes left after the vocabulary refactor (id 0 excluded)
     * @param bitsPerSampleVocabulary      log2 of the live vocabulary
     * @param bitsPerSampleHeldOutEntropy  empirical entropy of token usage on the held-out data
     * @param bitsPerSampleTrainingEntropy empirical entropy of token usage on the training data
     * @param quantileVarianceExplained    median held-out variance explained of equal-frequency binning of the
     *                                     z-scored training data into as many bins as live tokens, decoded to the
     *                                     bin median: the same bits per sample without learning
     * @param encodeSecondsPerSignalHour   wall time to encode one hour of the throughput recording, extrapolated
     *                                     linearly from {@code throughputSeconds}
     * @param encodeRealTimeFactor         recording seconds encoded per wall second (all channels at once)
     * @param encodeCpuSeconds             process CPU time spent in that encode (all threads): on a shared
     *                                     machine, {@code throughputSeconds / (encodeCpuSeconds / cpus)} is the
     *                                     real-time factor the same work would reach on idle cores
     */
    public record Result(String tokenizer, int hidden, int codes, int kernel, String padding, double learningRate,
                         int batch, int window, double usageWeight, int restarts, int chosenRestart, int steps,
                         double trainSeconds, double finalLoss, List<Double> restartTrainingMse, int trainChannels, int heldOutChannels,
                         double medianVarianceExplained, double minVarianceExplained,
                         double medianVarianceExplainedTrainedDecoder, int liveTokens,
                         double bitsPerSampleVocabulary, double bitsPerSampleHeldOutEntropy,
                         double bitsPerSampleTrainingEntropy, double quantileVarianceExplained,
                         int throughputChannels, double throughputSeconds, double encodeWallSeconds,
                         double encodeRealTimeFactor, double encodeSecondsPerSignalHour, double encodeCpuSeconds,
                         int cpus) {
    }

    /**
     * The acceptance run: both shared EEG recordings, 80/20 split, the default tokenizer
     * (H = N = 64, K = 10, 3 restarts of 800 steps), training capped at 10 minutes.
     */
    public static Options acceptance(Path dataRoot, DecoderPadding padding) {
        GruConfig defaults = GruConfig.defaults().withPadding(padding);
        return new Options(List.of(dataRoot.resolve("eeg/eegmmidb_S001R01.edf"),
                dataRoot.resolve("eeg/capslpdb_brux2_100s.edf")), 0.8,
                defaults.withTraining(defaults.window(), defaults.batch(), defaults.steps(), 600), 60);
    }

    /**
     * Asks for one PyTorch intra-op thread unless the user chose a number. The GRU runs as a
     * per-timestep loop of small operations; with two OpenMP threads on a busy machine every
     * operation waits on a barrier, and a training step measured 20x slower (3-6 s instead of
     * 0.17 s at H = 64, batch 128 x 250 samples). Only effective before DJL's engine starts.
     */
    public static void preferSingleThreadedTorch() {
        if (System.getProperty("ai.djl.pytorch.num_threads") == null) {
            System.setProperty("ai.djl.pytorch.num_threads", "1");
        }
    }

    public static Result run(Options options, Consumer<FitProgress> progress) throws IOException {
        GruConfig config = options.config();
        List<Recording> train = new ArrayList<>();
        List<Recording> heldOut = new ArrayList<>();
        for (Path file : options.files()) {
            Recording r = Readers.read(file, OpenOptions.DEFAULT);
            if (r.samplingRate() != config.samplingRate()) {
                r = Resampling.resample(r, config.samplingRate());
            }
            int split = (int) Math.round(r.sampleCount() * options.trainFraction());
            train.add(Segments.slice(r, 0, split, null));
            heldOut.add(Segments.slice(r, split, r.sampleCount(), null));
        }
        FitProgress[] lastOfRun = new FitProgress[config.restarts()];
        long started = System.nanoTime();
        GruTokenizer.Fitted fitted = GruTokenizer.fitWithTrainedDecoder(train, config, p -> {
            lastOfRun[p.restart() - 1] = p;
            if (progress != null) {
                progress.accept(p);
            }
        });
        GruTokenizer tokenizer = fitted.refit();
        double trainSeconds = (System.nanoTime() - started) / 1e9;

        List<Double> ve = new ArrayList<>();
        List<Double> trainedVe = new ArrayList<>();
        List<Double> quantileVe = new ArrayList<>();
        long[] usage = new long[tokenizer.vocabularySize()];
        QuantileBins bins = QuantileBins.fit(train, tokenizer, tokenizer.liveTokens());
        for (Recording r : heldOut) {
            Tokens tokens = tokenizer.encode(r);
            for (int[] row : tokens.ids()) {
                for (int id : row) {
                    usage[id]++;
                }
            }
            Recording back = tokenizer.decode(tokens);
            for (double v : varianceExplained(onlyData(r), back)) {
                ve.add(v);
            }
            for (double v : varianceExplained(onlyData(r), fitted.trained().decode(fitted.trained().encode(r)))) {
                trainedVe.add(v);
            }
            for (double v : varianceExplained(onlyData(r), bins.roundTrip(onlyData(r)))) {
                quantileVe.add(v);
            }
        }
        double[] veArray = ve.stream().mapToDouble(Double::doubleValue).toArray();

        int channels = 0;
        double encodeSeconds = 0;
        double encodeCpu = 0;
        double seconds = 0;
        if (options.throughputSeconds() > 0) {
            Recording first = onlyData(Resampling.resample(Readers.read(options.files().get(0), OpenOptions.DEFAULT),
                    config.samplingRate()));
            int n = (int) Math.round(options.throughputSeconds() * config.samplingRate());
            Recording piece = n <= first.sampleCount() ? Segments.slice(first, 0, n, null) : tiled(first, n);
            tokenizer.encode(Segments.slice(first, 0, Math.min(n, 2 * config.encodeWindow()), null)); // warm-up
            long c0 = processCpuNanos();
            long t0 = System.nanoTime();
            tokenizer.encode(piece);
            encodeSeconds = (System.nanoTime() - t0) / 1e9;
            encodeCpu = (processCpuNanos() - c0) / 1e9;
            channels = piece.channelCount();
            seconds = piece.durationSeconds();
        }
        return new Result(GruTokenizer.TYPE, config.hidden(), config.vocabulary(), config.kernel(),
                config.padding().name().toLowerCase(java.util.Locale.ROOT), config.learningRate(), config.batch(),
                config.window(), config.usageWeight(), config.restarts(), fitted.chosenRestart() + 1,
                Arrays.stream(lastOfRun).filter(java.util.Objects::nonNull).mapToInt(FitProgress::step).sum(),
                trainSeconds, lastOfRun[fitted.chosenRestart()].loss(),
                fitted.restartErrors().stream().map(e -> e.isNaN() ? null : e).toList(),
                train.stream().mapToInt(Recording::channelCount).sum(), veArray.length, median(veArray),
                Arrays.stream(veArray).min().orElse(Double.NaN),
                median(trainedVe.stream().mapToDouble(Double::doubleValue).toArray()), tokenizer.liveTokens(),
                Math.log(tokenizer.liveTokens()) / Math.log(2), Vocabulary.entropyBits(usage),
                tokenizer.trainingUsageEntropyBits(),
                median(quantileVe.stream().mapToDouble(Double::doubleValue).toArray()), channels, seconds,
                encodeSeconds, seconds > 0 ? seconds / encodeSeconds : 0, seconds > 0 ? encodeSeconds * 3600 / seconds : 0,
                encodeCpu, Runtime.getRuntime().availableProcessors());
    }

    private static long processCpuNanos() {
        return java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                instanceof com.sun.management.OperatingSystemMXBean os ? os.getProcessCpuTime() : 0;
    }

    /**
     * The recording repeated end to end up to {@code samples} samples per channel: a long input for
     * the throughput figure from a short real file (the encoder's cost does not depend on content).
     */
    static Recording tiled(Recording r, int samples) {
        float[][] data = new float[r.channelCount()][samples];
        for (int c = 0; c < data.length; c++) {
            float[] src = r.channelData(c);
            for (int t = 0; t < samples; t += src.length) {
                System.arraycopy(src, 0, data[c], t, Math.min(src.length, samples - t));
            }
        }
        return new Recording(r.channels(), data, r.samplingRate(), List.of(), io.neurofm.signal.RecordingIds.NONE, null,
                0, List.of(io.neurofm.signal.Transform.of("tile", "samples", samples)));
    }

    /** Per channel (matched by position), 1 - var(original - reconstruction) / var(original). */
    public static double[] varianceExplained(Recording original, Recording reconstruction) {
        if (original.channelCount() != reconstruction.channelCount()
                || original.sampleCount() != reconstruction.sampleCount()) {
            throw new IllegalArgumentException("reconstruction is " + reconstruction + ", original " + original);
        }
        double[] out = new double[original.channelCount()];
        for (int c = 0; c < out.length; c++) {
            float[] x = original.channelData(c);
            float[] y = reconstruction.channelData(c);
            double[] residual = new double[x.length];
            double[] signal = new double[x.length];
            for (int t = 0; t < x.length; t++) {
                residual[t] = (double) x[t] - y[t];
                signal[t] = x[t];
            }
            out[c] = 1 - variance(residual) / variance(signal);
        }
        return out;
    }

    public static double median(double[] values) {
        if (values.length == 0) {
            return Double.NaN;
        }
        double[] s = values.clone();
        Arrays.sort(s);
        int m = s.length / 2;
        return s.length % 2 == 1 ? s[m] : (s[m - 1] + s[m]) / 2;
    }

    private static double variance(double[] x) {
        double mean = Arrays.stream(x).average().orElse(0);
        double sum = 0;
        for (double v : x) {
            sum += (v - mean) * (v - mean);
        }
        return sum / x.length;
    }

    private static Recording onlyData(Recording r) throws SignalException {
        int[] data = java.util.stream.IntStream.range(0, r.channelCount()).filter(c -> r.channel(c).type().isData())
                .toArray();
        return Segments.slice(r, 0, r.sampleCount(), data);
    }
}

package io.neurofm.tokenize.gru;

/**
 * Hyperparameters of the MEG-GPT style GRU tokenizer and its training run.
 *
 * @param hidden            GRU hidden size H
 * @param vocabulary        token logits N before the vocabulary is pruned to the tokens in use
 * @param kernel            decoder waveform length K in samples
 * @param padding           decoder alignment, {@link DecoderPadding#SAME} by default
 * @param samplingRate      rate the tokenizer works at; fit resamples to it, encode requires it
 * @param window            training crop length in samples
 * @param batch             crops per training step
 * @param learningRate      Adam's peak learning rate; it follows a half cosine down to a tenth of it over the run
 * @param steps             training steps per run; the temperature anneals from 1 to 0 over them
 * @param timeBudgetSeconds wall-clock cap on the whole fit, shared by the restarts (0 = none); when it binds,
 *                          a run's anneal follows whichever of its steps or its time share runs out first,
 *                          so a capped run still ends at T = 0 (its steps then depend on the machine)
 * @param usageWeight       weight of the codebook-usage regulariser (0 = off, the MEG-GPT original):
 *                          adds {@code T * (log N - H(mean softmax over the batch))} so the batch spreads
 *                          over the N codes instead of collapsing onto a few; scaled by the temperature
 *                          because the reconstruction's gradient reaching the encoder is, and an unscaled
 *                          term took over the encoder as T fell (held-out VE 0.85 instead of 0.93)
 * @param encodeWindow      samples per window when encoding (overlap-and-stitch)
 * @param encodeContext     warm-up samples each encode window after the first re-reads from its
 *                          predecessor before its tokens are kept
 * @param seed              seed for initialisation and crop sampling; restart i uses {@code seed + i}
 * @param restarts          independent training runs (seeds {@code seed, seed + 1, ...}, each with its share of
 *                          the time budget); the fit keeps the one whose hard codes reconstruct the
 *                          <em>training</em> data best after the decoder refit. Held-out data is never consulted.
 */
public record GruConfig(int hidden, int vocabulary, int kernel, DecoderPadding padding, double samplingRate,
                        int window, int batch, double learningRate, int steps, double timeBudgetSeconds,
                        double usageWeight, int encodeWindow, int encodeContext, long seed, int restarts) {
    public GruConfig {
        positive("hidden", hidden);
        if (vocabulary < 2) {
            throw new IllegalArgumentException("vocabulary needs at least 2 tokens, got " + vocabulary);
        }
        positive("kernel", kernel);
        if (padding == null) {
            throw new IllegalArgumentException("padding is required (same or causal)");
        }
        if (!(samplingRate > 0) || !Double.isFinite(samplingRate)) {
            throw new IllegalArgumentException("sampling rate must be positive, got " + samplingRate);
        }
        if (window < kernel) {
            throw new IllegalArgumentException("training window " + window + " is shorter than the kernel " + kernel);
        }
        positive("batch", batch);
        if (!(learningRate > 0) || !Double.isFinite(learningRate)) {
            throw new IllegalArgumentException("learning rate must be positive, got " + learningRate);
        }
        positive("steps", steps);
        if (!(timeBudgetSeconds >= 0) || !Double.isFinite(timeBudgetSeconds)) {
            throw new IllegalArgumentException("time budget must be >= 0 seconds, got " + timeBudgetSeconds);
        }
        if (!(usageWeight >= 0) || !Double.isFinite(usageWeight)) {
            throw new IllegalArgumentException("usage weight must be >= 0, got " + usageWeight);
        }
        positive("restarts", restarts);
        if (encodeContext < 0 || encodeContext >= encodeWindow) {
            throw new IllegalArgumentException("encode context " + encodeContext + " must be in [0, encode window "
                    + encodeWindow + ")");
        }
    }

    /**
     * The reference network (H = N = 64, K = 10, same padding, 250 Hz, lr 3e-3, batch 128, 1 s crops) with
     * the training recipe that met the 95% target on the shared EEG (docs/gru.md): 800 steps per run with
     * the temperature annealed over them, the usage regulariser at 0.3 (annealed with the temperature),
     * and the best of 3 restarts by training reconstruction.
     */
    public static GruConfig defaults() {
        return new GruConfig(64, 64, 10, DecoderPadding.SAME, 250.0, 250, 128, 3e-3, 800, 0, 0.3, 4000, 100, 0, 3);
    }

    public GruConfig withSize(int newHidden, int newVocabulary, int newKernel) {
        return new GruConfig(newHidden, newVocabulary, newKernel, padding, samplingRate, window, batch, learningRate,
                steps, timeBudgetSeconds, usageWeight, encodeWindow, encodeContext, seed, restarts);
    }

    public GruConfig withPadding(DecoderPadding newPadding) {
        return new GruConfig(hidden, vocabulary, kernel, newPadding, samplingRate, window, batch, learningRate, steps,
                timeBudgetSeconds, usageWeight, encodeWindow, encodeContext, seed, restarts);
    }

    public GruConfig withTraining(int newWindow, int newBatch, int newSteps, double newTimeBudgetSeconds) {
        return new GruConfig(hidden, vocabulary, kernel, padding, samplingRate, newWindow, newBatch, learningRate,
                newSteps, newTimeBudgetSeconds, usageWeight, encodeWindow, encodeContext, seed, restarts);
    }

    public GruConfig withLearningRate(double newLearningRate) {
        return new GruConfig(hidden, vocabulary, kernel, padding, samplingRate, window, batch, newLearningRate, steps,
                timeBudgetSeconds, usageWeight, encodeWindow, encodeContext, seed, restarts);
    }

    public GruConfig withUsageWeight(double newUsageWeight) {
        return new GruConfig(hidden, vocabulary, kernel, padding, samplingRate, window, batch, learningRate, steps,
                timeBudgetSeconds, newUsageWeight, encodeWindow, encodeContext, seed, restarts);
    }

    public GruConfig withEncoding(int newEncodeWindow, int newEncodeContext) {
        return new GruConfig(hidden, vocabulary, kernel, padding, samplingRate, window, batch, learningRate, steps,
                timeBudgetSeconds, usageWeight, newEncodeWindow, newEncodeContext, seed, restarts);
    }

    public GruConfig withSeed(long newSeed) {
        return new GruConfig(hidden, vocabulary, kernel, padding, samplingRate, window, batch, learningRate, steps,
                timeBudgetSeconds, usageWeight, encodeWindow, encodeContext, newSeed, restarts);
    }

    public GruConfig withRestarts(int newRestarts) {
        return new GruConfig(hidden, vocabulary, kernel, padding, samplingRate, window, batch, learningRate, steps,
                timeBudgetSeconds, usageWeight, encodeWindow, encodeContext, seed, newRestarts);
    }

    private static void positive(String name, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(name + " must be >= 1, got " + value);
        }
    }
}

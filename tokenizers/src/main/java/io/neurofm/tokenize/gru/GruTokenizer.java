package io.neurofm.tokenize.gru;

import io.neurofm.dsp.Resampling;
import io.neurofm.signal.Channel;
import io.neurofm.signal.ChannelType;
import io.neurofm.signal.Position;
import io.neurofm.signal.Recording;
import io.neurofm.signal.RecordingIds;
import io.neurofm.signal.SignalException;
import io.neurofm.signal.Transform;
import io.neurofm.tokenize.Tokenizer;
import io.neurofm.tokenize.TokenizerState;
import io.neurofm.tokenize.Tokens;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * MEG-GPT's data-driven tokenizer: one token id per sample per channel, learned by a GRU
 * encoder and a convolution decoder whose K-tap waveforms sum back to the signal (see
 * {@link GruCodec}). Channels are encoded independently with shared weights.
 *
 * <p>Normalisation: each channel is z-scored with statistics fitted on the training data for its
 * name (pooled over the training recordings) and stored in the state, so encode needs no
 * statistics of its own and decode can restore volts. Consequently encode refuses channel names
 * it was not fitted on. Per-session z-scoring (statistics of the recording being encoded) would
 * adapt better to gain changes between sessions but would leave decode without the statistics
 * to restore volts, since tokens carry none; callers who want it can z-score their recordings
 * first (io.neurofm.dsp.Scaler) and fit on the scaled data.
 *
 * <p>Vocabulary: after training, codes the training data never selects are dropped and the rest
 * renumbered by frequency from 1; id 0 is reserved for padding/unknown and decodes to silence.
 * Encode only ever picks live codes.
 */
public final class GruTokenizer implements Tokenizer {
    public static final String TYPE = "gru";
    private static final ObjectMapper JSON = new ObjectMapper();
    private final GruConfig config;
    private final List<ChannelStats> channels;
    private final Map<String, ChannelStats> byName = new LinkedHashMap<>();
    private final Vocabulary vocabulary;
    private final Map<String, TokenizerState.Tensor> weights;
    private final int[] idOfCode;
    private final boolean[] live;

    private GruTokenizer(GruConfig config, List<ChannelStats> channels, Vocabulary vocabulary,
                         Map<String, TokenizerState.Tensor> weights) {
        this.config = config;
        this.channels = List.copyOf(channels);
        this.channels.forEach(c -> byName.put(c.name(), c));
        this.vocabulary = vocabulary;
        this.weights = Map.copyOf(weights);
        for (int code : vocabulary.codes()) {
            if (code < 0 || code >= config.vocabulary()) {
                throw new IllegalArgumentException("vocabulary code " + code + " outside the network's "
                        + config.vocabulary() + " codes");
            }
        }
        this.idOfCode = vocabulary.idOfCode(config.vocabulary());
        this.live = new boolean[config.vocabulary()];
        for (int code : vocabulary.codes()) {
            live[code] = true;
        }
        // Fail now, not at the first encode, when the tensors do not fit the config.
        Weights.check(config, this.weights);
    }

    /**
     * Trains a tokenizer on the data channels of {@code recordings} (resampled to the config's
     * rate when needed), {@link GruConfig#restarts()} times from different seeds, keeps the run whose
     * hard codes reconstruct the training data best after the decoder refit, then refactors its
     * vocabulary on the same data.
     *
     * @param progress called after every training step; may be null
     * @throws SignalException when a recording has non-finite samples, no data channels, a flat
     *                         channel, a rate that cannot be resampled exactly, or no channel as long
     *                         as one training window
     */
    public static GruTokenizer fit(List<Recording> recordings, GruConfig config, Consumer<FitProgress> progress)
            throws SignalException {
        return fitWithTrainedDecoder(recordings, config, progress).refit();
    }

    /**
     * The tokenizer as gradient training left it and the same tokenizer after the least-squares
     * decoder refit ({@link DecoderRefit}); the encoders, hence the tokens, are identical.
     */
    record Fitted(GruTokenizer trained, GruTokenizer refit, int chosenRestart, List<Double> restartErrors) {
        // restartErrors: per run, its training reconstruction MSE after the refit; NaN where the run diverged
    }

    static Fitted fitWithTrainedDecoder(List<Recording> recordings, GruConfig config, Consumer<FitProgress> progress)
            throws SignalException {
        if (recordings.isEmpty()) {
            throw new SignalException(null, "no recordings to fit the gru tokenizer on");
        }
        List<Recording> atRate = new ArrayList<>();
        for (Recording r : recordings) {
            List<String> names = dataChannelNames(r);
            if (names.isEmpty()) {
                throw new SignalException(null, "recording " + r + " has no data channels to tokenize");
            }
            requireFinite(r);
            atRate.add(r.samplingRate() == config.samplingRate() ? r : Resampling.resample(r, config.samplingRate()));
        }
        List<ChannelStats> stats;
        try {
            stats = ChannelStats.fit(atRate);
        } catch (IllegalArgumentException e) {
            throw new SignalException(null, e.getMessage(), e);
        }
        Map<String, ChannelStats> byName = new LinkedHashMap<>();
        stats.forEach(s -> byName.put(s.name(), s));
        List<float[]> sequences = new ArrayList<>();
        for (Recording r : atRate) {
            for (int c = 0; c < r.channelCount(); c++) {
                if (r.channel(c).type().isData()) {
                    sequences.add(byName.get(r.channel(c).name()).zscore(r.channelData(c)));
                }
            }
        }
        List<float[]> trainable = sequences.stream().filter(s -> s.length >= config.window()).toList();
        if (trainable.isEmpty()) {
            throw new SignalException(null, "no channel is as long as one training window (" + config.window()
                    + " samples at " + config.samplingRate() + " Hz)");
        }
        Run best = null;
        TrainingDivergedException diverged = null;
        List<Double> errors = new ArrayList<>();
        long started = System.nanoTime();
        for (int i = 0; i < config.restarts(); i++) {
            double timeShare = 0;
            if (config.timeBudgetSeconds() > 0) {
                double left = config.timeBudgetSeconds() - (System.nanoTime() - started) / 1e9;
                if (left <= 0 && best != null) {
                    break;
                }
                timeShare = Math.max(1e-3, left / (config.restarts() - i));
            }
            GruConfig runConfig = config.withSeed(config.seed() + i)
                    .withTraining(config.window(), config.batch(), config.steps(), timeShare);
            int restart = i + 1;
            Map<String, TokenizerState.Tensor> weights;
            try {
                weights = GruTrainer.train(trainable, runConfig,
                        progress == null ? null : p -> progress.accept(p.inRun(restart, config.restarts())));
            } catch (TrainingDivergedException e) {
                // Intermittent and not understood (docs/gru.md): the same seed usually trains cleanly.
                // Another restart may; the fit fails only if every run diverges.
                diverged = e;
                errors.add(Double.NaN);
                continue;
            }
            int[][] codes = CodeEncoder.encode(config, weights, sequences, null);
            DecoderRefit.Solution refit = DecoderRefit.solve(sequences, codes, config.vocabulary(), config.kernel(),
                    config.padding().left(config.kernel()), weights.get("decoder.weight").data());
            errors.add(refit.meanSquaredError());
            if (best == null || refit.meanSquaredError() < best.refit().meanSquaredError()) {
                best = new Run(i, weights, codes, refit);
            }
        }
        if (best == null) {
            throw diverged;
        }
        Map<String, TokenizerState.Tensor> weights = best.weights();
        long[] usage = new long[config.vocabulary()];
        for (int[] row : best.codes()) {
            for (int code : row) {
                usage[code]++;
            }
        }
        Vocabulary vocabulary = Vocabulary.fromUsage(usage);
        GruTokenizer trained = new GruTokenizer(config, stats, vocabulary, weights);
        float[] decoder = best.refit().decoder();
        Map<String, TokenizerState.Tensor> refitWeights = new LinkedHashMap<>(weights);
        refitWeights.put("decoder.weight", new TokenizerState.Tensor(weights.get("decoder.weight").shape(),
                java.util.Arrays.copyOf(decoder, decoder.length - 1)));
        refitWeights.put("decoder.bias", new TokenizerState.Tensor(new long[] {1},
                new float[] {decoder[decoder.length - 1]}));
        return new Fitted(trained, new GruTokenizer(config, stats, vocabulary, refitWeights), best.index(),
                List.copyOf(errors));
    }

    /** One training run of a fit: its weights, its hard codes of the training data and the decoder refit on them. */
    private record Run(int index, Map<String, TokenizerState.Tensor> weights, int[][] codes,
                       DecoderRefit.Solution refit) {
    }

    /** Rebuilds a tokenizer from its saved state. */
    public static GruTokenizer fromState(TokenizerState state) {
        if (!TYPE.equals(state.type())) {
            throw new IllegalArgumentException("state is of type " + state.type() + ", not " + TYPE);
        }
        ObjectNode c = state.config();
        GruConfig config = new GruConfig(c.path("hidden").asInt(0), c.path("vocabulary").asInt(0),
                c.path("kernel").asInt(0), padding(c.path("padding").asString("")),
                c.path("samplingRate").asDouble(0), c.path("window").asInt(0), c.path("batch").asInt(0),
                c.path("learningRate").asDouble(0), c.path("steps").asInt(0), c.path("timeBudgetSeconds").asDouble(0),
                c.path("usageWeight").asDouble(0), c.path("encodeWindow").asInt(0), c.path("encodeContext").asInt(-1),
                c.path("seed").asLong(0), c.path("restarts").asInt(1));
        List<ChannelStats> stats = new ArrayList<>();
        for (JsonNode n : c.path("channels")) {
            ChannelType type;
            try {
                type = ChannelType.valueOf(n.path("type").asString(""));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("channel " + n.path("name") + " has unknown type " + n.path("type"));
            }
            stats.add(new ChannelStats(n.path("name").asString(""), type, n.path("unit").asString(""),
                    n.path("mean").asDouble(Double.NaN), n.path("std").asDouble(Double.NaN), n.path("samples").asLong(0)));
        }
        if (stats.isEmpty()) {
            throw new IllegalArgumentException("state lists no channels");
        }
        JsonNode tokens = c.path("tokens");
        int[] codes = new int[tokens.path("codes").size()];
        long[] counts = new long[tokens.path("counts").size()];
        for (int i = 0; i < codes.length; i++) {
            codes[i] = tokens.path("codes").get(i).asInt(-1);
        }
        for (int i = 0; i < counts.length; i++) {
            counts[i] = tokens.path("counts").get(i).asLong(0);
        }
        return new GruTokenizer(config, stats, new Vocabulary(codes, counts), state.tensors());
    }

    private static DecoderPadding padding(String name) {
        try {
            return DecoderPadding.valueOf(name.toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("padding must be same or causal, got \"" + name + "\"");
        }
    }

    @Override
    public String type() {
        return TYPE;
    }

    public GruConfig config() {
        return config;
    }

    /** Token ids in use, including the reserved id 0 (the {@link Tokens#vocabularySize()}). */
    public int vocabularySize() {
        return vocabulary.size();
    }

    /** Network codes the training data used: the live vocabulary without the reserved id. */
    public int liveTokens() {
        return vocabulary.liveTokens();
    }

    /** Entropy of token usage on the training data, bits per sample. */
    public double trainingUsageEntropyBits() {
        return vocabulary.usageEntropyBits();
    }

    /** The stored statistics of one channel name, or null. */
    ChannelStats stats(String name) {
        return byName.get(name);
    }

    /** Channel names this tokenizer has statistics for, in fitting order. */
    public List<String> channelNames() {
        return channels.stream().map(ChannelStats::name).toList();
    }

    /**
     * One token id per sample of every data channel (STIM/MISC channels are skipped).
     *
     * @throws SignalException on a rate other than the config's, a window shorter than the decoder
     *                         kernel, non-finite samples, no data channels or a channel name the
     *                         tokenizer has no statistics for
     */
    @Override
    public Tokens encode(Recording window) throws SignalException {
        if (window.samplingRate() != config.samplingRate()) {
            throw new SignalException(null, "the gru tokenizer works at " + config.samplingRate() + " Hz but the "
                    + "window is at " + window.samplingRate() + " Hz; resample it first (io.neurofm.dsp.Resampling)");
        }
        List<Integer> rows = new ArrayList<>();
        List<String> unknown = new ArrayList<>();
        for (int c = 0; c < window.channelCount(); c++) {
            if (window.channel(c).type().isData()) {
                rows.add(c);
                if (!byName.containsKey(window.channel(c).name())) {
                    unknown.add(window.channel(c).name());
                }
            }
        }
        if (rows.isEmpty()) {
            throw new SignalException(null, "the window has no data channels to tokenize");
        }
        if (!unknown.isEmpty()) {
            throw new SignalException(null, "the gru tokenizer has no normalisation statistics for channels " + unknown
                    + "; it was fitted on " + abbreviated(channelNames()));
        }
        if (window.sampleCount() < config.kernel()) {
            throw new SignalException(null, "window of " + window.sampleCount() + " samples is shorter than the "
                    + "decoder kernel (" + config.kernel() + " samples); the gru tokenizer needs at least that many");
        }
        requireFinite(window);
        List<float[]> sequences = new ArrayList<>();
        List<String> names = new ArrayList<>();
        List<Position> positions = new ArrayList<>();
        for (int c : rows) {
            Channel ch = window.channel(c);
            sequences.add(byName.get(ch.name()).zscore(window.channelData(c)));
            names.add(ch.name());
            positions.add(ch.position());
        }
        int[][] codes = CodeEncoder.encode(config, weights, sequences, live);
        for (int[] row : codes) {
            for (int t = 0; t < row.length; t++) {
                row[t] = idOfCode[row[t]];
            }
        }
        return new Tokens(names, positions, codes, null, null, vocabulary.size(), 1 / config.samplingRate(),
                config.samplingRate());
    }

    @Override
    public boolean invertible() {
        return true;
    }

    /**
     * The decoder's reconstruction in the channels' original units at the tokenizer's rate.
     * Steps marked invalid, and id 0, contribute no waveform.
     */
    @Override
    public Recording decode(Tokens tokens) throws SignalException {
        if (!tokens.isDiscrete()) {
            throw new SignalException(null, "the gru tokenizer decodes discrete tokens, got continuous vectors");
        }
        if (tokens.samplingRate() != config.samplingRate() || tokens.vocabularySize() != vocabulary.size()) {
            throw new SignalException(null, "these tokens (" + tokens.vocabularySize() + " ids at "
                    + tokens.samplingRate() + " Hz) were not made by this gru tokenizer (" + vocabulary.size()
                    + " ids at " + config.samplingRate() + " Hz)");
        }
        float[] kernels = weights.get("decoder.weight").data(); // [1][N][K]
        float bias = weights.get("decoder.bias").data()[0];
        int k = config.kernel();
        int left = config.padding().left(k);
        List<Channel> outChannels = new ArrayList<>();
        float[][] out = new float[tokens.rows()][];
        for (int r = 0; r < tokens.rows(); r++) {
            ChannelStats stats = byName.get(tokens.channels().get(r));
            if (stats == null) {
                throw new SignalException(null, "no statistics for channel " + tokens.channels().get(r)
                        + " to restore its units");
            }
            int[] ids = tokens.ids()[r];
            int n = ids.length;
            float[] z = new float[n];
            java.util.Arrays.fill(z, bias);
            for (int s = 0; s < n; s++) {
                int id = ids[s];
                if (id < 0 || id >= vocabulary.size()) {
                    throw new SignalException(null, "token id " + id + " at step " + s + " of channel "
                            + tokens.channels().get(r) + " is outside the vocabulary [0, " + vocabulary.size() + ")");
                }
                if (id == Vocabulary.RESERVED || !tokens.isValid(r, s)) {
                    continue;
                }
                int base = vocabulary.codes()[id - 1] * k;
                // Token s feeds output t = s - j + left for tap j (cross-correlation, as PyTorch's conv1d).
                for (int j = 0; j < k; j++) {
                    int t = s - j + left;
                    if (t >= 0 && t < n) {
                        z[t] += kernels[base + j];
                    }
                }
            }
            out[r] = stats.unscale(z);
            outChannels.add(new Channel(stats.name(), stats.type(), stats.unit(), config.samplingRate(),
                    tokens.positions().get(r)));
        }
        return new Recording(outChannels, out, config.samplingRate(), List.of(), RecordingIds.NONE, null, 0,
                List.of(Transform.of("decode", "tokenizer", TYPE, "vocabulary", vocabulary.size(), "kernel", k,
                        "padding", config.padding().name().toLowerCase(java.util.Locale.ROOT))));
    }

    @Override
    public TokenizerState state() {
        ObjectNode c = JSON.createObjectNode();
        c.put("hidden", config.hidden());
        c.put("vocabulary", config.vocabulary());
        c.put("kernel", config.kernel());
        c.put("padding", config.padding().name().toLowerCase(java.util.Locale.ROOT));
        c.put("samplingRate", config.samplingRate());
        c.put("window", config.window());
        c.put("batch", config.batch());
        c.put("learningRate", config.learningRate());
        c.put("steps", config.steps());
        c.put("timeBudgetSeconds", config.timeBudgetSeconds());
        c.put("usageWeight", config.usageWeight());
        c.put("encodeWindow", config.encodeWindow());
        c.put("encodeContext", config.encodeContext());
        c.put("seed", config.seed());
        c.put("restarts", config.restarts());
        c.put("normalisation", "z-score per channel name, statistics pooled over the training recordings");
        ArrayNode list = c.putArray("channels");
        for (ChannelStats s : channels) {
            ObjectNode n = list.addObject();
            n.put("name", s.name());
            n.put("type", s.type().name());
            n.put("unit", s.unit());
            n.put("mean", s.mean());
            n.put("std", s.std());
            n.put("samples", s.samples());
        }
        ObjectNode tokens = c.putObject("tokens");
        tokens.put("reservedId", Vocabulary.RESERVED);
        tokens.put("live", vocabulary.liveTokens());
        ArrayNode codes = tokens.putArray("codes");
        for (int code : vocabulary.codes()) {
            codes.add(code);
        }
        ArrayNode counts = tokens.putArray("counts");
        for (long count : vocabulary.counts()) {
            counts.add(count);
        }
        return new TokenizerState(TYPE, c, weights);
    }

    private static List<String> dataChannelNames(Recording r) {
        return r.channels().stream().filter(ch -> ch.type().isData()).map(Channel::name).toList();
    }

    private static void requireFinite(Recording r) throws SignalException {
        for (int c = 0; c < r.channelCount(); c++) {
            if (!r.channel(c).type().isData()) {
                continue;
            }
            for (int t = 0; t < r.sampleCount(); t++) {
                float v = r.sample(c, t);
                if (!Float.isFinite(v)) {
                    throw new SignalException(null, "channel " + r.channel(c).name() + " has a non-finite sample (" + v
                            + ") at sample " + t + "; repair or drop it before tokenizing");
                }
            }
        }
    }

    private static String abbreviated(List<String> names) {
        return names.size() <= 8 ? names.toString()
                : names.subList(0, 8) + " and " + (names.size() - 8) + " more";
    }
}

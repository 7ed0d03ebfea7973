package io.neurofm.family.meggpt;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import io.neurofm.signal.Recording;
import io.neurofm.signal.SignalException;
import io.neurofm.tokenize.Tokenizer;
import io.neurofm.tokenize.Tokens;
import java.util.Random;

/**
 * Autoregressive generation: from a context of tokens, draw one token per channel per step.
 *
 * <p>Every step reruns the full forward pass over the window (no key/value cache; io.neurofm.nn
 * has none). That costs O(T) forwards of length up to T, fine at the tiny and small sizes. Once the
 * sequence is longer than the model's maximum length T, the window slides: each step sees the last
 * T tokens of every channel, at positions 0..T-1.
 */
public final class MegGptGenerator {
    private MegGptGenerator() {}

    /**
     * Continues {@code context} by {@code steps} tokens per channel.
     *
     * @param context [C][T0] token ids, T0 >= 1, all channels the same length
     * @param channelIds [C] ids into the model's channel vocabulary
     * @param sessionId id into the model's session vocabulary
     * @param seed seeds the sampling; the same seed, model and inputs give the same tokens
     * @return [C][T0 + steps]: the context followed by the generated tokens
     */
    public static int[][] generate(MegGptModel model, NDManager manager, int[][] context,
                                   int[] channelIds, int sessionId, int steps,
                                   SamplingOptions options, long seed) {
        int channels = context.length;
        if (channels == 0 || context[0].length == 0) {
            throw new IllegalArgumentException("the context needs at least one channel and one step");
        }
        if (channelIds.length != channels) {
            throw new IllegalArgumentException(
                    channelIds.length + " channel ids for " + channels + " context channels");
        }
        if (steps < 0) {
            throw new IllegalArgumentException("steps must be >= 0, got " + steps);
        }
        int start = context[0].length;
        int[][] grid = new int[channels][start + steps];
        for (int c = 0; c < channels; c++) {
            if (context[c].length != start) {
                throw new IllegalArgumentException("context channel " + c + " has "
                        + context[c].length + " steps, channel 0 has " + start);
            }
            System.arraycopy(context[c], 0, grid[c], 0, start);
        }
        int maxLength = model.config().maxLength();
        int vocabulary = model.config().vocabularySize();
        Random random = new Random(seed);
        ParameterStore store = new ParameterStore(manager, false);
        for (int t = start; t < start + steps; t++) {
            int from = Math.max(0, t - maxLength);
            int length = t - from;
            try (NDManager scope = manager.newSubManager()) {
                int[] window = new int[channels * length];
                for (int c = 0; c < channels; c++) {
                    System.arraycopy(grid[c], from, window, c * length, length);
                }
                NDList batch = new NDList(
                        scope.create(window, new Shape(1, channels, length)),
                        scope.create(channelIds, new Shape(1, channels)),
                        scope.create(new int[] {sessionId}, new Shape(1)));
                NDArray logits = model.logits(store, batch, false);
                float[] last = logits.get(new NDIndex("0, :, -1, :")).toFloatArray();
                float[] row = new float[vocabulary];
                for (int c = 0; c < channels; c++) {
                    System.arraycopy(last, c * vocabulary, row, 0, vocabulary);
                    grid[c][t] = TokenSampler.sample(row, options, random);
                }
            }
        }
        return grid;
    }

    /**
     * The signal a token grid stands for, through {@code tokenizer}'s decode. {@code template} is
     * the tokens the context came from: it supplies the channel names, positions, vocabulary size,
     * step length and sampling rate of the generated grid.
     */
    public static Recording detokenize(Tokenizer tokenizer, Tokens template, int[][] ids)
            throws SignalException {
        if (!template.isDiscrete()) {
            throw new IllegalArgumentException("the template must hold discrete tokens");
        }
        if (ids.length != template.rows()) {
            throw new IllegalArgumentException(
                    ids.length + " generated rows for " + template.rows() + " template channels");
        }
        for (int[] row : ids) {
            for (int id : row) {
                if (id < 0 || id >= template.vocabularySize()) {
                    throw new IllegalArgumentException("token " + id + " is outside the tokenizer's "
                            + template.vocabularySize() + " ids");
                }
            }
        }
        Tokens generated = new Tokens(template.channels(), template.positions(), ids, null, null,
                template.vocabularySize(), template.stepSeconds(), template.samplingRate());
        return tokenizer.decode(generated);
    }
}

package io.neurofm.family.meggpt;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.neurofm.signal.Channel;
import io.neurofm.signal.ChannelType;
import io.neurofm.signal.Position;
import io.neurofm.signal.Recording;
import io.neurofm.signal.SignalException;
import io.neurofm.signal.Transform;
import io.neurofm.tokenize.Tokenizer;
import io.neurofm.tokenize.TokenizerState;
import io.neurofm.tokenize.Tokens;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Sampling filters, seeded generation and the detokenize hook. */
class MegGptGenerationTest {

    static float[] randomLogits(Random random, int size) {
        float[] logits = new float[size];
        for (int i = 0; i < size; i++) {
            logits[i] = (float) (2 * random.nextGaussian());
        }
        return logits;
    }

    /** The k largest logits' ids, found by sorting values (continuous logits: no ties). */
    static Set<Integer> topK(float[] logits, int k) {
        float[] sorted = logits.clone();
        Arrays.sort(sorted);
        float threshold = sorted[sorted.length - k];
        Set<Integer> ids = new HashSet<>();
        for (int i = 0; i < logits.length; i++) {
            if (logits[i] >= threshold) {
                ids.add(i);
            }
        }
        return ids;
    }

    @Test
    void topKNeverSamplesOutsideTheKMostLikely() {
        Random logitSource = new Random(1);
        Random sampler = new Random(2);
        for (int trial = 0; trial < 50; trial++) {
            float[] logits = randomLogits(logitSource, 40);
            int k = 1 + trial % 7;
            Set<Integer> allowed = topK(logits, k);
            Set<Integer> seen = new HashSet<>();
            for (int draw = 0; draw < 200; draw++) {
                int id = TokenSampler.sample(logits, new SamplingOptions(1.5, k, 1), sampler);
                assertTrue(allowed.contains(id), "id " + id + " is outside the top " + k);
                seen.add(id);
            }
            // With temperature 1.5 the k candidates are all reachable; 200 draws see more than one.
            assertTrue(k == 1 || seen.size() > 1, "top-" + k + " sampling collapsed to " + seen);
        }
    }

    @Test
    void topPKeepsTheSmallestPrefixReachingP() {
        // Probabilities 0.5, 0.3, 0.15, 0.05 as logits (log p), shuffled over ids.
        float[] logits = new float[4];
        logits[2] = (float) Math.log(0.5);
        logits[0] = (float) Math.log(0.3);
        logits[3] = (float) Math.log(0.15);
        logits[1] = (float) Math.log(0.05);
        assertArrayEquals(new int[] {2}, TokenSampler.candidates(logits,
                new SamplingOptions(1, 0, 0.4)).ids());
        assertArrayEquals(new int[] {2, 0}, TokenSampler.candidates(logits,
                new SamplingOptions(1, 0, 0.7)).ids());
        TokenSampler.Candidates three = TokenSampler.candidates(logits, new SamplingOptions(1, 0, 0.9));
        assertArrayEquals(new int[] {2, 0, 3}, three.ids());
        assertArrayEquals(new double[] {0.5 / 0.95, 0.3 / 0.95, 0.15 / 0.95}, three.probabilities(), 1e-6);
        assertEquals(4, TokenSampler.candidates(logits, new SamplingOptions(1, 0, 1)).ids().length);
        // top-k applies first: of the top 2 (0.625, 0.375 after renormalising), 0.6 keeps one.
        assertArrayEquals(new int[] {2}, TokenSampler.candidates(logits,
                new SamplingOptions(1, 2, 0.6)).ids());

        Random sampler = new Random(3);
        int[] counts = new int[4];
        for (int draw = 0; draw < 4000; draw++) {
            counts[TokenSampler.sample(logits, new SamplingOptions(1, 0, 0.7), sampler)]++;
        }
        assertEquals(0, counts[1] + counts[3], "sampled outside the nucleus");
        // 0.5 / 0.8 = 0.625 of draws are id 2; 4000 draws give a standard error of 0.008.
        assertEquals(0.625, counts[2] / 4000.0, 0.04);
    }

    @Test
    void temperatureZeroIsGreedyAndOptionsAreChecked() {
        float[] logits = {0.1f, 2f, 2f, -1f};
        assertEquals(1, TokenSampler.sample(logits, SamplingOptions.GREEDY, new Random(0)));
        assertThrows(IllegalArgumentException.class, () -> new SamplingOptions(-1, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> new SamplingOptions(1, -1, 1));
        assertThrows(IllegalArgumentException.class, () -> new SamplingOptions(1, 0, 0));
        assertThrows(IllegalArgumentException.class,
                () -> TokenSampler.sample(new float[] {Float.NaN}, SamplingOptions.plain(), new Random()));
    }

    @Test
    void generationKeepsTheContextAndIsReproducibleWithASeed() {
        try (NDManager manager = NDManager.newBaseManager()) {
            MegGptModel model = MegGptFixtures.initialised(MegGptFixtures.small(1), manager, 9);
            int[][] context = MegGptFixtures.randomTokens(1, 3, 6, 17, 4)[0];
            int[] channelIds = {4, 0, 7};
            SamplingOptions options = new SamplingOptions(1.0, 8, 0.95);
            // 6 + 22 = 28 steps, more than the model's 24: the last steps use a sliding window.
            int[][] first = MegGptGenerator.generate(model, manager, context, channelIds, 2, 22, options, 42);
            int[][] again = MegGptGenerator.generate(model, manager, context, channelIds, 2, 22, options, 42);
            int[][] other = MegGptGenerator.generate(model, manager, context, channelIds, 2, 22, options, 43);
            assertEquals(3, first.length);
            for (int c = 0; c < 3; c++) {
                assertEquals(28, first[c].length);
                assertArrayEquals(context[c], Arrays.copyOf(first[c], 6));
                assertArrayEquals(first[c], again[c]);
                for (int id : first[c]) {
                    assertTrue(id >= 0 && id < 17);
                }
            }
            assertFalse(Arrays.deepEquals(first, other), "another seed gave the same 66 tokens");
        }
    }

    @Test
    void greedyGenerationFollowsTheArgmaxOfAFullForward() {
        try (NDManager manager = NDManager.newBaseManager()) {
            MegGptModel model = MegGptFixtures.initialised(MegGptFixtures.small(0), manager, 10);
            int[][] context = MegGptFixtures.randomTokens(1, 2, 5, 17, 6)[0];
            int[][] grid = MegGptGenerator.generate(model, manager, context, new int[] {1, 2}, 3, 4,
                    SamplingOptions.GREEDY, 0);
            // Each generated token is the argmax of the logits one step earlier in the final grid.
            int[][][] batch = {grid};
            NDArray logits = MegGptFixtures.logits(model, manager, MegGptFixtures.batch(manager, batch,
                    new int[][] {{1, 2}}, new int[] {3}));
            for (int c = 0; c < 2; c++) {
                for (int t = 5; t < 9; t++) {
                    float[] row = logits.get("0, {}, {}, :", c, t - 1).toFloatArray();
                    int best = 0;
                    for (int v = 1; v < row.length; v++) {
                        if (row[v] > row[best]) {
                            best = v;
                        }
                    }
                    assertEquals(best, grid[c][t], "channel " + c + " step " + t);
                }
            }
        }
    }

    /** Maps id i to i / 10 volts, so the decoded signal shows exactly which ids it was given. */
    static final class FakeTokenizer implements Tokenizer {
        @Override
        public String type() {
            return "fake";
        }

        @Override
        public Tokens encode(Recording window) {
            throw new UnsupportedOperationException("decode-only test double");
        }

        @Override
        public boolean invertible() {
            return true;
        }

        @Override
        public Recording decode(Tokens tokens) {
            List<Channel> channels = new ArrayList<>();
            float[][] samples = new float[tokens.rows()][tokens.steps()];
            for (int r = 0; r < tokens.rows(); r++) {
                channels.add(Channel.of(tokens.channels().get(r), ChannelType.EEG, tokens.samplingRate()));
                for (int t = 0; t < tokens.steps(); t++) {
                    samples[r][t] = tokens.ids()[r][t] / 10f;
                }
            }
            return new Recording(channels, samples, tokens.samplingRate(), List.of(), null, null, 0,
                    List.of(Transform.of("decode", "tokenizer", "fake")));
        }

        @Override
        public TokenizerState state() {
            throw new UnsupportedOperationException("decode-only test double");
        }
    }

    @Test
    void detokenizePassesTheGeneratedGridToTheTokenizer() throws SignalException {
        List<Position> unknown = Collections.nCopies(2, null);
        Tokens template = new Tokens(List.of("Cz", "Pz"), unknown, new int[][] {{1, 2}, {3, 4}},
                null, null, 16, 1 / 160.0, 160);
        int[][] generated = {{1, 2, 15, 0}, {3, 4, 7, 9}};
        Recording signal = MegGptGenerator.detokenize(new FakeTokenizer(), template, generated);
        assertEquals(List.of("Cz", "Pz"), signal.channelNames());
        assertEquals(160, signal.samplingRate());
        assertArrayEquals(new float[] {0.1f, 0.2f, 1.5f, 0f}, signal.channelData(0));
        assertArrayEquals(new float[] {0.3f, 0.4f, 0.7f, 0.9f}, signal.channelData(1));
        assertThrows(IllegalArgumentException.class, () -> MegGptGenerator.detokenize(
                new FakeTokenizer(), template, new int[][] {{16}, {0}}));
    }
}

package io.neurofm.family.meggpt;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import java.util.Random;

/** A small config and batch builders shared by the MEG-GPT tests. */
final class MegGptFixtures {
    private MegGptFixtures() {}

    /** V 17, T 24, 8 channel ids, 4 sessions, d 32, 4 heads, FF 64, 2 layers, K 8, no dropout. */
    static MegGptConfig small(int channelAttentionEvery) {
        return new MegGptConfig(17, 24, 8, 4, 32, 4, 64, 2, channelAttentionEvery, 0f, 8);
    }

    static MegGptModel initialised(MegGptConfig config, NDManager manager, int seed) {
        manager.getEngine().setRandomSeed(seed);
        MegGptModel model = new MegGptModel(config);
        model.initialize(manager);
        return model;
    }

    static int[][][] randomTokens(int batch, int channels, int steps, int vocabulary, long seed) {
        Random random = new Random(seed);
        int[][][] tokens = new int[batch][channels][steps];
        for (int[][] b : tokens) {
            for (int[] row : b) {
                for (int t = 0; t < steps; t++) {
                    row[t] = random.nextInt(vocabulary);
                }
            }
        }
        return tokens;
    }

    static NDList batch(NDManager manager, int[][][] tokens, int[][] channelIds, int[] sessionIds) {
        int b = tokens.length;
        int c = tokens[0].length;
        int t = tokens[0][0].length;
        int[] flat = new int[b * c * t];
        int[] channels = new int[b * c];
        for (int i = 0; i < b; i++) {
            for (int j = 0; j < c; j++) {
                System.arraycopy(tokens[i][j], 0, flat, (i * c + j) * t, t);
                channels[i * c + j] = channelIds[i][j];
            }
        }
        return new NDList(manager.create(flat, new Shape(b, c, t)),
                manager.create(channels, new Shape(b, c)),
                manager.create(sessionIds, new Shape(b)));
    }

    /** Channel ids 0..C-1 for every batch element, sessions 0..B-1. */
    static NDList batch(NDManager manager, int[][][] tokens) {
        int[][] channelIds = new int[tokens.length][tokens[0].length];
        int[] sessions = new int[tokens.length];
        for (int i = 0; i < tokens.length; i++) {
            sessions[i] = i;
            for (int j = 0; j < tokens[0].length; j++) {
                channelIds[i][j] = j;
            }
        }
        return batch(manager, tokens, channelIds, sessions);
    }

    static NDArray logits(MegGptModel model, NDManager manager, NDList batch) {
        return model.logits(new ParameterStore(manager, false), batch, false);
    }

    static int[][][] copy(int[][][] tokens) {
        int[][][] out = new int[tokens.length][][];
        for (int i = 0; i < tokens.length; i++) {
            out[i] = new int[tokens[i].length][];
            for (int j = 0; j < tokens[i].length; j++) {
                out[i][j] = tokens[i][j].clone();
            }
        }
        return out;
    }
}

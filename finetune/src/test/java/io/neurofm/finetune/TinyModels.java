package io.neurofm.finetune;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import io.neurofm.family.deeperbrain.DeeperBrainConfig;
import io.neurofm.family.deeperbrain.DeeperBrainModel;
import io.neurofm.nn.StateDict;
import io.neurofm.signal.Position;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/** Tiny randomly initialised DeeperBrain models and synthetic labelled epochs for fast tests. */
final class TinyModels {
    private TinyModels() {
    }

    /** L 16, d 16, 2 heads, FF 32, 2 layers, no dropout. */
    static DeeperBrainConfig config(int patchLength) {
        return new DeeperBrainConfig(patchLength, 16, 2, 32, 2, 4, 4, 4, 1f, 0.5f, 0.03f, 0f);
    }

    static DeeperBrainModel model(NDManager manager, int seed) {
        Engine.getInstance().setRandomSeed(seed);
        DeeperBrainModel m = new DeeperBrainModel(config(16));
        m.initialize(manager);
        return m;
    }

    /**
     * 12 epochs, 3 channels (the last without a position, so the unknown-position embedding takes
     * part too), 2 patches of 16; class 1 has a larger amplitude so there is something to learn.
     */
    static FineTuneData data(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        int n = 12;
        float[][][][] x = new float[n][3][2][16];
        int[] y = new int[n];
        for (int e = 0; e < n; e++) {
            y[e] = e % 2;
            for (float[][] ch : x[e]) {
                for (float[] patch : ch) {
                    for (int l = 0; l < patch.length; l++) {
                        patch[l] = (float) (r.nextGaussian() * (1 + y[e]));
                    }
                }
            }
        }
        List<Position> positions = Arrays.asList(new Position(-0.05, 0, 0.06), new Position(0.05, 0, 0.06), null);
        return new FineTuneData(x, positions, y, List.of("a", "b"), List.of("C3", "C4", "X"));
    }

    /** Every parameter's bytes, by name. */
    static Map<String, byte[]> snapshot(Map<String, Parameter> parameters) {
        Map<String, byte[]> out = new LinkedHashMap<>();
        parameters.forEach((name, p) -> out.put(name, p.getArray().toByteArray()));
        return out;
    }

    static Map<String, byte[]> snapshot(DeeperBrainModel model) {
        return snapshot(StateDict.parameters(model.block()));
    }
}

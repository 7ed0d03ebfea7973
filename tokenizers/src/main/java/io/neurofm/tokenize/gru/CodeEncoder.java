package io.neurofm.tokenize.gru;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import io.neurofm.tokenize.TokenizerState;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Runs the trained encoder over z-scored single-channel sequences and returns the winning
 * network code per sample, overlap-and-stitch ({@link StitchPlan}). Windows from all channels
 * are batched together; a short last window is zero-padded at its end, which cannot change
 * its kept codes because the GRU is causal.
 */
final class CodeEncoder {
    /** Samples per forward batch: large enough to keep the GEMMs busy, small enough to stay in cache. */
    private static final int BATCH_SAMPLES = 32_768;

    private CodeEncoder() {
    }

    /**
     * @param allowed which network codes may win (the live vocabulary), or null for all
     * @return the winning code index per sequence and sample
     */
    static int[][] encode(GruConfig config, Map<String, TokenizerState.Tensor> weights, List<float[]> sequences,
                          boolean[] allowed) {
        List<int[]> jobs = new ArrayList<>(); // sequence, start, length, keepFrom
        for (int s = 0; s < sequences.size(); s++) {
            for (StitchPlan.Window w : StitchPlan.of(sequences.get(s).length, config.encodeWindow(),
                    config.encodeContext())) {
                jobs.add(new int[] {s, w.start(), w.length(), w.keepFrom()});
            }
        }
        int[][] codes = new int[sequences.size()][];
        for (int s = 0; s < sequences.size(); s++) {
            codes[s] = new int[sequences.get(s).length];
        }
        if (jobs.isEmpty()) {
            return codes;
        }
        int window = jobs.stream().mapToInt(j -> j[2]).max().orElseThrow();
        int batch = Math.max(1, BATCH_SAMPLES / window);
        try (NDManager manager = NDManager.newBaseManager()) {
            GruCodec codec = GruCodec.of(config).initialized(manager);
            Weights.load(codec, weights);
            ParameterStore store = new ParameterStore(manager, false);
            NDArray mask = mask(manager, allowed, config.vocabulary());
            for (int from = 0; from < jobs.size(); from += batch) {
                List<int[]> chunk = jobs.subList(from, Math.min(jobs.size(), from + batch));
                float[] x = new float[chunk.size() * window];
                for (int b = 0; b < chunk.size(); b++) {
                    int[] j = chunk.get(b);
                    System.arraycopy(sequences.get(j[0]), j[1], x, b * window, j[2]);
                }
                long[] winners;
                try (NDManager scope = manager.newSubManager()) {
                    NDArray logits = codec.logits(store, scope.create(x, new Shape(chunk.size(), window, 1)), false);
                    if (mask != null) {
                        logits = logits.add(mask);
                    }
                    winners = logits.argMax(-1).toLongArray();
                }
                for (int b = 0; b < chunk.size(); b++) {
                    int[] j = chunk.get(b);
                    for (int t = j[3]; t < j[2]; t++) {
                        codes[j[0]][j[1] + t] = (int) winners[b * window + t];
                    }
                }
            }
        }
        return codes;
    }

    private static NDArray mask(NDManager manager, boolean[] allowed, int codes) {
        if (allowed == null) {
            return null;
        }
        float[] m = new float[codes];
        for (int i = 0; i < codes; i++) {
            m[i] = allowed[i] ? 0f : Float.NEGATIVE_INFINITY;
        }
        return manager.create(m);
    }
}

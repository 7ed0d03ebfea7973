package io.neurofm.tokenize.gru;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import io.neurofm.tensor.Scalars;
import io.neurofm.tokenize.TokenizerState;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;

/**
 * Trains the codec on random crops of z-scored single-channel sequences: MSE reconstruction
 * (plus the optional usage regulariser, scaled by the temperature), Adam with a half-cosine
 * learning rate, temperature annealed linearly from 1 to 0 over the run. Crops are drawn
 * uniformly over all crop positions of all sequences.
 */
final class GruTrainer {
    private static final double FINAL_RATE = 0.1;

    private GruTrainer() {
    }

    /**
     * Trains with libtorch pinned to one intra-op thread, restored afterwards. With two threads the
     * same seeded run intermittently produced non-finite gradients (reproduced: 11 of 32 batches in
     * GruTokenizerTest), and the GRU's per-timestep small ops are faster on one thread anyway
     * (docs/gru.md). Fits are still not always bit-reproducible (docs/gru.md, Not done).
     *
     * @param sequences z-scored channels, each at least one training window long
     */
    static Map<String, TokenizerState.Tensor> train(List<float[]> sequences, GruConfig config,
                                                    Consumer<FitProgress> progress) {
        Engine.getInstance(); // loads libtorch before its thread settings are touched
        int threads = JniUtils.getNumThreads();
        JniUtils.setNumThreads(1);
        try {
            return trainSingleThreaded(sequences, config, progress);
        } finally {
            JniUtils.setNumThreads(threads);
        }
    }

    private static Map<String, TokenizerState.Tensor> trainSingleThreaded(List<float[]> sequences, GruConfig config,
                                                                          Consumer<FitProgress> progress) {
        int w = config.window();
        long[] cumulative = new long[sequences.size() + 1];
        for (int s = 0; s < sequences.size(); s++) {
            cumulative[s + 1] = cumulative[s] + (sequences.get(s).length - w + 1);
        }
        Random random = new Random(config.seed());
        Engine.getInstance().setRandomSeed((int) config.seed());
        long started = System.nanoTime();
        try (NDManager manager = NDManager.newBaseManager()) {
            GruCodec codec = GruCodec.of(config).initialized(manager);
            Map<String, Parameter> parameters = codec.namedParameters();
            ParameterStore store = new ParameterStore(manager, false);
            float[] rate = {(float) config.learningRate()};
            Optimizer adam = Optimizer.adam().optLearningRateTracker((Tracker) update -> rate[0]).build();
            float logCodes = (float) Math.log(config.vocabulary());
            float[] x = new float[config.batch() * w];
            int skipped = 0;
            for (int step = 1; ; step++) {
                double elapsed = (System.nanoTime() - started) / 1e9;
                double fraction = config.steps() == 1 ? 0 : (step - 1) / (double) (config.steps() - 1);
                if (config.timeBudgetSeconds() > 0) {
                    fraction = Math.max(fraction, elapsed / config.timeBudgetSeconds());
                }
                if (step > config.steps() || (step > 1 && fraction > 1)) {
                    break;
                }
                fraction = Math.min(1, fraction);
                double temperature = 1 - fraction;
                rate[0] = (float) learningRate(config.learningRate(), fraction);
                for (int b = 0; b < config.batch(); b++) {
                    long pick = (long) (random.nextDouble() * cumulative[sequences.size()]);
                    int s = seqOf(cumulative, pick);
                    System.arraycopy(sequences.get(s), (int) (pick - cumulative[s]), x, b * w, w);
                }
                double loss;
                try (NDManager scope = manager.newSubManager();
                     GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                    NDArray input = scope.create(x, new Shape(config.batch(), w, 1));
                    NDList out = codec.forward(store, new NDList(input, Scalars.of(input, temperature)), true);
                    NDArray mse = out.get(0).sub(input.squeeze(2)).square().mean();
                    NDArray objective = mse;
                    if (config.usageWeight() > 0) {
                        NDArray usage = out.get(1).softmax(-1).reshape(-1, config.vocabulary()).mean(new int[] {0});
                        NDArray entropy = usage.mul(usage.add(1e-12f).log()).sum().neg();
                        objective = mse.add(Scalars.mul(entropy.neg().add(logCodes), config.usageWeight() * temperature));
                    }
                    collector.backward(objective);
                    loss = mse.getFloat();
                }
                // As DJL's Trainer.step: update after the collector has closed (grad mode off); the
                // PyTorch engine's adamUpdate zeroes each parameter's gradient afterwards. A batch
                // whose loss or gradient is not finite is skipped rather than poisoning Adam's moments.
                boolean finite = Double.isFinite(loss) && gradientsFinite(parameters);
                if (!finite) {
                    skipped++;
                    if (skipped > Math.max(10, step / 10)) {
                        throw new TrainingDivergedException("training diverged: " + skipped + " of " + step
                                + " batches gave a non-finite loss or gradient; lower the learning rate");
                    }
                }
                for (Map.Entry<String, Parameter> p : parameters.entrySet()) {
                    NDArray weight = p.getValue().getArray();
                    try (NDArray grad = weight.getGradient()) {
                        if (finite) {
                            adam.update(p.getKey(), weight, grad);
                        } else {
                            grad.set(grad.isNaN().logicalOr(grad.isInfinite()), 0f);
                            grad.subi(grad);
                        }
                    }
                }
                if (progress != null) {
                    progress.accept(new FitProgress(step, config.steps(), fraction, temperature, loss, skipped,
                            (System.nanoTime() - started) / 1e9, 1, 1));
                }
            }
            return Weights.of(codec);
        }
    }

    /**
     * Half cosine from the peak rate to a tenth of it along the run's fraction: the codes settle as
     * the quantiser hardens instead of flipping at the peak rate (held-out VE 0.94-0.96 vs 0.93 in
     * 4-minute fits, docs/gru.md).
     */
    static double learningRate(double peak, double fraction) {
        return peak * (FINAL_RATE + (1 - FINAL_RATE) * 0.5 * (1 + Math.cos(Math.PI * fraction)));
    }

    private static boolean gradientsFinite(Map<String, Parameter> parameters) {
        try (NDManager check = parameters.values().iterator().next().getArray().getManager().newSubManager()) {
            for (Parameter p : parameters.values()) {
                NDArray grad = p.getArray().getGradient();
                grad.attach(check); // the temporaries below then live, and die, in this scope
                if (grad.isNaN().logicalOr(grad.isInfinite()).any().getBoolean()) {
                    return false;
                }
            }
        }
        return true;
    }

    private static int seqOf(long[] cumulative, long pick) {
        int lo = 0;
        int hi = cumulative.length - 2;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (cumulative[mid] <= pick) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return lo;
    }
}

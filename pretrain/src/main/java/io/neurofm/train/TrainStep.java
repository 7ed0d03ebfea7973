package io.neurofm.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import io.neurofm.family.Pretrainable;
import java.util.ArrayList;
import java.util.List;

/**
 * One global step: forward and backward of every micro-batch on every replica (gradients add up
 * in libtorch), the gradient all-reduce, the global norm, then exactly one optimizer update with
 * the gradients scaled by {@code clip / (microBatches * replicas)}: the mean gradient, clipped.
 *
 * <p>The loss is computed once per micro-batch and read from the device once per step, together
 * with the gradient norm (one host sync per step, needed anyway to stop on NaN before updating).
 */
public final class TrainStep {
    /** Builds micro-batch {@code micro}'s share for {@code replica} on {@code manager}'s device. */
    @FunctionalInterface
    public interface BatchSource {
        NDList batch(int micro, int replica, NDManager manager);
    }

    /** What one step measured: the mean loss, the mean gradient's norm before clipping, the rate used. */
    public record Result(long step, double loss, double gradNorm, double lr) {}

    private final Pretrainable model;
    private final Replicas replicas;
    private final AdamW optimizer;
    private final List<Parameter> parameters;
    private final int microBatches;
    private final double maxGradNorm;
    private final long seed;

    public TrainStep(Pretrainable model, Replicas replicas, AdamW optimizer,
            List<Parameter> parameters, int microBatches, double maxGradNorm, long seed) {
        if (microBatches <= 0) {
            throw new IllegalArgumentException("micro-batches per step must be positive, got " + microBatches);
        }
        this.model = model;
        this.replicas = replicas;
        this.optimizer = optimizer;
        this.parameters = List.copyOf(parameters);
        this.microBatches = microBatches;
        this.maxGradNorm = maxGradNorm;
        this.seed = seed;
    }

    /**
     * Runs global step {@code step} (0-based) at rate {@code lr}.
     *
     * @param times where phase times are added; null to skip the clock reads
     * @throws TrainingDivergedException when the loss or gradient norm is not finite (no update)
     */
    public Result run(long step, double lr, BatchSource source, PhaseTimes times)
            throws TrainingDivergedException {
        NDManager device0 = replicas.manager(0);
        Engine engine = device0.getEngine();
        engine.setRandomSeed(Seeds.forStep(seed, step));
        int parts = microBatches * replicas.size();
        try (NDManager stepScope = device0.newSubManager()) {
            List<NDArray> losses = new ArrayList<>(parts);
            try (GradientCollector collector = engine.newGradientCollector()) {
                for (int j = 0; j < microBatches; j++) {
                    for (int r = 0; r < replicas.size(); r++) {
                        try (NDManager scope = replicas.manager(r).newSubManager()) {
                            long t0 = System.nanoTime();
                            NDList batch = source.batch(j, r, scope);
                            long t1 = System.nanoTime();
                            NDArray loss = model.loss(replicas.store(r), batch, true);
                            long t2 = System.nanoTime();
                            collector.backward(loss);
                            long t3 = System.nanoTime();
                            NDArray value = loss.stopGradient().toDevice(replicas.device(0), true);
                            value.attach(stepScope);
                            losses.add(value);
                            if (times != null) {
                                times.data += t1 - t0;
                                times.forward += t2 - t1;
                                times.backward += t3 - t2;
                                times.arrays += scope.getManagedArrays().size();
                            }
                        }
                    }
                }
            }
            long t4 = System.nanoTime();
            if (replicas.size() > 1) {
                replicas.reduceGradients();
            }
            long t5 = System.nanoTime();
            double meanLoss;
            double gradNorm;
            try (NDManager normScope = device0.newSubManager()) {
                List<NDArray> grads = new ArrayList<>(parameters.size());
                for (Parameter p : parameters) {
                    NDArray g = p.getArray().getGradient();
                    g.attach(normScope);
                    grads.add(g);
                }
                NDArray total = GradientClipping.totalNorm(grads);
                NDArray lossSum = losses.size() == 1 ? losses.get(0) : NDArrays.add(losses.toArray(new NDArray[0]));
                float[] host = NDArrays.stack(new NDList(lossSum.toType(total.getDataType(), false), total))
                        .toFloatArray();
                meanLoss = host[0] / (double) parts;
                gradNorm = host[1] / (double) parts;
            }
            long t6 = System.nanoTime();
            if (!Double.isFinite(meanLoss) || !Double.isFinite(gradNorm)) {
                throw new TrainingDivergedException(step, meanLoss, gradNorm);
            }
            double coefficient = GradientClipping.coefficient(gradNorm, maxGradNorm);
            optimizer.update(lr, coefficient / parts);
            if (replicas.size() > 1) {
                replicas.broadcast();
            }
            long t7 = System.nanoTime();
            if (times != null) {
                times.reduce += t5 - t4;
                times.clip += t6 - t5;
                times.optimizer += t7 - t6;
                times.steps++;
            }
            return new Result(step, meanLoss, gradNorm, lr);
        }
    }
}

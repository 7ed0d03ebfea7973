package io.neurofm.train.bench;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import io.neurofm.nn.StateDict;
import io.neurofm.train.AdamW;
import io.neurofm.train.AdamWConfig;
import io.neurofm.train.DecayRule;
import io.neurofm.train.PhaseTimes;
import io.neurofm.train.Replicas;
import io.neurofm.train.TrainStep;
import io.neurofm.train.TrainingDivergedException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * Times our training step on {@link EncoderBenchModel}: one fixed random batch and target (as the
 * PyTorch script does), AdamW at a constant rate 1e-4, global-norm clipping at 1.0, through the
 * same {@link TrainStep} the trainer runs. Warmup steps are not timed.
 */
public final class TrainBench {
    /** The shape and length of a run. */
    public record Options(int features, int dModel, int layers, int heads, int ffDim, int sequence, int batch,
            int steps, int warmup, long seed) {}

    /** Mean milliseconds per timed step and per phase; tokens = batch * sequence per step. */
    public record Result(Options options, long parameters, double stepMs, double minStepMs, double tokensPerSecond,
            double forwardMs, double backwardMs, double clipMs, double optimizerMs, double arraysPerStep) {}

    private TrainBench() {}

    public static Result run(Options o) throws TrainingDivergedException {
        EncoderBenchModel model = new EncoderBenchModel(o.features(), o.dModel(), o.layers(), o.heads(), o.ffDim(),
                o.sequence());
        try (NDManager manager = NDManager.newBaseManager(Device.cpu())) {
            manager.getEngine().setRandomSeed((int) o.seed());
            model.initialize(manager);
            LinkedHashMap<String, Parameter> params = StateDict.parameters(model.block());
            long count = 0;
            for (Parameter p : params.values()) {
                count += p.getArray().size();
            }
            AdamW adamw = new AdamW(params, AdamWConfig.DEFAULT, DecayRule.DEFAULT);
            Shape shape = new Shape(o.batch(), o.sequence(), o.features());
            NDArray x = manager.randomNormal(shape);
            NDArray target = manager.randomNormal(shape);
            NDList batch = new NDList(x, target);
            try (Replicas replicas = new Replicas(params, List.of(Device.cpu()))) {
                TrainStep step = new TrainStep(model, replicas, adamw, new ArrayList<>(params.values()), 1, 1.0,
                        o.seed());
                PhaseTimes times = new PhaseTimes();
                // Copies in the step's scope, so everything the forward pass derives from them is
                // freed with the scope (results belong to their first operand's manager).
                TrainStep.BatchSource source = (j, r, m) -> {
                    NDList copy = new NDList();
                    for (NDArray a : batch) {
                        NDArray d = a.duplicate();
                        d.attach(m);
                        copy.add(d);
                    }
                    return copy;
                };
                for (int s = 0; s < o.warmup(); s++) {
                    step.run(s, 1e-4, source, null);
                }
                long min = Long.MAX_VALUE;
                long start = System.nanoTime();
                for (int s = 0; s < o.steps(); s++) {
                    long t0 = System.nanoTime();
                    step.run(o.warmup() + s, 1e-4, source, times);
                    min = Math.min(min, System.nanoTime() - t0);
                }
                double stepMs = (System.nanoTime() - start) / 1e6 / o.steps();
                double tokens = (double) o.batch() * o.sequence();
                return new Result(o, count, stepMs, min / 1e6, tokens / (stepMs / 1e3), times.forwardMs(),
                        times.backwardMs(), times.clipMs(), times.optimizerMs(), times.arraysPerStep());
            }
        }
    }
}

package io.neurofm.nn;

import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import java.nio.DoubleBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Autograd gradients of a tiny layer (d=8, 2 heads) against central differences, in float64 so
 * the comparison can be tight: loss = sum(layer(x) * R) with a fixed random R.
 */
class GradientCheckTest {
    static final int B = 2;
    static final int T = 5;
    static final int D = 8;
    static final double STEP = 1e-6;
    static final double TOLERANCE = 1e-6;

    @ParameterizedTest(name = "causal={0} rotary={1}")
    @CsvSource({"false,false", "true,false", "true,true"})
    void autogradMatchesCentralDifferences(boolean causal, boolean rotary) {
        try (NDManager manager = NDManager.newBaseManager()) {
            manager.getEngine().setRandomSeed(11);
            PreLnTransformerLayer layer = NnFixtures.initialized(
                    new PreLnTransformerLayer(new TransformerConfig(D, 2, 16, 0f, causal, rotary)),
                    manager, DataType.FLOAT64, new Shape(B, T, D));
            Map<String, Parameter> params = StateDict.parameters(layer);
            // Non-trivial norms and biases, so their gradients are exercised away from defaults.
            Random random = new Random(5);
            for (Parameter p : params.values()) {
                double[] v = p.getArray().toDoubleArray();
                for (int i = 0; i < v.length; i++) {
                    v[i] += 0.3 * random.nextGaussian();
                }
                p.getArray().set(DoubleBuffer.wrap(v));
            }
            NDArray x = manager.randomNormal(0, 1, new Shape(B, T, D), DataType.FLOAT64);
            NDArray weights = manager.randomNormal(0, 1, new Shape(B, T, D), DataType.FLOAT64);

            Map<String, double[]> grads = new LinkedHashMap<>();
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                x.setRequiresGradient(true);
                NDArray out = layer.forward(new ParameterStore(manager, false), new NDList(x), true)
                        .head();
                collector.backward(out.mul(weights).sum());
                params.forEach((name, p) -> grads.put(name,
                        p.getArray().getGradient().toDoubleArray()));
                grads.put("input", x.getGradient().toDoubleArray());
            }

            List<String> failures = new ArrayList<>();
            double worst = 0;
            Random pick = new Random(3);
            for (Map.Entry<String, double[]> e : grads.entrySet()) {
                NDArray target = e.getKey().equals("input") ? x : params.get(e.getKey()).getArray();
                double[] base = target.toDoubleArray();
                for (int n = 0; n < 4; n++) {
                    int i = pick.nextInt(base.length);
                    double fd = centralDifference(layer, manager, x, weights, target, base, i);
                    double ad = e.getValue()[i];
                    double err = Math.abs(fd - ad) / Math.max(1, Math.abs(fd));
                    worst = Math.max(worst, err);
                    if (!(err <= TOLERANCE)) {
                        failures.add(e.getKey() + "[" + i + "]: autograd " + ad + ", numeric " + fd);
                    }
                }
            }
            System.out.printf("gradient check causal=%s rotary=%s: %d entries, worst error %.3g%n",
                    causal, rotary, grads.size() * 4, worst);
            assertTrue(failures.isEmpty(), String.join("\n", failures));
        }
    }

    private static double centralDifference(PreLnTransformerLayer layer, NDManager manager,
            NDArray x, NDArray weights, NDArray target, double[] base, int index) {
        double[] v = base.clone();
        v[index] = base[index] + STEP;
        target.set(DoubleBuffer.wrap(v));
        double plus = loss(layer, manager, x, weights);
        v[index] = base[index] - STEP;
        target.set(DoubleBuffer.wrap(v));
        double minus = loss(layer, manager, x, weights);
        target.set(DoubleBuffer.wrap(base));
        return (plus - minus) / (2 * STEP);
    }

    private static double loss(PreLnTransformerLayer layer, NDManager manager, NDArray x,
            NDArray weights) {
        try (NDManager scope = manager.newSubManager()) {
            NDArray input = x.duplicate();
            input.attach(scope);
            NDArray out = NnFixtures.forward(layer, scope, input);
            return out.mul(weights).sum().getDouble();
        }
    }
}

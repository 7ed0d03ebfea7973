package io.neurofm.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.training.GradientCollector;
import io.neurofm.nn.StateDict;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** AdamW against torch.optim.AdamW's formula evaluated in double precision; state save/load. */
class AdamWTest {
    private static final AdamWConfig CONFIG = new AdamWConfig(0.9, 0.98, 1e-6, 0.1);

    /** Sets every parameter's gradient to {@code grads[name]} through a linear loss sum(w * c). */
    private static void setGradients(NDManager manager, LinkedHashMap<String, Parameter> params,
            LinkedHashMap<String, float[]> grads) {
        try (NDManager scope = manager.newSubManager();
                GradientCollector collector = manager.getEngine().newGradientCollector()) {
            NDArray total = null;
            for (var e : params.entrySet()) {
                NDArray w = e.getValue().getArray();
                NDArray c = scope.create(grads.get(e.getKey()), w.getShape());
                NDArray term = w.mul(c).sum();
                total = total == null ? term : total.add(term);
            }
            collector.backward(total);
        }
    }

    @Test
    void matchesTorchAdamWFormula() {
        try (NDManager manager = NDManager.newBaseManager()) {
            manager.getEngine().setRandomSeed(3);
            Linear linear = Linear.builder().setUnits(2).build();
            linear.initialize(manager, DataType.FLOAT32, new Shape(1, 3));
            LinkedHashMap<String, Parameter> params = StateDict.parameters(linear);
            AdamW adamw = new AdamW(params, CONFIG, DecayRule.DEFAULT);
            assertTrue(adamw.decayed("weight"));
            assertFalse(adamw.decayed("bias"));

            LinkedHashMap<String, double[]> w = new LinkedHashMap<>();
            LinkedHashMap<String, double[]> m = new LinkedHashMap<>();
            LinkedHashMap<String, double[]> v = new LinkedHashMap<>();
            params.forEach((name, p) -> {
                float[] f = p.getArray().toFloatArray();
                double[] d = new double[f.length];
                for (int i = 0; i < f.length; i++) {
                    d[i] = f[i];
                }
                w.put(name, d);
                m.put(name, new double[f.length]);
                v.put(name, new double[f.length]);
            });
            SplittableRandom random = new SplittableRandom(11);
            double[] lrs = {1e-2, 5e-3, 2e-2, 1e-3};
            double[] scales = {1.0, 0.5, 0.25, 2.0};
            for (int t = 1; t <= lrs.length; t++) {
                LinkedHashMap<String, float[]> grads = new LinkedHashMap<>();
                for (var e : w.entrySet()) {
                    float[] g = new float[e.getValue().length];
                    for (int i = 0; i < g.length; i++) {
                        g[i] = (float) (random.nextDouble() * 2 - 1);
                    }
                    grads.put(e.getKey(), g);
                }
                setGradients(manager, params, grads);
                adamw.update(lrs[t - 1], scales[t - 1]);
                double lr = lrs[t - 1];
                for (var e : w.entrySet()) {
                    String name = e.getKey();
                    double[] wd = e.getValue();
                    double[] md = m.get(name);
                    double[] vd = v.get(name);
                    double decay = name.equals("weight") ? CONFIG.weightDecay() : 0;
                    for (int i = 0; i < wd.length; i++) {
                        double g = grads.get(name)[i] * scales[t - 1];
                        wd[i] *= 1 - lr * decay;
                        md[i] = CONFIG.beta1() * md[i] + (1 - CONFIG.beta1()) * g;
                        vd[i] = CONFIG.beta2() * vd[i] + (1 - CONFIG.beta2()) * g * g;
                        double bc1 = 1 - Math.pow(CONFIG.beta1(), t);
                        double bc2 = 1 - Math.pow(CONFIG.beta2(), t);
                        wd[i] -= lr / bc1 * md[i] / (Math.sqrt(vd[i]) / Math.sqrt(bc2) + CONFIG.eps());
                    }
                    float[] actual = params.get(name).getArray().toFloatArray();
                    for (int i = 0; i < wd.length; i++) {
                        assertEquals(wd[i], actual[i], 1e-6, name + "[" + i + "] after update " + t);
                    }
                }
                // the update zeroes the gradients
                for (Parameter p : params.values()) {
                    assertEquals(0f, p.getArray().getGradient().abs().sum().getFloat());
                }
            }
            assertEquals(lrs.length, adamw.step());
        }
    }

    @Test
    void savedStateContinuesBitIdentically(@TempDir Path dir) throws IOException {
        try (NDManager manager = NDManager.newBaseManager()) {
            manager.getEngine().setRandomSeed(5);
            Linear linear = Linear.builder().setUnits(4).build();
            linear.initialize(manager, DataType.FLOAT32, new Shape(1, 3));
            LinkedHashMap<String, Parameter> params = StateDict.parameters(linear);
            AdamW first = new AdamW(params, CONFIG, DecayRule.DEFAULT);
            SplittableRandom random = new SplittableRandom(2);
            LinkedHashMap<String, float[]> grads = new LinkedHashMap<>();
            params.forEach((name, p) -> {
                float[] g = new float[(int) p.getArray().size()];
                for (int i = 0; i < g.length; i++) {
                    g[i] = (float) random.nextGaussian();
                }
                grads.put(name, g);
            });
            for (int t = 0; t < 2; t++) {
                setGradients(manager, params, grads);
                first.update(1e-2, 1.0);
            }
            Path state = dir.resolve("optimizer.safetensors");
            first.save(state);
            Path weights = dir.resolve("model.safetensors");
            StateDict.save(linear, weights);

            setGradients(manager, params, grads);
            first.update(3e-3, 1.0);
            float[] continued = params.get("weight").getArray().toFloatArray();

            StateDict.load(linear, weights);
            AdamW restored = new AdamW(params, CONFIG, DecayRule.DEFAULT);
            restored.load(state);
            assertEquals(2, restored.step());
            setGradients(manager, params, grads);
            restored.update(3e-3, 1.0);
            assertArrayEquals(continued, params.get("weight").getArray().toFloatArray());
            assertEquals(3, restored.step());
        }
    }

    @Test
    void loadRefusesStateOfAnotherModel(@TempDir Path dir) throws IOException {
        try (NDManager manager = NDManager.newBaseManager()) {
            Linear small = Linear.builder().setUnits(2).build();
            small.initialize(manager, DataType.FLOAT32, new Shape(1, 3));
            Linear large = Linear.builder().setUnits(5).build();
            large.initialize(manager, DataType.FLOAT32, new Shape(1, 3));
            Path state = dir.resolve("optimizer.safetensors");
            new AdamW(StateDict.parameters(small), CONFIG, DecayRule.DEFAULT).save(state);
            AdamW other = new AdamW(StateDict.parameters(large), CONFIG, DecayRule.DEFAULT);
            IOException e = assertThrows(IOException.class, () -> other.load(state));
            assertTrue(e.getMessage().contains("exp_avg.weight"), e.getMessage());
        }
    }

    @Test
    void decayRuleExemptsBiasesAndNorms() {
        DecayRule rule = DecayRule.DEFAULT;
        assertTrue(rule.test("layers.0.linear1.weight"));
        assertTrue(rule.test("layers.0.self_attn.in_proj_weight"));
        assertTrue(rule.test("input.weight"));
        assertFalse(rule.test("layers.0.linear1.bias"));
        assertFalse(rule.test("layers.0.self_attn.in_proj_bias"));
        assertFalse(rule.test("layers.0.norm1.weight"));
        assertFalse(rule.test("norm.weight"));
        assertFalse(rule.test("ln_f.weight"));
    }
}

package io.neurofm.train;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.pytorch.jni.JniUtils;
import io.neurofm.tensor.Safetensors;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * AdamW (Loshchilov and Hutter; PyTorch's {@code torch.optim.AdamW}) over named parameters, with
 * moments we own, so they can be saved and restored exactly.
 *
 * <p>Update number t (1-based), for the gradient g already multiplied by {@code gradScale}:
 * <pre>
 *   w -= lr * wd * w                        (decayed parameters only)
 *   m  = b1 * m + (1 - b1) * g
 *   v  = b2 * v + (1 - b2) * g^2
 *   w -= lr / (1 - b1^t) * m / (sqrt(v) / sqrt(1 - b2^t) + eps)
 * </pre>
 * Each parameter costs one native call: libtorch's fused Adam kernel as DJL exposes it
 * ({@code NDArrayEx.adamUpdate}, MXNet's formulation {@code w -= lrc * m / (sqrt(v) + e)}), fed
 * {@code lrc = lr * sqrt(1 - b2^t) / (1 - b1^t)} and {@code e = eps * sqrt(1 - b2^t)}, which is the
 * formula above multiplied through by {@code sqrt(1 - b2^t)}. Its one-sided element clip is turned
 * off (clipping is global-norm, see {@link GradientClipping}); {@code gradScale} carries the
 * clipping coefficient and the 1/(micro-batches x replicas) of gradient averaging, so neither
 * costs a pass of its own. The kernel zeroes the parameter's gradient afterwards. On CPU the update
 * runs with one libtorch thread (restored afterwards): see {@link #update}.
 *
 * <p>Per-parameter learning rates (PyTorch's parameter groups, e.g. layer-wise decay): a parameter
 * with multiplier s is updated with {@code s * lr} everywhere lr appears above, decay included.
 */
public final class AdamW {
    private final LinkedHashMap<String, Parameter> parameters;
    private final AdamWConfig config;
    private final boolean[] decayed;
    private final double[] lrScales;
    private final List<NDArray> firstMoments = new ArrayList<>();
    private final List<NDArray> secondMoments = new ArrayList<>();
    private long step;

    /** Zero moments on each parameter's own device. Parameters must be initialised. */
    public AdamW(LinkedHashMap<String, Parameter> parameters, AdamWConfig config, DecayRule decay) {
        this(parameters, config, decay, name -> 1.0);
    }

    /**
     * As {@link #AdamW(LinkedHashMap, AdamWConfig, DecayRule)}, with parameter {@code name} updated at
     * {@code lrScale(name) * lr} (a finite multiplier >= 0).
     */
    public AdamW(LinkedHashMap<String, Parameter> parameters, AdamWConfig config, DecayRule decay,
                 ToDoubleFunction<String> lrScale) {
        this.parameters = new LinkedHashMap<>(parameters);
        this.config = config;
        this.decayed = new boolean[parameters.size()];
        this.lrScales = new double[parameters.size()];
        int i = 0;
        for (String name : this.parameters.keySet()) {
            double s = lrScale.applyAsDouble(name);
            if (!(s >= 0) || Double.isInfinite(s)) {
                throw new IllegalArgumentException("learning-rate multiplier of " + name + " must be finite and >= 0, got " + s);
            }
            lrScales[i++] = s;
        }
        i = 0;
        for (Map.Entry<String, Parameter> e : this.parameters.entrySet()) {
            NDArray w = e.getValue().getArray();
            NDManager manager = w.getManager();
            firstMoments.add(manager.zeros(w.getShape(), w.getDataType(), w.getDevice()));
            secondMoments.add(manager.zeros(w.getShape(), w.getDataType(), w.getDevice()));
            decayed[i++] = decay.test(e.getKey());
        }
    }

    public AdamWConfig config() {
        return config;
    }

    /** Updates done so far (t of the last update). */
    public long step() {
        return step;
    }

    /** The learning-rate multiplier of the parameter called {@code name} (1 unless one was given). */
    public double lrScale(String name) {
        int i = 0;
        for (String n : parameters.keySet()) {
            if (n.equals(name)) {
                return lrScales[i];
            }
            i++;
        }
        throw new IllegalArgumentException("no parameter " + name);
    }

    /** Whether the parameter called {@code name} is decayed (see {@link DecayRule}). */
    public boolean decayed(String name) {
        int i = 0;
        for (String n : parameters.keySet()) {
            if (n.equals(name)) {
                return decayed[i];
            }
            i++;
        }
        throw new IllegalArgumentException("no parameter " + name);
    }

    /**
     * One update of every parameter from its current gradient times {@code gradScale}, at rate
     * {@code lr}; zeroes the gradients.
     */
    public void update(double lr, double gradScale) {
        step++;
        double bc1 = 1 - Math.pow(config.beta1(), step);
        double sqrtBc2 = Math.sqrt(1 - Math.pow(config.beta2(), step));
        float eps = (float) (config.eps() * sqrtBc2);
        boolean cpu = firstMoments.get(0).getDevice().getDeviceType().equals(Device.Type.CPU);
        int threads = cpu ? JniUtils.getNumThreads() : 0;
        if (cpu) {
            // Measured (docs/benchmarks.md): on a loaded CPU each multi-threaded element-wise op waits
            // for a descheduled sibling thread, and the kernel's dozen small ops per parameter went
            // from ~25 ms single-threaded to ~1 s with 2 threads; single-threaded it costs <1% of a step.
            JniUtils.setNumThreads(1);
        }
        try {
            updateAll(lr, lr * sqrtBc2 / bc1, eps, (float) gradScale);
        } finally {
            if (cpu) {
                JniUtils.setNumThreads(threads);
            }
        }
    }

    private void updateAll(double lr, double correctedLr, float eps, float gradScale) {
        int i = 0;
        for (Parameter p : parameters.values()) {
            NDArray w = p.getArray();
            double s = lrScales[i];
            try (NDArray g = w.getGradient()) {
                w.getNDArrayInternal().adamUpdate(
                        new NDList(w, g, firstMoments.get(i), secondMoments.get(i)), new NDList(w),
                        (float) (s * lr), (float) (s * correctedLr), decayed[i] ? (float) config.weightDecay() : 0f,
                        gradScale, -1f, (float) config.beta1(), (float) config.beta2(), eps,
                        false, true);
            }
            i++;
        }
    }

    /** Writes the moments ({@code exp_avg.<name>}, {@code exp_avg_sq.<name>}) and the step. */
    public void save(Path file) throws IOException {
        LinkedHashMap<String, NDArray> tensors = new LinkedHashMap<>();
        int i = 0;
        for (String name : parameters.keySet()) {
            tensors.put("exp_avg." + name, firstMoments.get(i));
            tensors.put("exp_avg_sq." + name, secondMoments.get(i));
            i++;
        }
        // Ordered, so that equal states give byte-identical files (Map.of's order varies per JVM).
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("optimizer", "adamw");
        meta.put("step", Long.toString(step));
        meta.put("beta1", Double.toString(config.beta1()));
        meta.put("beta2", Double.toString(config.beta2()));
        meta.put("eps", Double.toString(config.eps()));
        meta.put("weight_decay", Double.toString(config.weightDecay()));
        Safetensors.write(file, tensors, meta);
    }

    /** Restores moments and step saved by {@link #save}; every parameter must be present with its shape. */
    public void load(Path file) throws IOException {
        Map<String, String> meta = Safetensors.metadata(file);
        String savedStep = meta.get("step");
        if (savedStep == null) {
            throw new IOException(file + ": optimizer state has no \"step\" in __metadata__");
        }
        NDManager owner = firstMoments.get(0).getManager();
        try (NDManager scratch = owner.newSubManager()) {
            LinkedHashMap<String, NDArray> tensors = Safetensors.read(file, scratch);
            List<String> problems = new ArrayList<>();
            int i = 0;
            for (String name : parameters.keySet()) {
                for (String key : List.of("exp_avg." + name, "exp_avg_sq." + name)) {
                    NDArray source = tensors.get(key);
                    NDArray target = (key.startsWith("exp_avg_sq.") ? secondMoments : firstMoments).get(i);
                    if (source == null) {
                        problems.add("missing " + key);
                    } else if (!source.getShape().equals(target.getShape()) || source.getDataType() != target.getDataType()) {
                        problems.add(key + ": " + source.getDataType() + source.getShape() + " in the file, "
                                + target.getDataType() + target.getShape() + " expected");
                    }
                }
                i++;
            }
            if (tensors.size() != 2 * parameters.size()) {
                problems.add(tensors.size() + " tensors in the file, " + 2 * parameters.size() + " expected");
            }
            if (!problems.isEmpty()) {
                throw new IOException(file + ": optimizer state does not match the model: " + String.join("; ", problems));
            }
            i = 0;
            for (String name : parameters.keySet()) {
                firstMoments.get(i).set(tensors.get("exp_avg." + name).toByteBuffer());
                secondMoments.get(i).set(tensors.get("exp_avg_sq." + name).toByteBuffer());
                i++;
            }
        }
        step = Long.parseLong(savedStep);
    }
}

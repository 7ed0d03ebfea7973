package io.neurofm.finetune;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import io.neurofm.nn.StateDict;
import io.neurofm.tensor.Scalars;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * LoRA adapters on every attention projection of a network built from {@code io.neurofm.nn}
 * blocks: the fused q/k/v projection {@code ...self_attn.in_proj_weight} [3d, d] and
 * {@code ...self_attn.out_proj.weight} [d, d]. The adapters live outside the block: the network's
 * parameters and state-dict names are untouched, and the adapted weight W + (alpha/r) B A is
 * handed to the block by {@link #store} whenever it asks its {@link ParameterStore} for W. So the
 * same block runs plain (an ordinary store) or adapted (this store), and {@link #merge} writes
 * the adapted weights into W for serving with the plain architecture.
 *
 * <p>Initialisation as in the LoRA paper and PEFT: B = 0 (the adapted model starts exactly equal
 * to the base model), A uniform in +-1/sqrt(in) (PEFT's kaiming_uniform(a=sqrt(5))) from a seeded
 * generator. The fused projection gets one rank-r adapter for q, k and v together.
 */
public final class LoraAdapters {
    /** Names (suffixes) of the adapted weights. */
    public static final List<String> TARGETS = List.of("self_attn.in_proj_weight", "self_attn.out_proj.weight");

    private record Adapter(String name, Parameter base, Parameter a, Parameter b) {}

    private final LoraConfig config;
    private final List<Adapter> adapters = new ArrayList<>();
    private final Map<Parameter, Adapter> byBase = new IdentityHashMap<>();
    private boolean merged;

    private LoraAdapters(LoraConfig config) {
        this.config = config;
    }

    /** Adapters for every target weight of an initialised {@code network}. */
    public static LoraAdapters attach(Block network, LoraConfig config, NDManager manager, long seed) {
        LoraAdapters out = new LoraAdapters(config);
        SplittableRandom random = new SplittableRandom(seed);
        for (Map.Entry<String, Parameter> e : StateDict.parameters(network).entrySet()) {
            if (TARGETS.stream().noneMatch(t -> e.getKey().endsWith(t))) {
                continue;
            }
            NDArray w = e.getValue().getArray();
            long rows = w.getShape().get(0);
            long cols = w.getShape().get(1);
            float bound = (float) (1 / Math.sqrt(cols));
            float[] a = new float[Math.toIntExact(config.rank() * cols)];
            for (int i = 0; i < a.length; i++) {
                a[i] = (float) ((2 * random.nextDouble() - 1) * bound);
            }
            Parameter pa = trainable(e.getKey() + ".lora_A",
                    manager.create(a, new Shape(config.rank(), cols)).toType(w.getDataType(), false));
            Parameter pb = trainable(e.getKey() + ".lora_B",
                    manager.zeros(new Shape(rows, config.rank()), w.getDataType(), w.getDevice()));
            Adapter adapter = new Adapter(e.getKey(), e.getValue(), pa, pb);
            out.adapters.add(adapter);
            out.byBase.put(e.getValue(), adapter);
        }
        if (out.adapters.isEmpty()) {
            throw new IllegalArgumentException("the network has no attention projections (" + TARGETS + ") to adapt");
        }
        return out;
    }

    private static Parameter trainable(String name, NDArray value) {
        Parameter p = Parameter.builder().setName(name).setType(Parameter.Type.WEIGHT).build();
        p.setArray(value);
        p.freeze(false);
        return p;
    }

    public LoraConfig config() {
        return config;
    }

    /** Names of the adapted weights, in network order. */
    public List<String> adaptedNames() {
        return adapters.stream().map(Adapter::name).toList();
    }

    /** The adapter parameters, {@code NAME.lora_A} and {@code NAME.lora_B} per adapted weight. */
    public LinkedHashMap<String, Parameter> parameters() {
        LinkedHashMap<String, Parameter> out = new LinkedHashMap<>();
        for (Adapter a : adapters) {
            out.put(a.a().getName(), a.a());
            out.put(a.b().getName(), a.b());
        }
        return out;
    }

    /** (alpha/r) B A for the weight called {@code name}, a new array. */
    public NDArray delta(String name) {
        for (Adapter a : adapters) {
            if (a.name().equals(name)) {
                return delta(a);
            }
        }
        throw new IllegalArgumentException("no adapter on " + name);
    }

    private NDArray delta(Adapter a) {
        return Scalars.mul(a.b().getArray().matMul(a.a().getArray()), config.scaling());
    }

    /**
     * A parameter store that gives the network W + (alpha/r) B A for every adapted weight (and the
     * plain value of every other parameter); differentiable in A and B. After {@link #merge} it
     * gives the plain values. The adapted weights are attached to {@code manager}: use one per step.
     */
    public ParameterStore store(NDManager manager) {
        return new ParameterStore(manager, false) {
            @Override
            public NDArray getValue(Parameter parameter, Device device, boolean training) {
                NDArray value = super.getValue(parameter, device, training);
                Adapter a = byBase.get(parameter);
                if (a == null || merged) {
                    return value;
                }
                // The temporaries belong to the store's (per-step) manager, not the weights'.
                NDArray d = delta(a);
                NDArray adapted = value.add(d);
                d.attach(getManager());
                adapted.attach(getManager());
                return adapted;
            }
        };
    }

    /** Whether {@link #merge} has run. */
    public boolean merged() {
        return merged;
    }

    /**
     * Writes W + (alpha/r) B A into every adapted weight, in place (the network keeps its names
     * and shapes, so it saves and loads as the plain architecture), and turns the adapters off.
     */
    public void merge() {
        if (merged) {
            throw new IllegalStateException("adapters already merged");
        }
        for (Adapter a : adapters) {
            NDArray w = a.base().getArray();
            try (NDArray d = delta(a); NDArray sum = w.add(d)) {
                // set() copies outside autograd, like StateDict.load.
                w.set(sum.toByteBuffer());
            }
        }
        merged = true;
    }
}

package io.neurofm.tokenize.gru;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Parameter;
import io.neurofm.tokenize.TokenizerState;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/** Copies the codec's learned arrays to and from the named tensors of a tokenizer state. */
final class Weights {
    private Weights() {
    }

    static Map<String, TokenizerState.Tensor> of(GruCodec codec) {
        Map<String, TokenizerState.Tensor> out = new LinkedHashMap<>();
        codec.namedParameters().forEach((name, p) -> {
            NDArray a = p.getArray();
            out.put(name, new TokenizerState.Tensor(a.getShape().getShape(), a.toFloatArray()));
        });
        return out;
    }

    /**
     * Checks every named tensor against the shapes the config implies (PyTorch layouts).
     *
     * @throws IllegalArgumentException naming the first tensor that is missing, misshapen or non-finite
     */
    static void check(GruConfig config, Map<String, TokenizerState.Tensor> tensors) {
        long h = config.hidden();
        long n = config.vocabulary();
        Map<String, long[]> shapes = new LinkedHashMap<>();
        shapes.put("gru.weight_ih_l0", new long[] {3 * h, 1});
        shapes.put("gru.weight_hh_l0", new long[] {3 * h, h});
        shapes.put("gru.bias_ih_l0", new long[] {3 * h});
        shapes.put("gru.bias_hh_l0", new long[] {3 * h});
        shapes.put("linear.weight", new long[] {n, h});
        shapes.put("linear.bias", new long[] {n});
        shapes.put("norm.weight", new long[] {n});
        shapes.put("norm.bias", new long[] {n});
        shapes.put("decoder.weight", new long[] {1, n, config.kernel()});
        shapes.put("decoder.bias", new long[] {1});
        shapes.forEach((name, shape) -> {
            TokenizerState.Tensor t = tensors.get(name);
            if (t == null) {
                throw new IllegalArgumentException("tensor " + name + " is missing");
            }
            if (!Arrays.equals(t.shape(), shape)) {
                throw new IllegalArgumentException("tensor " + name + " has shape " + Arrays.toString(t.shape())
                        + ", the config needs " + Arrays.toString(shape));
            }
            for (float v : t.data()) {
                if (!Float.isFinite(v)) {
                    throw new IllegalArgumentException("tensor " + name + " holds a non-finite value");
                }
            }
        });
    }

    /**
     * @throws IllegalArgumentException when a tensor is missing or has the wrong shape for the config
     */
    static void load(GruCodec codec, Map<String, TokenizerState.Tensor> tensors) {
        for (Map.Entry<String, Parameter> e : codec.namedParameters().entrySet()) {
            TokenizerState.Tensor t = tensors.get(e.getKey());
            NDArray target = e.getValue().getArray();
            if (t == null) {
                throw new IllegalArgumentException("tensor " + e.getKey() + " is missing");
            }
            if (!Arrays.equals(t.shape(), target.getShape().getShape())) {
                throw new IllegalArgumentException("tensor " + e.getKey() + " has shape " + Arrays.toString(t.shape())
                        + ", the config needs " + target.getShape());
            }
            for (float v : t.data()) {
                if (!Float.isFinite(v)) {
                    throw new IllegalArgumentException("tensor " + e.getKey() + " holds a non-finite value");
                }
            }
            target.set(t.data());
        }
    }
}

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

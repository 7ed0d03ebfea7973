package io.neurofm.tokenize;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import tools.jackson.databind.node.ObjectNode;

/**
 * A tokenizer's saved form: its type, configuration and fitted statistics as JSON, and its
 * learned arrays (GRU weights, waveform kernels, bin edges) as named float tensors. Saved as a
 * pair of files by {@link TokenizerFiles}; never Java serialisation or pickle.
 *
 * @param type    the tokenizer type, which picks the loader
 * @param config  hyperparameters, expected sampling rate, preprocessing and normalisation statistics
 * @param tensors named arrays (row-major), insertion order kept
 */
public record TokenizerState(String type, ObjectNode config, Map<String, Tensor> tensors) {
    public TokenizerState {
        Objects.requireNonNull(type, "type");
        config = config.deepCopy();
        tensors = Collections.unmodifiableMap(new LinkedHashMap<>(tensors));
    }

    @Override
    public ObjectNode config() {
        return config.deepCopy();
    }

    /** A named float array with its shape (row-major). */
    public record Tensor(long[] shape, float[] data) {
        public Tensor {
            long n = 1;
            for (long d : shape) {
                if (d < 0) {
                    throw new IllegalArgumentException("negative dimension in shape");
                }
                n *= d;
            }
            if (n != data.length) {
                throw new IllegalArgumentException("shape needs " + n + " values, got " + data.length);
            }
            shape = shape.clone();
        }

        public static Tensor vector(float[] data) {
            return new Tensor(new long[] {data.length}, data);
        }

        public static Tensor vector(double[] data) {
            float[] f = new float[data.length];
            for (int i = 0; i < data.length; i++) {
                f[i] = (float) data[i];
            }
            return vector(f);
        }
    }
}

package io.neurofm.finetune;

/**
 * Layer-wise learning-rate decay (LLRD, as BEiT / ELECTRA fine-tuning) for the DeeperBrain
 * parameter names. Depths run from 0 (the embeddings: {@code mask_token}, {@code patch_embedding},
 * {@code channel_encoding}, {@code temporal_encoding}) through 1..L (encoder layer i has depth
 * i + 1) to L + 1 (everything above the layers: the final {@code encoder.norm} and the
 * classification head). A parameter at depth k gets {@code base * decay^(L + 1 - k)}: the head
 * trains at the base rate, the top layer at base * decay, the embeddings lowest at
 * base * decay^(L+1). LoRA adapters ({@code NAME.lora_A}, {@code NAME.lora_B}) take the depth of
 * the weight they adapt.
 */
public final class LayerwiseDecay {
    private static final String LAYER_PREFIX = "encoder.layers.";

    private LayerwiseDecay() {
    }

    /** Depth of a parameter in a network with {@code layers} encoder layers. */
    public static int depth(String name, int layers) {
        if (name.startsWith(LAYER_PREFIX)) {
            int end = name.indexOf('.', LAYER_PREFIX.length());
            int i = Integer.parseInt(name.substring(LAYER_PREFIX.length(), end));
            if (i < 0 || i >= layers) {
                throw new IllegalArgumentException(name + " names layer " + i + " of a " + layers + "-layer encoder");
            }
            return i + 1;
        }
        if (name.equals("mask_token") || name.startsWith("patch_embedding.") || name.startsWith("channel_encoding.")
                || name.startsWith("temporal_encoding.")) {
            return 0;
        }
        return layers + 1;
    }

    /** The learning-rate multiplier {@code decay^(layers + 1 - depth)}; decay 1 turns LLRD off. */
    public static double scale(String name, int layers, double decay) {
        if (!(decay > 0 && decay <= 1)) {
            throw new IllegalArgumentException("layer-wise decay must be in (0, 1], got " + decay);
        }
        return Math.pow(decay, layers + 1 - depth(name, layers));
    }
}

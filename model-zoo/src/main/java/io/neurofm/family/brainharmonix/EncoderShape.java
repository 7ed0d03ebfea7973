package io.neurofm.family.brainharmonix;

import io.neurofm.nn.TransformerConfig;

/**
 * Width and depth of one transformer stack of the model (an encoder, the JEPA predictor, the MAE
 * decoder, the fusion stack or the hub decoder).
 *
 * @param dModel token width
 * @param heads attention heads
 * @param ffDim feed-forward hidden width
 * @param layers pre-LN layers (every stack ends with a LayerNorm)
 */
public record EncoderShape(int dModel, int heads, int ffDim, int layers) {
    public EncoderShape {
        if (layers <= 0) {
            throw new IllegalArgumentException("layers must be positive, got " + layers);
        }
        if (dModel % 2 != 0) {
            throw new IllegalArgumentException("dModel must be even (sin-cos encodings), got " + dModel);
        }
        new TransformerConfig(dModel, heads, ffDim, 0f, false);
    }

    /** Full (non-causal) attention layers of this shape. */
    public TransformerConfig layer(float dropout) {
        return new TransformerConfig(dModel, heads, ffDim, dropout, false);
    }

    /** Parameters of the stack: layers x (attention + FF + two norms) + the final LayerNorm. */
    public long parameterCount() {
        long d = dModel;
        long f = ffDim;
        return layers * (4 * d * d + 4 * d + 2 * d * f + f + 5 * d) + 2 * d;
    }
}

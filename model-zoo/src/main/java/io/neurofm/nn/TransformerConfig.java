package io.neurofm.nn;

/**
 * Shape and regularisation of one pre-LN transformer layer.
 *
 * @param dModel width of the residual stream
 * @param heads number of attention heads; must divide {@code dModel}
 * @param ffDim hidden width of the feed-forward block
 * @param dropout drop probability used for attention probabilities, both residual branches and the
 *     feed-forward hidden layer (PyTorch's single {@code dropout} argument); only active in training
 * @param causal whether position t may only attend to positions up to t
 * @param rotary whether queries and keys are rotated by {@link RotaryPositionEmbedding} (base 10000)
 */
public record TransformerConfig(
        int dModel, int heads, int ffDim, float dropout, boolean causal, boolean rotary) {

    public TransformerConfig {
        if (dModel <= 0 || heads <= 0 || ffDim <= 0) {
            throw new IllegalArgumentException(
                    "dModel, heads and ffDim must be positive, got dModel=" + dModel + " heads="
                            + heads + " ffDim=" + ffDim);
        }
        if (dModel % heads != 0) {
            throw new IllegalArgumentException(
                    "dModel " + dModel + " is not divisible by heads " + heads);
        }
        if (!(dropout >= 0f && dropout < 1f)) {
            throw new IllegalArgumentException("dropout must be in [0, 1), got " + dropout);
        }
        if (rotary && (dModel / heads) % 2 != 0) {
            throw new IllegalArgumentException(
                    "rotary positions need an even head width, got " + dModel / heads);
        }
    }

    /** A configuration without rotary positions. */
    public TransformerConfig(int dModel, int heads, int ffDim, float dropout, boolean causal) {
        this(dModel, heads, ffDim, dropout, causal, false);
    }

    public int headDim() {
        return dModel / heads;
    }
}

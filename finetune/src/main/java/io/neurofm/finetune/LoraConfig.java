package io.neurofm.finetune;

/**
 * LoRA (Hu et al. 2021) on the attention projections: W' = W + (alpha / rank) B A with
 * A [rank, in] and B [out, rank].
 */
public record LoraConfig(int rank, double alpha) {
    public LoraConfig {
        if (rank < 1) {
            throw new IllegalArgumentException("LoRA rank must be >= 1, got " + rank);
        }
        if (!(alpha > 0) || Double.isInfinite(alpha)) {
            throw new IllegalArgumentException("LoRA alpha must be finite and > 0, got " + alpha);
        }
    }

    /** alpha / rank, the factor on B A. */
    public double scaling() {
        return alpha / rank;
    }
}

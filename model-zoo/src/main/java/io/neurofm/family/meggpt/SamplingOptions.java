package io.neurofm.family.meggpt;

/**
 * How the next token is drawn from the logits.
 *
 * @param temperature logits are divided by it before the softmax; 0 picks the most likely token
 *     (greedy, lowest id on ties) and ignores topK and topP
 * @param topK keep only the k most likely tokens (0: all)
 * @param topP nucleus filtering: keep the most likely tokens, in order, until their probability
 *     (after temperature and top-k) reaches p; the token that crosses p is kept, so at least one
 *     token always remains (1: no filtering)
 */
public record SamplingOptions(double temperature, int topK, double topP) {
    public static final SamplingOptions GREEDY = new SamplingOptions(0, 0, 1);

    public SamplingOptions {
        if (!(temperature >= 0) || Double.isInfinite(temperature)) {
            throw new IllegalArgumentException("temperature must be finite and >= 0, got " + temperature);
        }
        if (topK < 0) {
            throw new IllegalArgumentException("topK must be >= 0 (0: off), got " + topK);
        }
        if (!(topP > 0 && topP <= 1)) {
            throw new IllegalArgumentException("topP must be in (0, 1] (1: off), got " + topP);
        }
    }

    /** Plain sampling from the softmax at temperature 1. */
    public static SamplingOptions plain() {
        return new SamplingOptions(1, 0, 1);
    }
}

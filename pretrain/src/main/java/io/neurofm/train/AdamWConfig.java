package io.neurofm.train;

/**
 * AdamW hyper-parameters (PyTorch's {@code torch.optim.AdamW} names and defaults except the decay,
 * which PyTorch sets to 0.01).
 *
 * @param beta1 first-moment decay
 * @param beta2 second-moment decay
 * @param eps added to the bias-corrected root of the second moment
 * @param weightDecay decoupled decay: {@code w -= lr * weightDecay * w} before the Adam update,
 *     for parameters the {@link DecayRule} selects
 */
public record AdamWConfig(double beta1, double beta2, double eps, double weightDecay) {

    public static final AdamWConfig DEFAULT = new AdamWConfig(0.9, 0.999, 1e-8, 0.01);

    public AdamWConfig {
        if (!(beta1 >= 0 && beta1 < 1) || !(beta2 >= 0 && beta2 < 1)) {
            throw new IllegalArgumentException("betas must be in [0, 1), got " + beta1 + ", " + beta2);
        }
        if (!(eps > 0) || !(weightDecay >= 0)) {
            throw new IllegalArgumentException("need eps > 0 and weightDecay >= 0, got " + eps + ", " + weightDecay);
        }
    }
}

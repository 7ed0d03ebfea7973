package io.neurofm.finetune;

import io.neurofm.family.deeperbrain.EmbeddingPooling;
import java.util.Objects;

/**
 * Fine-tuning hyperparameters.
 *
 * @param mode          what is trained (the head always)
 * @param epochs        passes over the training epochs
 * @param batchSize     epochs per optimizer step (the last batch of a pass may be smaller)
 * @param learningRate  base AdamW rate (constant)
 * @param layerDecay    LLRD factor in (0, 1]; 1 = the same rate everywhere (see {@link LayerwiseDecay})
 * @param weightDecay   AdamW decoupled weight decay (biases and norms exempt)
 * @param maxGradNorm   global-norm clipping of the trained parameters' gradients; 0 = off
 * @param pooling       how the backbone's tokens are pooled for the head
 * @param lora          rank and alpha for {@link FineTuneMode#LORA}, else ignored
 * @param seed          head initialisation, adapter initialisation, data order and dropout
 */
public record FineTuneConfig(FineTuneMode mode, int epochs, int batchSize, double learningRate, double layerDecay,
                             double weightDecay, double maxGradNorm, EmbeddingPooling pooling, LoraConfig lora,
                             long seed) {
    public FineTuneConfig {
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(pooling, "pooling");
        Objects.requireNonNull(lora, "lora");
        if (epochs < 1 || batchSize < 1) {
            throw new IllegalArgumentException("epochs and batch size must be >= 1, got " + epochs + ", " + batchSize);
        }
        if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
            throw new IllegalArgumentException("learning rate must be finite and > 0, got " + learningRate);
        }
        if (!(layerDecay > 0 && layerDecay <= 1)) {
            throw new IllegalArgumentException("layer-wise decay must be in (0, 1], got " + layerDecay);
        }
        if (!(weightDecay >= 0) || !(maxGradNorm >= 0)) {
            throw new IllegalArgumentException("weight decay and max grad norm must be >= 0");
        }
    }

    /** Defaults: 8 epochs per step, lr 1e-3, no LLRD, decay 0.01, clip 1, mean pooling, LoRA r 8 alpha 16. */
    public static FineTuneConfig defaults(FineTuneMode mode, int epochs) {
        return new FineTuneConfig(mode, epochs, 8, 1e-3, 1.0, 0.01, 1.0, EmbeddingPooling.MEAN,
                new LoraConfig(8, 16), 0);
    }

    public FineTuneConfig withLayerDecay(double decay) {
        return new FineTuneConfig(mode, epochs, batchSize, learningRate, decay, weightDecay, maxGradNorm, pooling, lora, seed);
    }

    public FineTuneConfig withLearningRate(double lr) {
        return new FineTuneConfig(mode, epochs, batchSize, lr, layerDecay, weightDecay, maxGradNorm, pooling, lora, seed);
    }

    public FineTuneConfig withWeightDecay(double wd) {
        return new FineTuneConfig(mode, epochs, batchSize, learningRate, layerDecay, wd, maxGradNorm, pooling, lora, seed);
    }

    public FineTuneConfig withPooling(EmbeddingPooling p) {
        return new FineTuneConfig(mode, epochs, batchSize, learningRate, layerDecay, weightDecay, maxGradNorm, p, lora, seed);
    }

    public FineTuneConfig withLora(LoraConfig l) {
        return new FineTuneConfig(mode, epochs, batchSize, learningRate, layerDecay, weightDecay, maxGradNorm, pooling, l, seed);
    }

    public FineTuneConfig withBatchSize(int b) {
        return new FineTuneConfig(mode, epochs, b, learningRate, layerDecay, weightDecay, maxGradNorm, pooling, lora, seed);
    }

    public FineTuneConfig withSeed(long s) {
        return new FineTuneConfig(mode, epochs, batchSize, learningRate, layerDecay, weightDecay, maxGradNorm, pooling, lora, s);
    }
}

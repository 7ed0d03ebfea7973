package io.neurofm.family.deeperbrain;

import io.neurofm.nn.TransformerConfig;

/**
 * Shape and objective of a DeeperBrain style masked EEG encoder.
 *
 * @param patchLength L: samples per patch (200 = one second at 200 Hz)
 * @param dModel token width d
 * @param heads attention heads per encoder layer
 * @param ffDim hidden width of each feed-forward block
 * @param layers encoder layers
 * @param oscillatoryBases K: learnable frequencies of the temporal encoding (each gives a sine and
 *     a cosine feature)
 * @param exponentialBases E: learnable decay constants of the temporal encoding
 * @param statisticsDim D: length of the neurodynamics statistics vector the NSP head predicts
 * @param nspWeight lambda: total loss = reconstruction + lambda * NSP; 0 trains reconstruction only
 *     (the NSP head is then not evaluated at all)
 * @param maskRatio share of a sample's patches {@link PatchMasking#random} masks
 * @param initialTau starting length constant of the volume-conduction kernel, metres
 * @param dropout dropout of the token sum and inside every encoder layer (training only)
 */
public record DeeperBrainConfig(int patchLength, int dModel, int heads, int ffDim, int layers,
                                int oscillatoryBases, int exponentialBases, int statisticsDim,
                                float nspWeight, float maskRatio, float initialTau, float dropout) {
    public DeeperBrainConfig {
        requirePositive("patchLength", patchLength);
        requirePositive("layers", layers);
        requirePositive("oscillatoryBases", oscillatoryBases);
        requirePositive("exponentialBases", exponentialBases);
        requirePositive("statisticsDim", statisticsDim);
        if (!(nspWeight >= 0f) || Float.isInfinite(nspWeight)) {
            throw new IllegalArgumentException("nspWeight must be finite and >= 0, got " + nspWeight);
        }
        if (!(maskRatio > 0f && maskRatio < 1f)) {
            throw new IllegalArgumentException("maskRatio must be in (0, 1), got " + maskRatio);
        }
        if (!(initialTau > 0f) || Float.isInfinite(initialTau)) {
            throw new IllegalArgumentException(
                    "initialTau must be a positive length in metres, got " + initialTau);
        }
        // Validates dModel, heads, ffDim and dropout with the transformer's own messages.
        new TransformerConfig(dModel, heads, ffDim, dropout, false);
    }

    private static void requirePositive(String name, int value) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be positive, got " + value);
        }
    }

    /** The encoder layer shape: full (non-causal) attention over all C*P tokens. */
    public TransformerConfig encoderLayer() {
        return new TransformerConfig(dModel, heads, ffDim, dropout, false);
    }

    /** Bins of the one-sided spectrum of a patch, L/2 + 1. */
    public int spectrumBins() {
        return patchLength / 2 + 1;
    }

    public DeeperBrainConfig withNspWeight(float lambda) {
        return new DeeperBrainConfig(patchLength, dModel, heads, ffDim, layers, oscillatoryBases,
                exponentialBases, statisticsDim, lambda, maskRatio, initialTau, dropout);
    }

    public DeeperBrainConfig withStatisticsDim(int dim) {
        return new DeeperBrainConfig(patchLength, dModel, heads, ffDim, layers, oscillatoryBases,
                exponentialBases, dim, nspWeight, maskRatio, initialTau, dropout);
    }

    public DeeperBrainConfig withPatchLength(int length) {
        return new DeeperBrainConfig(length, dModel, heads, ffDim, layers, oscillatoryBases,
                exponentialBases, statisticsDim, nspWeight, maskRatio, initialTau, dropout);
    }

    public DeeperBrainConfig withDropout(float rate) {
        return new DeeperBrainConfig(patchLength, dModel, heads, ffDim, layers, oscillatoryBases,
                exponentialBases, statisticsDim, nspWeight, maskRatio, initialTau, rate);
    }
}

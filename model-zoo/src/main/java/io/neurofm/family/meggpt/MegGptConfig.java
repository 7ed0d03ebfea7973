package io.neurofm.family.meggpt;

import io.neurofm.nn.TransformerConfig;

/**
 * Shape of a MEG-GPT style model.
 *
 * @param vocabularySize number of token ids V (ids 0..V-1) and width of the output logits
 * @param maxLength longest token sequence per channel T (size of the learned time-position table)
 * @param channelVocabulary number of distinct channel ids the channel embedding knows
 * @param sessionVocabulary number of distinct session (or subject) ids the session embedding knows
 * @param dModel residual stream width d
 * @param heads attention heads per layer
 * @param ffDim hidden width of each feed-forward block
 * @param layers causal time-attention layers
 * @param channelAttentionEvery insert one channel-attention layer after every this many time
 *     layers (0: none). Channel attention mixes the channels of one time step only, so the model
 *     stays causal in time
 * @param dropout dropout rate of the embedding sum and inside every layer (training only)
 * @param lossSteps K: the pretraining loss scores the next-token predictions of the last K steps
 */
public record MegGptConfig(int vocabularySize, int maxLength, int channelVocabulary,
                           int sessionVocabulary, int dModel, int heads, int ffDim, int layers,
                           int channelAttentionEvery, float dropout, int lossSteps) {
    public MegGptConfig {
        requirePositive("vocabularySize", vocabularySize);
        requirePositive("maxLength", maxLength);
        requirePositive("channelVocabulary", channelVocabulary);
        requirePositive("sessionVocabulary", sessionVocabulary);
        requirePositive("layers", layers);
        if (channelAttentionEvery < 0) {
            throw new IllegalArgumentException(
                    "channelAttentionEvery must be 0 (none) or positive, got " + channelAttentionEvery);
        }
        if (lossSteps < 1 || lossSteps >= maxLength) {
            // Step t predicts step t+1, so at most T-1 predictions have a target inside a window.
            throw new IllegalArgumentException("lossSteps must be in [1, maxLength - 1] = [1, "
                    + (maxLength - 1) + "], got " + lossSteps);
        }
        // Validates dModel, heads, ffDim and dropout with the transformer's own messages.
        new TransformerConfig(dModel, heads, ffDim, dropout, true);
    }

    private static void requirePositive(String name, int value) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be positive, got " + value);
        }
    }

    /** The causal time-attention layer shape. */
    public TransformerConfig timeLayer() {
        return new TransformerConfig(dModel, heads, ffDim, dropout, true);
    }

    /** The channel-attention layer shape: full (non-causal) attention across channels. */
    public TransformerConfig channelLayer() {
        return new TransformerConfig(dModel, heads, ffDim, dropout, false);
    }

    /** How many channel-attention layers the model has. */
    public int channelLayers() {
        return channelAttentionEvery == 0 ? 0 : layers / channelAttentionEvery;
    }

    public MegGptConfig withChannelAttentionEvery(int every) {
        return new MegGptConfig(vocabularySize, maxLength, channelVocabulary, sessionVocabulary,
                dModel, heads, ffDim, layers, every, dropout, lossSteps);
    }

    public MegGptConfig withDropout(float rate) {
        return new MegGptConfig(vocabularySize, maxLength, channelVocabulary, sessionVocabulary,
                dModel, heads, ffDim, layers, channelAttentionEvery, rate, lossSteps);
    }

    public MegGptConfig withSequence(int newMaxLength, int newLossSteps) {
        return new MegGptConfig(vocabularySize, newMaxLength, channelVocabulary, sessionVocabulary,
                dModel, heads, ffDim, layers, channelAttentionEvery, dropout, newLossSteps);
    }
}

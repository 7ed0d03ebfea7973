package io.neurofm.family.meggpt;

/**
 * Named sizes. The vocabulary is a tokenizer's ids plus one spare id (so a tokenizer with 64 or
 * 128 levels gives V = 65 or 129); the model treats the spare id like any other, and pipelines
 * may use it for padding or a start token.
 *
 * <ul>
 *   <li>{@link #TINY}: CPU, trains in minutes. 2 layers, d 64, 4 heads, FF 256, V 65, T 128,
 *       64 channel ids (a 64-channel EEG cap), 16 sessions, loss on the last 64 steps.
 *   <li>{@link #SMALL}: a single small GPU or a patient CPU. 4 layers, d 128, 4 heads, FF 512,
 *       V 129, T 128, 128 channels, 128 sessions, loss on the last 64 steps.
 *   <li>{@link #BASE}: GPU. The MEG-GPT shape, 5 layers, d 256, 4 heads, FF 1024, with
 *       the data shape of the published MEG-GPT configuration (osl-foundation): 128 tokenizer
 *       levels (V 129), 80-step sequences, 52 parcels, 612 sessions, loss on the last 8 steps,
 *       dropout 0.2 (the others use 0.1).
 * </ul>
 *
 * None has channel-attention layers; the published MEG-GPT configuration switches channel
 * attention off (its channel-attention dropout is 1.0). Use
 * {@link MegGptConfig#withChannelAttentionEvery} to add them.
 */
public enum MegGptPreset {
    TINY(new MegGptConfig(65, 128, 64, 16, 64, 4, 256, 2, 0, 0.1f, 64)),
    SMALL(new MegGptConfig(129, 128, 128, 128, 128, 4, 512, 4, 0, 0.1f, 64)),
    BASE(new MegGptConfig(129, 80, 52, 612, 256, 4, 1024, 5, 0, 0.2f, 8));

    private final MegGptConfig config;

    MegGptPreset(MegGptConfig config) {
        this.config = config;
    }

    public MegGptConfig config() {
        return config;
    }
}

package io.neurofm.family.brainharmonix;

/**
 * Named sizes. All: EMA momentum 0.996, JEPA time block of 25 % of the valid steps, MAE mask ratio
 * 0.75, dropout 0.
 *
 * <ul>
 *   <li>{@link #TINY}: CPU, minutes. Encoders 2 layers d 64, 4 heads; 8 hubs; T1 patches 8^3.
 *   <li>{@link #SMALL}: encoders 6 layers d 256, 8 heads; 32 hubs; T1 patches 16^3.
 *   <li>{@link #BASE}: GPU. The encoders, 12 layers d 768, 12 heads; 128 hubs; T1 patches 16^3.
 * </ul>
 */
public enum BrainHarmonixPreset {
    TINY(new BrainHarmonixConfig(16, new EncoderShape(64, 4, 256, 2), new EncoderShape(32, 4, 128, 1),
            512, new EncoderShape(64, 4, 256, 2), new EncoderShape(32, 4, 128, 1),
            new EncoderShape(64, 4, 256, 2), 8, new EncoderShape(32, 4, 128, 1),
            0.996f, 0.25f, 0.75f, 0f)),
    SMALL(new BrainHarmonixConfig(24, new EncoderShape(256, 8, 1024, 6), new EncoderShape(128, 4, 512, 2),
            4096, new EncoderShape(256, 8, 1024, 6), new EncoderShape(128, 4, 512, 2),
            new EncoderShape(256, 8, 1024, 2), 32, new EncoderShape(128, 4, 512, 2),
            0.996f, 0.25f, 0.75f, 0f)),
    BASE(new BrainHarmonixConfig(48, new EncoderShape(768, 12, 3072, 12), new EncoderShape(384, 12, 1536, 6),
            4096, new EncoderShape(768, 12, 3072, 12), new EncoderShape(512, 16, 2048, 8),
            new EncoderShape(768, 12, 3072, 4), 128, new EncoderShape(384, 12, 1536, 2),
            0.996f, 0.25f, 0.75f, 0f));

    private final BrainHarmonixConfig config;

    BrainHarmonixPreset(BrainHarmonixConfig config) {
        this.config = config;
    }

    public BrainHarmonixConfig config() {
        return config;
    }
}

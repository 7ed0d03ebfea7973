package io.neurofm.family.deeperbrain;

/**
 * Named sizes. All take one-second patches at 200 Hz (L = 200), a 50 % mask ratio, lambda = 1,
 * a 3 cm starting volume-conduction length, 8 oscillatory and 8 exponential temporal bases and a
 * 16-long statistics vector; set D to the length {@code io.neurofm.tokenize.stats} produces with
 * {@link DeeperBrainConfig#withStatisticsDim}.
 *
 * <ul>
 *   <li>{@link #TINY}: CPU, trains in minutes. 2 layers, d 64, 4 heads, FF 256, dropout 0.1.
 *   <li>{@link #SMALL}: 4 layers, d 128, 8 heads, FF 512, dropout 0.1.
 *   <li>{@link #BASE}: GPU. The shape, 12 layers, d 200, 8 heads, FF 800, dropout 0.1.
 * </ul>
 */
public enum DeeperBrainPreset {
    TINY(new DeeperBrainConfig(200, 64, 4, 256, 2, 8, 8, 16, 1f, 0.5f, 0.03f, 0.1f)),
    SMALL(new DeeperBrainConfig(200, 128, 8, 512, 4, 8, 8, 16, 1f, 0.5f, 0.03f, 0.1f)),
    BASE(new DeeperBrainConfig(200, 200, 8, 800, 12, 8, 8, 16, 1f, 0.5f, 0.03f, 0.1f));

    private final DeeperBrainConfig config;

    DeeperBrainPreset(DeeperBrainConfig config) {
        this.config = config;
    }

    public DeeperBrainConfig config() {
        return config;
    }
}

package io.neurofm.family.brainharmonix;

/** How {@link BrainHarmonixModel#embed} turns hub tokens [B, H, df] into one vector per sample. */
public enum HubPooling {
    /** Mean over hubs, [B, df]. */
    MEAN,
    /** Hubs concatenated in order, [B, H·df]. */
    FLATTEN
}

package io.neurofm.family.brainharmonix;

/**
 * Training stages, in the order BrainHarmonix trains them: the two unimodal encoders first (in
 * either order), then fusion over the frozen encoders.
 */
public enum Stage {
    /** fMRI JEPA: trains fmri_encoder and fmri_predictor; call updateTarget() after every optimizer step. */
    FMRI_JEPA,
    /** T1 MAE: trains t1_encoder and t1_decoder. */
    T1_MAE,
    /** Fusion: trains the hubs, projections, fusion stack and hub decoder; both encoders frozen. */
    FUSION
}

package io.neurofm.family.brainharmonix;

/**
 * Shape and objectives of a BrainHarmonix style model.
 *
 * @param fmriPatchSamples Lm: every fMRI token is linearly resampled over its own duration to this
 *     many samples before the patch embedding, whatever its TR (see {@link PatchResampling})
 * @param fmriEncoder the fMRI context encoder (the EMA target encoder has the same shape)
 * @param fmriPredictor the JEPA predictor
 * @param t1PatchVoxels p^3, values per T1 patch
 * @param t1Encoder the T1 MAE encoder
 * @param t1Decoder the light MAE decoder
 * @param fusion the stack over [hubs; fMRI tokens; T1 tokens]
 * @param hubs number of learnable hub tokens
 * @param hubDecoder the stack that reconstructs pooled modality embeddings from the hubs only
 * @param momentum EMA momentum m of the target encoder: target = m target + (1 - m) context
 * @param fmriMaskRatio share of a recording's valid time steps the JEPA time block masks
 * @param t1MaskRatio share of T1 patches the MAE hides from its encoder
 * @param dropout dropout inside every transformer layer (training only)
 */
public record BrainHarmonixConfig(int fmriPatchSamples, EncoderShape fmriEncoder, EncoderShape fmriPredictor,
                                  int t1PatchVoxels, EncoderShape t1Encoder, EncoderShape t1Decoder,
                                  EncoderShape fusion, int hubs, EncoderShape hubDecoder,
                                  float momentum, float fmriMaskRatio, float t1MaskRatio, float dropout) {
    public BrainHarmonixConfig {
        if (fmriPatchSamples < 2) {
            throw new IllegalArgumentException("fmriPatchSamples must be >= 2, got " + fmriPatchSamples);
        }
        if (t1PatchVoxels < 1) {
            throw new IllegalArgumentException("t1PatchVoxels must be positive, got " + t1PatchVoxels);
        }
        if (hubs < 1) {
            throw new IllegalArgumentException("hubs must be positive, got " + hubs);
        }
        if (!(momentum >= 0f && momentum < 1f)) {
            throw new IllegalArgumentException("momentum must be in [0, 1), got " + momentum);
        }
        if (!(fmriMaskRatio > 0f && fmriMaskRatio < 1f) || !(t1MaskRatio > 0f && t1MaskRatio < 1f)) {
            throw new IllegalArgumentException("mask ratios must be in (0, 1), got " + fmriMaskRatio + " and "
                    + t1MaskRatio);
        }
        if (fmriEncoder.dModel() % 4 != 0 || fmriPredictor.dModel() % 4 != 0) {
            throw new IllegalArgumentException("fMRI encoder and predictor widths must be multiples of 4 (two "
                    + "sin-cos halves), got " + fmriEncoder.dModel() + " and " + fmriPredictor.dModel());
        }
        fmriEncoder.layer(dropout);
    }

    public BrainHarmonixConfig withDropout(float rate) {
        return new BrainHarmonixConfig(fmriPatchSamples, fmriEncoder, fmriPredictor, t1PatchVoxels, t1Encoder,
                t1Decoder, fusion, hubs, hubDecoder, momentum, fmriMaskRatio, t1MaskRatio, rate);
    }

    public BrainHarmonixConfig withT1PatchVoxels(int voxels) {
        return new BrainHarmonixConfig(fmriPatchSamples, fmriEncoder, fmriPredictor, voxels, t1Encoder,
                t1Decoder, fusion, hubs, hubDecoder, momentum, fmriMaskRatio, t1MaskRatio, dropout);
    }

    public BrainHarmonixConfig withMomentum(float m) {
        return new BrainHarmonixConfig(fmriPatchSamples, fmriEncoder, fmriPredictor, t1PatchVoxels, t1Encoder,
                t1Decoder, fusion, hubs, hubDecoder, m, fmriMaskRatio, t1MaskRatio, dropout);
    }
}

package io.neurofm.family.brainharmonix;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * Every block of the model, under the names a checkpoint uses: {@code fmri_encoder} (JEPA context
 * encoder), {@code fmri_predictor}, {@code fmri_target_encoder} (EMA copy, never trained by
 * gradient), {@code t1_encoder}, {@code t1_decoder}, {@code fusion} (hubs, projections, stack and
 * hub decoder). Save and load this block to keep all stages, the EMA target included.
 *
 * <p>Forward: {@code NDList(the six fMRI arrays of FmriBatch, t1 patches [B, N, p^3], t1 grid
 * [B, N, 3])} to {@code NDList(hub tokens [B, H, df])}, with the target encoder for fMRI and the
 * T1 encoder over all patches.
 */
public final class BrainHarmonixNetwork extends AbstractBlock {
    private final BrainHarmonixConfig config;
    final FmriEncoder fmriEncoder;
    final FmriPredictor fmriPredictor;
    final FmriEncoder fmriTarget;
    final T1Encoder t1Encoder;
    final T1Decoder t1Decoder;
    final FusionNetwork fusion;

    public BrainHarmonixNetwork(BrainHarmonixConfig config) {
        this.config = config;
        float p = config.dropout();
        fmriEncoder = addChildBlock("fmri_encoder", new FmriEncoder(config.fmriPatchSamples(), config.fmriEncoder(), p));
        fmriPredictor = addChildBlock("fmri_predictor",
                new FmriPredictor(config.fmriEncoder().dModel(), config.fmriPredictor(), p));
        fmriTarget = addChildBlock("fmri_target_encoder",
                new FmriEncoder(config.fmriPatchSamples(), config.fmriEncoder(), p));
        t1Encoder = addChildBlock("t1_encoder", new T1Encoder(config.t1PatchVoxels(), config.t1Encoder(), p));
        t1Decoder = addChildBlock("t1_decoder", new T1Decoder(config.t1Encoder().dModel(), config.t1PatchVoxels(),
                config.t1Decoder(), p));
        fusion = addChildBlock("fusion", new FusionNetwork(config));
    }

    public BrainHarmonixConfig config() {
        return config;
    }

    public FusionNetwork fusion() {
        return fusion;
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape any = new Shape(1);
        fmriEncoder.initialize(manager, dataType, FmriEncoder.inputShapes());
        fmriPredictor.initialize(manager, dataType, any);
        fmriTarget.initialize(manager, dataType, FmriEncoder.inputShapes());
        t1Encoder.initialize(manager, dataType, any);
        t1Decoder.initialize(manager, dataType, any);
        fusion.initialize(manager, dataType, any);
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        return new NDList(hubs(store, inputs, training));
    }

    /** Hub tokens [B, H, df] of NDList(six fMRI arrays, t1 patches, t1 grid). */
    NDArray hubs(ParameterStore store, NDList inputs, boolean training) {
        NDList modality = modalityTokens(store, inputs);
        return fusion.forward(store, modality, training, null).head();
    }

    /**
     * The frozen encoders' outputs the fusion stage consumes, without gradient:
     * {@code NDList(fmri tokens [B, R*P, d], fmri valid [B, R*P], t1 tokens [B, N, d_t1])}.
     */
    NDList modalityTokens(ParameterStore store, NDList inputs) {
        if (inputs.size() < FmriBatch.SIZE + 2) {
            throw new IllegalArgumentException("a fusion batch is NDList(six fMRI arrays (FmriBatch), t1 patches, "
                    + "t1 grid), got " + inputs.size() + " arrays");
        }
        NDList fmriBatch = new NDList(inputs.subList(0, FmriBatch.SIZE));
        NDArray valid = fmriBatch.get(FmriBatch.VALID);
        NDArray f = fmriTarget.encode(store, fmriBatch, valid, false).stopGradient();
        long b = f.getShape().get(0);
        NDArray t = t1Encoder.forward(store, new NDList(inputs.get(FmriBatch.SIZE), inputs.get(FmriBatch.SIZE + 1)),
                false, null).head().stopGradient();
        return new NDList(f.reshape(b, -1, f.getShape().get(3)), valid.reshape(b, -1), t);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {new Shape(inputShapes[0].get(0), config.hubs(), config.fusion().dModel())};
    }
}

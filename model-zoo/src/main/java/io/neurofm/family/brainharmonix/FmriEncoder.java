package io.neurofm.family.brainharmonix;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import io.neurofm.nn.TransformerStack;

/**
 * fMRI encoder over TR-aware ROI patch tokens.
 *
 * <pre>
 * x[b,r,p] = patch_embedding(resample(patches[b,r,p], n[b] -> Lm))      Linear(Lm, d)
 *          + [time(start[b,p] s) | roi(coords[b,r] mm or unknown)]      d/2 + d/2, fixed sin-cos
 * hidden   = encoder(x as [B, R*P, d], key mask)                        pre-LN stack, final LayerNorm
 * </pre>
 *
 * The key mask keeps the tokens flagged in {@code keep} (valid tokens, or for the JEPA context the
 * valid and unmasked ones); other tokens are still computed as queries but no kept token can
 * attend to them, so their content cannot reach a kept token's output. Output [B, R, P, d].
 */
public final class FmriEncoder extends AbstractBlock {
    private final int samples;
    private final int width;
    private final Linear patchEmbedding;
    private final RoiTimeEncoding position;
    private final TransformerStack encoder;

    public FmriEncoder(int patchSamples, EncoderShape shape, float dropout) {
        this.samples = patchSamples;
        this.width = shape.dModel();
        patchEmbedding = addChildBlock("patch_embedding", Linear.builder().setUnits(width).build());
        position = addChildBlock("position", new RoiTimeEncoding(width));
        encoder = addChildBlock("encoder", new TransformerStack(shape.layer(dropout), shape.layers(), true));
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        patchEmbedding.initialize(manager, dataType, new Shape(1, samples));
        position.initialize(manager, dataType, new Shape(1, 1), new Shape(1, 1, 3), new Shape(1, 1));
        encoder.initialize(manager, dataType, new Shape(1, 1, width));
    }

    /** Input shapes for {@link #initialize}: parameter shapes depend on none of them. */
    static Shape[] inputShapes() {
        return new Shape[] {new Shape(1, 1, 1, 2)};
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        return new NDList(encode(store, inputs, inputs.get(FmriBatch.VALID), training));
    }

    /** Hidden states [B, R, P, d], attending only to tokens with {@code keep} [B, R, P] = 1. */
    public NDArray encode(ParameterStore store, NDList batch, NDArray keep, boolean training) {
        FmriBatch.check(batch, false);
        NDArray x = tokens(store, batch, training);
        Shape s = x.getShape();
        NDArray mask = KeyMask.additive(keep.reshape(s.get(0), -1), x.getDataType());
        NDArray h = encoder.forward(store, new NDList(x.reshape(s.get(0), -1, width), mask), training, null).head();
        return h.reshape(s);
    }

    /** Token embeddings before the encoder, [B, R, P, d]. */
    NDArray tokens(ParameterStore store, NDList batch, boolean training) {
        NDArray resampled = PatchResampling.apply(batch.get(FmriBatch.PATCHES), FmriBatch.lengths(batch), samples);
        NDArray content = patchEmbedding.forward(store, new NDList(resampled), training, null).head();
        NDArray pos = position.forward(store, new NDList(FmriBatch.starts(batch), batch.get(FmriBatch.COORDS),
                batch.get(FmriBatch.KNOWN)), training, null).head();
        return content.add(pos);
    }

    /** Geometric encodings at this encoder's width, [B, R, P, d]. */
    NDArray positions(ParameterStore store, NDList batch, boolean training) {
        return position.forward(store, new NDList(FmriBatch.starts(batch), batch.get(FmriBatch.COORDS),
                batch.get(FmriBatch.KNOWN)), training, null).head();
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape p = inputShapes[0];
        return new Shape[] {new Shape(p.get(0), p.get(1), p.get(2), width)};
    }
}

package io.neurofm.family.brainharmonix;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.NormalInitializer;
import ai.djl.util.PairList;
import io.neurofm.nn.TransformerStack;
import io.neurofm.nn.PassParameters;

/**
 * The JEPA predictor (I-JEPA style, narrower than the encoder).
 *
 * <pre>
 * z[b,r,p] = target ? mask_token : embed(context[b,r,p])     Linear(d, dp); dp-wide
 *          + [time | roi] geometric encoding at width dp (its own unknown_position)
 * z        = predictor(z, key mask = valid)                  pre-LN stack, final LayerNorm
 * out      = proj(z)                                         Linear(dp, d), [B, R, P, d]
 * </pre>
 *
 * Context outputs at target positions are multiplied by 0 before use, so they contribute neither
 * value nor gradient.
 */
public final class FmriPredictor extends AbstractBlock {
    private final int encoderWidth;
    private final int width;
    private final Linear embed;
    private final Parameter maskToken;
    private final RoiTimeEncoding position;
    private final TransformerStack predictor;
    private final Linear proj;

    public FmriPredictor(int encoderWidth, EncoderShape shape, float dropout) {
        this.encoderWidth = encoderWidth;
        this.width = shape.dModel();
        embed = addChildBlock("embed", Linear.builder().setUnits(width).build());
        maskToken = addParameter(Parameter.builder().setName("mask_token").setType(Parameter.Type.WEIGHT)
                .optInitializer(new NormalInitializer(0.02f)).optShape(new Shape(width)).build());
        position = addChildBlock("position", new RoiTimeEncoding(width));
        predictor = addChildBlock("predictor", new TransformerStack(shape.layer(dropout), shape.layers(), true));
        proj = addChildBlock("proj", Linear.builder().setUnits(encoderWidth).build());
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        embed.initialize(manager, dataType, new Shape(1, encoderWidth));
        position.initialize(manager, dataType, new Shape(1, 1), new Shape(1, 1, 3), new Shape(1, 1));
        predictor.initialize(manager, dataType, new Shape(1, 1, width));
        proj.initialize(manager, dataType, new Shape(1, width));
    }

    /** Input: NDList(context [B, R, P, d], then the seven arrays of an fMRI batch with its target). */
    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        NDList batch = new NDList(inputs.subNDList(1));
        return new NDList(predict(store, inputs.get(0), batch, training));
    }

    /** Predicted target-encoder representations [B, R, P, d] (read them at target positions). */
    public NDArray predict(ParameterStore store, NDArray context, NDList batch, boolean training) {
        FmriBatch.check(batch, true);
        Shape s = context.getShape();
        long b = s.get(0);
        NDArray target = batch.get(FmriBatch.TARGET).toType(context.getDataType(), false).expandDims(-1);
        NDArray z = embed.forward(store, new NDList(context), training, null).head();
        NDArray token = PassParameters.value(store, maskToken, context, training);
        z = z.mul(target.neg().add(1)).add(token.mul(target));
        z = z.add(position.forward(store, new NDList(FmriBatch.starts(batch), batch.get(FmriBatch.COORDS),
                batch.get(FmriBatch.KNOWN)), training, null).head());
        NDArray mask = KeyMask.additive(batch.get(FmriBatch.VALID).reshape(b, -1), z.getDataType());
        z = predictor.forward(store, new NDList(z.reshape(b, -1, width), mask), training, null).head();
        return proj.forward(store, new NDList(z), training, null).head().reshape(s);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0]};
    }
}

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
 * Light MAE decoder: encoded visible tokens are widened/narrowed to dd, scattered back to their N
 * places (transpose of the selection), hidden places get {@code mask_token}; sincos3d positions at
 * width dd; pre-LN stack; {@code head} Linear(dd, p^3) predicts every patch. Input
 * {@code NDList(encoded [B, Nv, d], selection [B, Nv, N], grid [B, N, 3])}, output [B, N, p^3].
 */
public final class T1Decoder extends AbstractBlock {
    private final int encoderWidth;
    private final int width;
    private final int voxels;
    private final Linear embed;
    private final Parameter maskToken;
    private final TransformerStack decoder;
    private final Linear head;

    public T1Decoder(int encoderWidth, int patchVoxels, EncoderShape shape, float dropout) {
        this.encoderWidth = encoderWidth;
        this.width = shape.dModel();
        this.voxels = patchVoxels;
        embed = addChildBlock("embed", Linear.builder().setUnits(width).build());
        maskToken = addParameter(Parameter.builder().setName("mask_token").setType(Parameter.Type.WEIGHT)
                .optInitializer(new NormalInitializer(0.02f)).optShape(new Shape(width)).build());
        decoder = addChildBlock("decoder", new TransformerStack(shape.layer(dropout), shape.layers(), true));
        head = addChildBlock("head", Linear.builder().setUnits(voxels).build());
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        embed.initialize(manager, dataType, new Shape(1, encoderWidth));
        decoder.initialize(manager, dataType, new Shape(1, 1, width));
        head.initialize(manager, dataType, new Shape(1, width));
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        NDArray encoded = inputs.get(0);
        NDArray selection = inputs.get(1).toType(encoded.getDataType(), false);
        NDArray grid = inputs.get(2).toType(encoded.getDataType(), false);
        NDArray scattered = selection.transpose(0, 2, 1)
                .matMul(embed.forward(store, new NDList(encoded), training, null).head());
        NDArray hidden = selection.sum(new int[] {1}).neg().add(1).expandDims(-1);
        NDArray token = PassParameters.value(store, maskToken, encoded, training);
        NDArray x = scattered.add(token.mul(hidden)).add(SinCos.encode3d(grid, width));
        x = decoder.forward(store, new NDList(x), training, null).head();
        return head.forward(store, new NDList(x), training, null);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape g = inputShapes[2];
        return new Shape[] {new Shape(g.get(0), g.get(1), voxels)};
    }
}

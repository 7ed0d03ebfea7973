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
 * T1 MAE encoder: {@code x = patch_embedding(patch) + sincos3d(grid index)}, then (MAE) only the
 * visible tokens, gathered by a one-hot selection matrix (exact copies), go through the pre-LN
 * stack. Input {@code NDList(patches [B, N, p^3], grid [B, N, 3][, selection [B, Nv, N]])},
 * output [B, Nv, d] (all N tokens when no selection is given).
 */
public final class T1Encoder extends AbstractBlock {
    private final int voxels;
    private final int width;
    private final Linear patchEmbedding;
    private final TransformerStack encoder;

    public T1Encoder(int patchVoxels, EncoderShape shape, float dropout) {
        this.voxels = patchVoxels;
        this.width = shape.dModel();
        patchEmbedding = addChildBlock("patch_embedding", Linear.builder().setUnits(width).build());
        encoder = addChildBlock("encoder", new TransformerStack(shape.layer(dropout), shape.layers(), true));
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        patchEmbedding.initialize(manager, dataType, new Shape(1, voxels));
        encoder.initialize(manager, dataType, new Shape(1, 1, width));
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        NDArray patches = inputs.get(T1Batch.PATCHES);
        Shape s = patches.getShape();
        if (s.dimension() != 3 || s.get(2) != voxels) {
            throw new IllegalArgumentException("T1 patches must be [B, N, " + voxels + "], got " + s);
        }
        if (!inputs.get(T1Batch.GRID).getShape().equals(new Shape(s.get(0), s.get(1), 3))) {
            throw new IllegalArgumentException("T1 grid must be " + new Shape(s.get(0), s.get(1), 3) + ", got "
                    + inputs.get(T1Batch.GRID).getShape());
        }
        NDArray x = patchEmbedding.forward(store, new NDList(patches), training, null).head()
                .add(SinCos.encode3d(inputs.get(T1Batch.GRID).toType(patches.getDataType(), false), width));
        if (inputs.size() > 2) {
            x = inputs.get(2).toType(x.getDataType(), false).matMul(x);
        }
        return encoder.forward(store, new NDList(x), training, null);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape p = inputShapes[0];
        return new Shape[] {new Shape(p.get(0), p.get(1), width)};
    }
}

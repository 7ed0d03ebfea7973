package io.neurofm.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.norm.LayerNorm;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * LayerNorm over the last axis with PyTorch's parameter names ({@code weight}, {@code bias}).
 *
 * <p>DJL's own {@link LayerNorm} block names its parameters gamma/beta and by default normalises
 * over every axis but the batch, so it cannot stand in for {@code torch.nn.LayerNorm(d)}.
 */
public final class LayerNormalization extends AbstractBlock {
    /** PyTorch's default epsilon. */
    public static final float DEFAULT_EPS = 1e-5f;

    private final long dim;
    private final float eps;
    private final Parameter weight;
    private final Parameter bias;

    public LayerNormalization(long dim) {
        this(dim, DEFAULT_EPS);
    }

    public LayerNormalization(long dim, float eps) {
        if (dim <= 0) {
            throw new IllegalArgumentException("dim must be positive, got " + dim);
        }
        this.dim = dim;
        this.eps = eps;
        weight = addParameter(Parameter.builder().setName("weight")
                .setType(Parameter.Type.GAMMA).optShape(new Shape(dim)).build());
        bias = addParameter(Parameter.builder().setName("bias")
                .setType(Parameter.Type.BETA).optShape(new Shape(dim)).build());
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.head();
        Shapes.requireLastDim(x, dim, "LayerNormalization input");
        NDArray w = store.getValue(weight, x.getDevice(), training);
        NDArray b = store.getValue(bias, x.getDevice(), training);
        return LayerNorm.layerNorm(x, new Shape(dim), w, b, eps);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0]};
    }
}

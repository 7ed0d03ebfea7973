package io.neurofm.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.NormalInitializer;
import ai.djl.util.PairList;

/**
 * A learned table of {@code maxLength} position vectors ({@code weight} [maxLength, d], as in
 * {@code torch.nn.Embedding(maxLength, d)}) added to x [B, T, d] at positions 0..T-1.
 */
public final class LearnedPositionEmbedding extends AbstractBlock {
    private final long maxLength;
    private final long dim;
    private final Parameter weight;

    public LearnedPositionEmbedding(long maxLength, long dim) {
        if (maxLength <= 0 || dim <= 0) {
            throw new IllegalArgumentException(
                    "maxLength and dim must be positive, got " + maxLength + ", " + dim);
        }
        this.maxLength = maxLength;
        this.dim = dim;
        // GPT-2/BERT-style N(0, 0.02) rather than Embedding's N(0, 1), which would swamp the input.
        weight = addParameter(Parameter.builder().setName("weight").setType(Parameter.Type.WEIGHT)
                .optInitializer(new NormalInitializer(0.02f))
                .optShape(new Shape(maxLength, dim)).build());
    }

    public long maxLength() {
        return maxLength;
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.head();
        Shapes.requireRank(x, 3, "position embedding input");
        Shapes.requireLastDim(x, dim, "position embedding input");
        long length = x.getShape().get(1);
        if (length > maxLength) {
            throw new IllegalArgumentException(
                    "sequence length " + length + " exceeds the learned maximum " + maxLength);
        }
        NDArray table = PassParameters.value(store, weight, x, training);
        NDArray positions = length == maxLength ? table : table.get(new NDIndex(":{}", length));
        return new NDList(x.add(positions));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0]};
    }
}

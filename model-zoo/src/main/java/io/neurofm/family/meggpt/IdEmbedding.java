package io.neurofm.family.meggpt;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Embedding;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.NormalInitializer;
import ai.djl.util.PairList;

/**
 * A lookup table {@code weight} [count, d] (as {@code torch.nn.Embedding(count, d)}) mapping an
 * integer array of any shape to vectors: ids [...] to [..., d]. Ids outside [0, count) are
 * refused with the offending value and the table's name, instead of an engine index error.
 */
final class IdEmbedding extends AbstractBlock {
    private final String what;
    private final long count;
    private final long dim;
    private final Parameter weight;

    IdEmbedding(String what, long count, long dim) {
        this.what = what;
        this.count = count;
        this.dim = dim;
        // GPT-2's N(0, 0.02): the four embeddings are summed, so unit variance would swamp them.
        weight = addParameter(Parameter.builder().setName("weight").setType(Parameter.Type.WEIGHT)
                .optInitializer(new NormalInitializer(0.02f))
                .optShape(new Shape(count, dim)).build());
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray ids = inputs.head();
        DataType type = ids.getDataType();
        if (type != DataType.INT32 && type != DataType.INT64) {
            throw new IllegalArgumentException(what + " ids must be INT32 or INT64, got " + ids.getDataType());
        }
        if (ids.size() > 0) {
            long min = ids.min().toType(DataType.INT64, false).getLong();
            long max = ids.max().toType(DataType.INT64, false).getLong();
            if (min < 0 || max >= count) {
                throw new IllegalArgumentException(what + " ids must be in [0, " + count + "), got "
                        + (min < 0 ? min : max));
            }
        }
        NDArray table = store.getValue(weight, ids.getDevice(), training);
        return Embedding.embedding(ids, table, SparseFormat.DENSE);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0].add(dim)};
    }
}

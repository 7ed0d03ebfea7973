package io.neurofm.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.List;

/**
 * N {@link PreLnTransformerLayer}s and an optional final LayerNorm, named like {@code
 * torch.nn.TransformerEncoder(layer, N, norm=LayerNorm(d))}: {@code layers.0.…}, …, {@code norm.…}.
 * A pre-LN stack leaves its residual stream unnormalised, so models usually want the final norm.
 *
 * <p>Input {@code NDList(x)} or {@code NDList(x, mask)}; the same mask goes to every layer.
 */
public final class TransformerStack extends AbstractBlock {
    private final List<PreLnTransformerLayer> layers = new ArrayList<>();
    private final LayerNormalization norm;

    public TransformerStack(TransformerConfig config, int numLayers, boolean finalNorm) {
        if (numLayers <= 0) {
            throw new IllegalArgumentException("numLayers must be positive, got " + numLayers);
        }
        for (int i = 0; i < numLayers; i++) {
            layers.add(addChildBlock("layers." + i, new PreLnTransformerLayer(config)));
        }
        norm = finalNorm ? addChildBlock("norm", new LayerNormalization(config.dModel())) : null;
    }

    public int numLayers() {
        return layers.size();
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        for (PreLnTransformerLayer layer : layers) {
            layer.initialize(manager, dataType, inputShapes[0]);
        }
        if (norm != null) {
            norm.initialize(manager, dataType, inputShapes[0]);
        }
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.get(0);
        NDArray mask = inputs.size() > 1 ? inputs.get(1) : null;
        for (PreLnTransformerLayer layer : layers) {
            NDList in = mask == null ? new NDList(x) : new NDList(x, mask);
            x = layer.forward(store, in, training, params).head();
        }
        if (norm != null) {
            x = norm.forward(store, new NDList(x), training, params).head();
        }
        return new NDList(x);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0]};
    }
}

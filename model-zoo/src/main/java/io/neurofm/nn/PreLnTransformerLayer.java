package io.neurofm.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.Dropout;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * One pre-LN transformer layer with the semantics and state_dict names of {@code
 * torch.nn.TransformerEncoderLayer(norm_first=True, activation="gelu", batch_first=True)}:
 *
 * <pre>
 * x = x + dropout1(self_attn(norm1(x), mask))
 * x = x + dropout2(linear2(dropout(gelu(linear1(norm2(x))))))
 * </pre>
 *
 * GELU is the exact erf form, LayerNorm eps is 1e-5, and every dropout uses the config's rate and
 * is active only when training. Input {@code NDList(x)} or {@code NDList(x, mask)}, x [B, T, d];
 * see {@link MultiHeadSelfAttention} for the mask.
 */
public final class PreLnTransformerLayer extends AbstractBlock {
    private final TransformerConfig config;
    private final MultiHeadSelfAttention selfAttn;
    private final Linear linear1;
    private final Linear linear2;
    private final LayerNormalization norm1;
    private final LayerNormalization norm2;

    public PreLnTransformerLayer(TransformerConfig config) {
        this.config = config;
        // Registration order is PyTorch's state_dict order.
        selfAttn = addChildBlock("self_attn", new MultiHeadSelfAttention(config));
        linear1 = addChildBlock("linear1", Linear.builder().setUnits(config.ffDim()).build());
        linear2 = addChildBlock("linear2", Linear.builder().setUnits(config.dModel()).build());
        norm1 = addChildBlock("norm1", new LayerNormalization(config.dModel()));
        norm2 = addChildBlock("norm2", new LayerNormalization(config.dModel()));
    }

    public TransformerConfig config() {
        return config;
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape x = inputShapes[0];
        selfAttn.initialize(manager, dataType, x);
        norm1.initialize(manager, dataType, x);
        norm2.initialize(manager, dataType, x);
        linear1.initialize(manager, dataType, x);
        linear2.initialize(manager, dataType, linear1.getOutputShapes(new Shape[] {x})[0]);
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.get(0);
        NDList attnInputs = new NDList(norm1.forward(store, new NDList(x), training, params).head());
        if (inputs.size() > 1) {
            attnInputs.add(inputs.get(1));
        }
        NDArray attended = selfAttn.forward(store, attnInputs, training, params).head();
        x = x.add(dropout(attended, training));

        NDArray h = norm2.forward(store, new NDList(x), training, params).head();
        h = Activation.gelu(linear1.forward(store, new NDList(h), training, params).head());
        h = linear2.forward(store, new NDList(dropout(h, training)), training, params).head();
        return new NDList(x.add(dropout(h, training)));
    }

    private NDArray dropout(NDArray x, boolean training) {
        if (!training || config.dropout() == 0f) {
            return x;
        }
        return Dropout.dropout(x, config.dropout(), true).head();
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0]};
    }
}

package io.neurofm.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.Dropout;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.XavierInitializer;
import ai.djl.util.PairList;
import io.neurofm.tensor.Scalars;

/**
 * Multi-head self-attention laid out like {@code torch.nn.MultiheadAttention(batch_first=True)}:
 * one fused input projection ({@code in_proj_weight} [3d, d], {@code in_proj_bias} [3d], rows in
 * q, k, v order) and {@code out_proj} (a Linear d to d).
 *
 * <p>Input: {@code NDList(x)} or {@code NDList(x, mask)} with x [B, T, d] and an optional additive
 * mask of shape [T, T] or [B or 1, heads or 1, T or 1, T] in x's data type (0 keeps, -inf drops; a
 * row whose keys are all -inf gives NaN, as in PyTorch). Output: {@code NDList(y)}, y [B, T, d].
 *
 * <p>All heads go through one batched matmul for the scores and one for the context; PyTorch
 * 2.7's fused {@code scaled_dot_product_attention} is not exposed by DJL 0.36's JNI, so the
 * explicit matmul-softmax-matmul is used.
 */
public final class MultiHeadSelfAttention extends AbstractBlock {
    private final int dModel;
    private final int heads;
    private final float dropout;
    private final boolean causal;
    private final RotaryPositionEmbedding rotary;
    private final Parameter inProjWeight;
    private final Parameter inProjBias;
    private final Linear outProj;

    public MultiHeadSelfAttention(TransformerConfig config) {
        dModel = config.dModel();
        heads = config.heads();
        dropout = config.dropout();
        causal = config.causal();
        rotary = config.rotary() ? new RotaryPositionEmbedding(config.headDim()) : null;
        // PyTorch initialises the fused projection with xavier_uniform_ and its bias with zeros.
        inProjWeight = addParameter(Parameter.builder().setName("in_proj_weight")
                .setType(Parameter.Type.WEIGHT)
                .optInitializer(new XavierInitializer(XavierInitializer.RandomType.UNIFORM,
                        XavierInitializer.FactorType.AVG, 3))
                .optShape(new Shape(3L * dModel, dModel)).build());
        inProjBias = addParameter(Parameter.builder().setName("in_proj_bias")
                .setType(Parameter.Type.BIAS).optShape(new Shape(3L * dModel)).build());
        outProj = addChildBlock("out_proj", Linear.builder().setUnits(dModel).build());
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        outProj.initialize(manager, dataType, inputShapes[0]);
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.get(0);
        Shapes.requireRank(x, 3, "attention input");
        Shapes.requireLastDim(x, dModel, "attention input");
        long batch = x.getShape().get(0);
        long length = x.getShape().get(1);
        long headDim = dModel / heads;
        NDArray mask = inputs.size() > 1 ? inputs.get(1) : null;
        if (mask != null) {
            checkMask(mask, x, batch, length);
        }

        NDArray w = store.getValue(inProjWeight, x.getDevice(), training);
        NDArray b = store.getValue(inProjBias, x.getDevice(), training);
        // [B, T, 3d] -> [3, B, H, T, dh]: one projection, then views, for all heads at once.
        NDArray qkv = Linear.linear(x, w, b).head()
                .reshape(batch, length, 3, heads, headDim)
                .transpose(2, 0, 3, 1, 4);
        if (rotary != null) {
            qkv = rotary.applyToQueryKey(qkv);
        }
        NDList split = qkv.split(3, 0);
        // q, k, v stay [1, B, H, T, dh]; matmul broadcasts over the leading axes.
        NDArray q = Scalars.div(split.get(0), Math.sqrt(headDim));
        NDArray scores = q.matMul(split.get(1).swapAxes(3, 4));
        if (causal) {
            scores = scores.add(CausalMask.additive(scores, length));
        }
        if (mask != null) {
            scores = scores.add(mask);
        }
        NDArray probs = scores.softmax(4);
        if (training && dropout > 0f) {
            probs = Dropout.dropout(probs, dropout, true).head();
        }
        NDArray context = probs.matMul(split.get(2))
                .transpose(0, 1, 3, 2, 4)
                .reshape(batch, length, dModel);
        return outProj.forward(store, new NDList(context), training, params);
    }

    private void checkMask(NDArray mask, NDArray x, long batch, long length) {
        Shape m = mask.getShape();
        boolean ok;
        if (m.dimension() == 2) {
            ok = m.get(0) == length && m.get(1) == length;
        } else if (m.dimension() == 4) {
            ok = (m.get(0) == 1 || m.get(0) == batch)
                    && (m.get(1) == 1 || m.get(1) == heads)
                    && (m.get(2) == 1 || m.get(2) == length)
                    && m.get(3) == length;
        } else {
            ok = false;
        }
        if (!ok) {
            throw new IllegalArgumentException("attention mask must be [" + length + ", " + length
                    + "] or [" + batch + " or 1, " + heads + " or 1, " + length + " or 1, "
                    + length + "], got " + m);
        }
        if (mask.getDataType() != x.getDataType()) {
            throw new IllegalArgumentException("attention mask must be an additive mask of type "
                    + x.getDataType() + " (0 keeps, -inf drops), got " + mask.getDataType());
        }
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0]};
    }
}

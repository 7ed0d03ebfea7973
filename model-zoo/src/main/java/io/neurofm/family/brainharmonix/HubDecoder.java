package io.neurofm.family.brainharmonix;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
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
 * Reconstructs the pooled modality embeddings from the hub tokens alone: two learned queries
 * (fMRI, T1) are prepended to {@code embed(hubs)}, a pre-LN stack runs over [queries; hubs], and
 * the two query outputs go through {@code fmri_head} / {@code t1_head}. Its only input is the hub
 * tensor: {@code NDList(hubs [B, H, df])} to {@code NDList(fmri [B, d_fmri], t1 [B, d_t1])}.
 */
public final class HubDecoder extends AbstractBlock {
    private final int hubWidth;
    private final int width;
    private final Parameter queries;
    private final Linear embed;
    private final TransformerStack decoder;
    private final Linear fmriHead;
    private final Linear t1Head;

    public HubDecoder(int hubWidth, EncoderShape shape, int fmriWidth, int t1Width, float dropout) {
        this.hubWidth = hubWidth;
        this.width = shape.dModel();
        queries = addParameter(Parameter.builder().setName("queries").setType(Parameter.Type.WEIGHT)
                .optInitializer(new NormalInitializer(0.02f)).optShape(new Shape(2, width)).build());
        embed = addChildBlock("embed", Linear.builder().setUnits(width).build());
        decoder = addChildBlock("decoder", new TransformerStack(shape.layer(dropout), shape.layers(), true));
        fmriHead = addChildBlock("fmri_head", Linear.builder().setUnits(fmriWidth).build());
        t1Head = addChildBlock("t1_head", Linear.builder().setUnits(t1Width).build());
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        embed.initialize(manager, dataType, new Shape(1, hubWidth));
        decoder.initialize(manager, dataType, new Shape(1, 1, width));
        fmriHead.initialize(manager, dataType, new Shape(1, width));
        t1Head.initialize(manager, dataType, new Shape(1, width));
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        NDArray hubs = inputs.get(0);
        long b = hubs.getShape().get(0);
        NDArray q = PassParameters.value(store, queries, hubs, training).expandDims(0).broadcast(new Shape(b, 2, width));
        NDArray h = embed.forward(store, new NDList(hubs), training, null).head();
        NDArray x = decoder.forward(store, new NDList(NDArrays.concat(new NDList(q, h), 1)), training, null).head();
        NDArray fmri = fmriHead.forward(store, new NDList(x.get(new NDIndex(":, 0"))), training, null).head();
        NDArray t1 = t1Head.forward(store, new NDList(x.get(new NDIndex(":, 1"))), training, null).head();
        return new NDList(fmri, t1);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        long b = inputShapes[0].get(0);
        return new Shape[] {new Shape(b, -1), new Shape(b, -1)};
    }
}

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
 * Hub-token fusion.
 *
 * <pre>
 * f = fmri_proj(fmri tokens [B, Tf, d_fmri]) + modality_embedding[0]     Linear(d_fmri, df)
 * t = t1_proj(t1 tokens [B, N, d_t1])        + modality_embedding[1]     Linear(d_t1, df)
 * z = fusion([hubs; f; t], key mask: hubs and T1 always, fMRI where valid)   pre-LN stack
 * hub tokens = z[:, :H]                                                  [B, H, df]
 * </pre>
 *
 * A transformer over the concatenation (hubs attend to everything, every layer) rather than
 * separate cross- and self-attention layers; only the hub outputs are kept. The {@code decoder}
 * ({@link HubDecoder}) is a child so that it trains with the fusion stage, but it is applied to the
 * hub tokens only ({@link #decode}).
 *
 * <p>Input {@code NDList(fmri [B, Tf, d_fmri], fmriValid [B, Tf], t1 [B, N, d_t1])}, output
 * {@code NDList(hubs [B, H, df])}.
 */
public final class FusionNetwork extends AbstractBlock {
    private final BrainHarmonixConfig config;
    private final int width;
    private final Parameter hubs;
    private final Parameter modality;
    private final Linear fmriProj;
    private final Linear t1Proj;
    private final TransformerStack fusion;
    private final HubDecoder decoder;

    public FusionNetwork(BrainHarmonixConfig config) {
        this.config = config;
        this.width = config.fusion().dModel();
        hubs = addParameter(Parameter.builder().setName("hubs").setType(Parameter.Type.WEIGHT)
                .optInitializer(new NormalInitializer(0.02f)).optShape(new Shape(config.hubs(), width)).build());
        modality = addParameter(Parameter.builder().setName("modality_embedding").setType(Parameter.Type.WEIGHT)
                .optInitializer(new NormalInitializer(0.02f)).optShape(new Shape(2, width)).build());
        fmriProj = addChildBlock("fmri_proj", Linear.builder().setUnits(width).build());
        t1Proj = addChildBlock("t1_proj", Linear.builder().setUnits(width).build());
        fusion = addChildBlock("fusion", new TransformerStack(config.fusion().layer(config.dropout()),
                config.fusion().layers(), true));
        decoder = addChildBlock("decoder", new HubDecoder(width, config.hubDecoder(),
                config.fmriEncoder().dModel(), config.t1Encoder().dModel(), config.dropout()));
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        fmriProj.initialize(manager, dataType, new Shape(1, config.fmriEncoder().dModel()));
        t1Proj.initialize(manager, dataType, new Shape(1, config.t1Encoder().dModel()));
        fusion.initialize(manager, dataType, new Shape(1, 1, width));
        decoder.initialize(manager, dataType, new Shape(1, 1, width));
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        NDArray fmri = inputs.get(0);
        NDArray valid = inputs.get(1).toType(fmri.getDataType(), false);
        NDArray t1 = inputs.get(2);
        long b = fmri.getShape().get(0);
        long h = config.hubs();
        long n = t1.getShape().get(1);
        NDArray emb = PassParameters.value(store, modality, fmri, training);
        NDArray f = fmriProj.forward(store, new NDList(fmri), training, null).head().add(emb.get(new NDIndex("0")));
        NDArray t = t1Proj.forward(store, new NDList(t1), training, null).head().add(emb.get(new NDIndex("1")));
        NDArray hub = PassParameters.value(store, hubs, fmri, training).expandDims(0).broadcast(new Shape(b, h, width));
        NDManager m = fmri.getManager();
        NDArray keep = NDArrays.concat(new NDList(m.ones(new Shape(b, h), valid.getDataType()), valid,
                m.ones(new Shape(b, n), valid.getDataType())), 1);
        NDArray z = fusion.forward(store, new NDList(NDArrays.concat(new NDList(hub, f, t), 1),
                KeyMask.additive(keep, fmri.getDataType())), training, null).head();
        return new NDList(z.get(new NDIndex(":, :" + h)));
    }

    /** Pooled fMRI and T1 embeddings predicted from hub tokens [B, H, df] alone. */
    public NDList decode(ParameterStore store, NDArray hubTokens, boolean training) {
        return decoder.forward(store, new NDList(hubTokens), training, null);
    }

    public HubDecoder decoder() {
        return decoder;
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {new Shape(inputShapes[0].get(0), config.hubs(), width)};
    }
}

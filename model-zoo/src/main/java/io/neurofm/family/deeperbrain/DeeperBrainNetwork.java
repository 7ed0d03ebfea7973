package io.neurofm.family.deeperbrain;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.Dropout;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.NormalInitializer;
import ai.djl.util.PairList;
import io.neurofm.nn.TransformerStack;
import io.neurofm.nn.PassParameters;

/**
 * The DeeperBrain style network. Input {@code NDList(patches [B, C, P, L], positions [B, C, 3],
 * known [B, C], mask [B, C, P])}; output {@code NDList(reconstruction [B, C, P, L],
 * statistics [B, D])}.
 *
 * <pre>
 * content[b,c,p] = patch_embedding(patches[b,c,p])          (waveform + amplitude spectrum)
 * content        = mask ? mask_token : content              masked content never reaches the encoder
 * x[b,c,p]       = content + channel_encoding(positions, known)[b,c] + temporal_encoding[p]
 * hidden         = encoder(dropout(x))                       C*P tokens, channel-major, full attention,
 *                                                            final LayerNorm
 * reconstruction = reconstruction_head(hidden)              Linear(d, L)
 * statistics     = statistics_head(mean over tokens of hidden)   Linear(d, d), GELU, Linear(d, D)
 * </pre>
 *
 * Nothing in the network depends on a channel's index, only on its position, so permuting
 * channels (with their positions) permutes every per-channel output. Masks and known flags are
 * 0/1 in any numeric type.
 */
public final class DeeperBrainNetwork extends AbstractBlock {
    private final DeeperBrainConfig config;
    private final Parameter maskToken;
    private final PatchEncoder patchEmbedding;
    private final ChannelEncoding channelEncoding;
    private final TemporalEncoding temporalEncoding;
    private final TransformerStack encoder;
    private final Linear reconstructionHead;
    private final Linear statisticsHidden;
    private final Linear statisticsOut;

    public DeeperBrainNetwork(DeeperBrainConfig config) {
        this.config = config;
        int d = config.dModel();
        maskToken = addParameter(Parameter.builder().setName("mask_token")
                .setType(Parameter.Type.WEIGHT).optInitializer(new NormalInitializer(0.02f))
                .optShape(new Shape(d)).build());
        patchEmbedding = addChildBlock("patch_embedding", new PatchEncoder(config.patchLength(), d));
        channelEncoding = addChildBlock("channel_encoding", new ChannelEncoding(d, config.initialTau()));
        temporalEncoding = addChildBlock("temporal_encoding",
                new TemporalEncoding(config.oscillatoryBases(), config.exponentialBases(), d));
        encoder = addChildBlock("encoder", new TransformerStack(config.encoderLayer(), config.layers(), true));
        reconstructionHead = addChildBlock("reconstruction_head",
                Linear.builder().setUnits(config.patchLength()).build());
        statisticsHidden = addChildBlock("statistics_head.0", Linear.builder().setUnits(d).build());
        statisticsOut = addChildBlock("statistics_head.2",
                Linear.builder().setUnits(config.statisticsDim()).build());
    }

    public DeeperBrainConfig config() {
        return config;
    }

    /** Input shapes for {@link #initialize}: one sample of one channel and one patch. */
    public Shape[] inputShapes() {
        return new Shape[] {new Shape(1, 1, 1, config.patchLength()), new Shape(1, 1, 3),
                new Shape(1, 1), new Shape(1, 1, 1)};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape row = new Shape(1, 1, config.dModel());
        patchEmbedding.initialize(manager, dataType, new Shape(1, config.patchLength()));
        channelEncoding.initialize(manager, dataType, new Shape(1, 1, 3), new Shape(1, 1));
        temporalEncoding.initialize(manager, dataType, new Shape(1, 1, 1, config.patchLength()));
        encoder.initialize(manager, dataType, row);
        reconstructionHead.initialize(manager, dataType, row);
        statisticsHidden.initialize(manager, dataType, row);
        statisticsOut.initialize(manager, dataType, row);
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray hidden = hidden(store, inputs, training, params);
        return new NDList(reconstruct(store, hidden, training, params),
                statistics(store, hidden, training, params));
    }

    /** Encoder output after the final LayerNorm, [B, C, P, d]. */
    public NDArray hidden(ParameterStore store, NDList inputs, boolean training) {
        return hidden(store, inputs, training, null);
    }

    NDArray hidden(ParameterStore store, NDList inputs, boolean training,
                   PairList<String, Object> params) {
        if (inputs.size() < 4) {
            throw new IllegalArgumentException("DeeperBrain input is NDList(patches [B, C, P, L], "
                    + "positions [B, C, 3], known [B, C], mask [B, C, P]), got " + inputs.size()
                    + " arrays");
        }
        NDArray patches = inputs.get(0);
        Shape s = patches.getShape();
        if (s.dimension() != 4 || s.get(3) != config.patchLength()) {
            throw new IllegalArgumentException(
                    "patches must be [B, C, P, " + config.patchLength() + "], got " + s);
        }
        long b = s.get(0);
        long c = s.get(1);
        long p = s.get(2);
        long d = config.dModel();
        DataType type = patches.getDataType();
        NDArray positions = require(inputs.get(1), new Shape(b, c, 3), "positions", type);
        NDArray known = require(inputs.get(2), new Shape(b, c), "known", type);
        NDArray mask = require(inputs.get(3), new Shape(b, c, p), "mask", type);
        if (positions.isNaN().logicalOr(positions.isInfinite()).any().getBoolean()) {
            throw new IllegalArgumentException(
                    "positions must be finite (use 0 for channels whose position is unknown)");
        }

        NDArray content = patchEmbedding.forward(store, new NDList(patches), training, params).head();
        NDArray token = PassParameters.value(store, maskToken, patches, training);
        NDArray m = mask.expandDims(-1);
        // mul by (1 - m) zeroes masked content exactly, so the encoder never sees a masked patch.
        content = content.mul(m.neg().add(1)).add(token.mul(m));
        NDArray channel = channelEncoding.forward(store, new NDList(positions, known), training, params)
                .head().reshape(b, c, 1, d);
        NDArray time = temporalEncoding.encode(store, patches, p, training, params).reshape(1, 1, p, d);
        NDArray x = content.add(channel).add(time).reshape(b, c * p, d);
        if (training && config.dropout() > 0f) {
            x = Dropout.dropout(x, config.dropout(), true).head();
        }
        x = encoder.forward(store, new NDList(x), training, params).head();
        return x.reshape(b, c, p, d);
    }

    private static NDArray require(NDArray x, Shape shape, String name, DataType type) {
        if (!x.getShape().equals(shape)) {
            throw new IllegalArgumentException(name + " must be " + shape + ", got " + x.getShape());
        }
        return x.getDataType() == type ? x : x.toType(type, false);
    }

    /** The volume-conduction kernel W [B, C, C] for positions [B, C, 3] and known [B, C]. */
    public NDArray conductionWeights(ParameterStore store, NDArray positions, NDArray known) {
        return channelEncoding.weights(store, positions, known, false);
    }

    /** Predicted patches [B, C, P, L] from hidden states [B, C, P, d]. */
    NDArray reconstruct(ParameterStore store, NDArray hidden, boolean training,
                        PairList<String, Object> params) {
        return reconstructionHead.forward(store, new NDList(hidden), training, params).head();
    }

    /** Predicted neurodynamics statistics [B, D] from hidden states [B, C, P, d]. */
    NDArray statistics(ParameterStore store, NDArray hidden, boolean training,
                       PairList<String, Object> params) {
        Shape s = hidden.getShape();
        NDArray pooled = hidden.reshape(s.get(0), -1, s.get(3)).mean(new int[] {1});
        NDArray h = statisticsHidden.forward(store, new NDList(pooled), training, params).head();
        return statisticsOut.forward(store, new NDList(Activation.gelu(h)), training, params).head();
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape p = inputShapes[0];
        return new Shape[] {p, new Shape(p.get(0), config.statisticsDim())};
    }
}

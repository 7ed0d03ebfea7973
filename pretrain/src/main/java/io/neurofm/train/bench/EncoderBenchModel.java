package io.neurofm.train.bench;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import io.neurofm.family.Pretrainable;
import io.neurofm.nn.TransformerConfig;
import io.neurofm.nn.TransformerStack;

/**
 * The model {@code neurofm bench train} times, and the tests' small model: input
 * {@code Linear(features, d)}, a pre-LN {@link TransformerStack} (no final norm, like
 * {@code nn.TransformerEncoder(layer, N)}), output {@code Linear(d, features)}; the loss is the
 * mean squared error against the batch's target. A batch is {@code NDList(x, target)}, both
 * [B, T, features]. No dropout, so the objective uses no randomness.
 */
public final class EncoderBenchModel implements Pretrainable {
    private final int features;
    private final int sequence;
    private final Net net;

    public EncoderBenchModel(int features, int dModel, int layers, int heads, int ffDim, int sequence) {
        this.features = features;
        this.sequence = sequence;
        this.net = new Net(features, new TransformerConfig(dModel, heads, ffDim, 0f, false), layers);
    }

    @Override
    public String objectiveName() {
        return "mean squared error of a linear-encoder-linear regression";
    }

    @Override
    public Block block() {
        return net;
    }

    @Override
    public void initialize(NDManager manager) {
        net.initialize(manager, DataType.FLOAT32, new Shape(1, sequence, features));
    }

    @Override
    public NDArray loss(ParameterStore parameters, NDList batch, boolean training) {
        NDArray prediction = net.forward(parameters, new NDList(batch.get(0)), training).head();
        return prediction.sub(batch.get(1)).square().mean();
    }

    /** input -> encoder -> output, children named like the PyTorch reference script's attributes. */
    private static final class Net extends AbstractBlock {
        private final Linear input;
        private final TransformerStack encoder;
        private final Linear output;
        private final int dModel;

        Net(int features, TransformerConfig config, int layers) {
            this.dModel = config.dModel();
            input = addChildBlock("input", Linear.builder().setUnits(config.dModel()).build());
            encoder = addChildBlock("encoder", new TransformerStack(config, layers, false));
            output = addChildBlock("output", Linear.builder().setUnits(features).build());
        }

        @Override
        protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
            Shape in = inputShapes[0];
            Shape hidden = new Shape(in.get(0), in.get(1), dModel);
            input.initialize(manager, dataType, in);
            encoder.initialize(manager, dataType, hidden);
            output.initialize(manager, dataType, hidden);
        }

        @Override
        protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
                PairList<String, Object> params) {
            NDList h = input.forward(store, inputs, training, params);
            h = encoder.forward(store, h, training, params);
            return output.forward(store, h, training, params);
        }

        @Override
        public Shape[] getOutputShapes(Shape[] inputShapes) {
            Shape in = inputShapes[0];
            return new Shape[] {in};
        }
    }
}

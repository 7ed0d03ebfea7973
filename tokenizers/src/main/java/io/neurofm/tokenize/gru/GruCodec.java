package io.neurofm.tokenize.gru;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.nn.recurrent.GRU;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.XavierInitializer;
import ai.djl.util.PairList;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The tokenizer network on single-channel sequences (channels are folded into the batch):
 * GRU(1 -> H) -> Linear(H -> N) -> LayerNorm(N) gives token logits; the quantiser mixes
 * {@code T * softmax + (1 - T) * onehot(argmax)} (the one-hot term carries no gradient, so as
 * T falls to 0 the decoder learns the hard codes); the decoder is a 1-D convolution of N token
 * channels into one signal channel, i.e. one learned K-tap waveform per token plus a bias.
 *
 * <p>DJL's GRU runs PyTorch's own {@code at::gru} on this engine, so the recurrent weights keep
 * PyTorch's layout: rows in gate order (reset, update, new), separate input and hidden biases.
 * Input {@code [x (B, T, 1), temperature ()]}, output {@code [reconstruction (B, T), logits (B, T, N)]}.
 */
final class GruCodec extends AbstractBlock {
    private static final float LAYER_NORM_EPS = 1e-5f;
    private final int hidden;
    private final int vocabulary;
    private final int kernel;
    private final DecoderPadding padding;
    private final GRU gru;
    private final Linear linear;
    private final Parameter normWeight;
    private final Parameter normBias;
    private final Parameter decoderWeight;
    private final Parameter decoderBias;

    GruCodec(int hidden, int vocabulary, int kernel, DecoderPadding padding) {
        this.hidden = hidden;
        this.vocabulary = vocabulary;
        this.kernel = kernel;
        this.padding = padding;
        gru = addChildBlock("gru", GRU.builder().setStateSize(hidden).setNumLayers(1).optBatchFirst(true)
                .optReturnState(false).build());
        linear = addChildBlock("linear", Linear.builder().setUnits(vocabulary).build());
        normWeight = addParameter(Parameter.builder().setName("norm_weight").setType(Parameter.Type.GAMMA)
                .optShape(new Shape(vocabulary)).build());
        normBias = addParameter(Parameter.builder().setName("norm_bias").setType(Parameter.Type.BETA)
                .optShape(new Shape(vocabulary)).build());
        decoderWeight = addParameter(Parameter.builder().setName("decoder_weight").setType(Parameter.Type.WEIGHT)
                .optShape(new Shape(1, vocabulary, kernel)).build());
        decoderBias = addParameter(Parameter.builder().setName("decoder_bias").setType(Parameter.Type.BIAS)
                .optShape(new Shape(1)).build());
        setInitializer(new XavierInitializer(), Parameter.Type.WEIGHT);
    }

    static GruCodec of(GruConfig config) {
        return new GruCodec(config.hidden(), config.vocabulary(), config.kernel(), config.padding());
    }

    /** Initialises the parameters for batches of single-channel sequences. */
    GruCodec initialized(NDManager manager) {
        initialize(manager, DataType.FLOAT32, new Shape(1, kernel, 1), new Shape());
        return this;
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape x = inputShapes[0];
        gru.initialize(manager, dataType, x);
        linear.initialize(manager, dataType, new Shape(x.get(0), x.get(1), hidden));
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        NDArray logits = logits(store, inputs.get(0), training);
        NDArray temperature = inputs.get(1);
        NDArray hard = logits.argMax(-1).oneHot(vocabulary, DataType.FLOAT32);
        NDArray q = logits.softmax(-1).mul(temperature).add(hard.mul(temperature.neg().add(1f)));
        return new NDList(decode(store, q, training), logits);
    }

    /** Token logits (B, T, N) for x (B, T, 1). */
    NDArray logits(ParameterStore store, NDArray x, boolean training) {
        NDArray h = gru.forward(store, new NDList(x), training).head();
        NDArray z = linear.forward(store, new NDList(h), training).head();
        NDArray mean = z.mean(new int[] {-1}, true);
        NDArray centred = z.sub(mean);
        NDArray var = centred.square().mean(new int[] {-1}, true);
        NDArray gamma = store.getValue(normWeight, z.getDevice(), training);
        NDArray beta = store.getValue(normBias, z.getDevice(), training);
        return centred.div(var.add(LAYER_NORM_EPS).sqrt()).mul(gamma).add(beta);
    }

    /** Reconstruction (B, T) from token weights q (B, T, N). */
    NDArray decode(ParameterStore store, NDArray q, boolean training) {
        NDArray weight = store.getValue(decoderWeight, q.getDevice(), training);
        NDArray bias = store.getValue(decoderBias, q.getDevice(), training);
        NDArray channels = q.transpose(0, 2, 1);
        int left = padding.left(kernel);
        int right = padding.right(kernel);
        Shape s = channels.getShape();
        NDManager m = channels.getManager();
        NDArray padded = channels;
        if (left > 0) {
            padded = m.zeros(new Shape(s.get(0), s.get(1), left)).concat(padded, 2);
        }
        if (right > 0) {
            padded = padded.concat(m.zeros(new Shape(s.get(0), s.get(1), right)), 2);
        }
        NDArray out = padded.getNDArrayInternal().convolution(padded, weight, bias, new Shape(1), new Shape(0),
                new Shape(1), 1).head();
        return out.squeeze(1);
    }

    /** The learned arrays under PyTorch-style names, in a fixed order. */
    Map<String, Parameter> namedParameters() {
        Map<String, Parameter> named = new LinkedHashMap<>();
        named.put("gru.weight_ih_l0", gru.getParameters().get("l_0_i2h_WEIGHT"));
        named.put("gru.weight_hh_l0", gru.getParameters().get("l_0_h2h_WEIGHT"));
        named.put("gru.bias_ih_l0", gru.getParameters().get("l_0_i2h_BIAS"));
        named.put("gru.bias_hh_l0", gru.getParameters().get("l_0_h2h_BIAS"));
        named.put("linear.weight", linear.getParameters().get("weight"));
        named.put("linear.bias", linear.getParameters().get("bias"));
        named.put("norm.weight", normWeight);
        named.put("norm.bias", normBias);
        named.put("decoder.weight", decoderWeight);
        named.put("decoder.bias", decoderBias);
        return named;
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape x = inputShapes[0];
        return new Shape[] {new Shape(x.get(0), x.get(1)), new Shape(x.get(0), x.get(1), vocabulary)};
    }
}

package io.neurofm.family.meggpt;

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
import ai.djl.training.initializer.NormalInitializer;
import ai.djl.util.PairList;
import io.neurofm.nn.LayerNormalization;
import io.neurofm.nn.LearnedPositionEmbedding;
import io.neurofm.nn.PreLnTransformerLayer;
import java.util.ArrayList;
import java.util.List;

/**
 * The MEG-GPT style network. Input {@code NDList(tokens, channelIds, sessionIds)}: tokens
 * [B, C, T] integer ids, channelIds [B, C], sessionIds [B]. Output {@code NDList(logits)},
 * logits [B, C, T, V]; the logits at step t are the prediction for step t+1 of the same channel.
 *
 * <pre>
 * x[b,c,t] = token[tokens[b,c,t]] + position[t] + channel[channelIds[b,c]] + session[sessionIds[b]]
 * x -> [B*C, T, d]             every channel is its own causal sequence in time
 * for each time layer i = 1..L: x = causal PreLN layer over t
 *     if i % k == 0:           x -> [B*T, C, d], full PreLN layer over c, back to [B*C, T, d]
 * logits = head(norm(x))
 * </pre>
 *
 * Parameter names: {@code token_embedding.weight}, {@code position_embedding.weight},
 * {@code channel_embedding.weight}, {@code session_embedding.weight}, {@code layers.<i>.…},
 * {@code channel_layers.<j>.…}, {@code norm.…}, {@code head.weight}, {@code head.bias}.
 */
public final class MegGptNetwork extends AbstractBlock {
    private final MegGptConfig config;
    private final IdEmbedding tokenEmbedding;
    private final LearnedPositionEmbedding positionEmbedding;
    private final IdEmbedding channelEmbedding;
    private final IdEmbedding sessionEmbedding;
    private final List<PreLnTransformerLayer> layers = new ArrayList<>();
    private final List<PreLnTransformerLayer> channelLayers = new ArrayList<>();
    private final LayerNormalization norm;
    private final Linear head;

    public MegGptNetwork(MegGptConfig config) {
        this.config = config;
        int d = config.dModel();
        tokenEmbedding = addChildBlock("token_embedding",
                new IdEmbedding("token", config.vocabularySize(), d));
        positionEmbedding = addChildBlock("position_embedding",
                new LearnedPositionEmbedding(config.maxLength(), d));
        channelEmbedding = addChildBlock("channel_embedding",
                new IdEmbedding("channel", config.channelVocabulary(), d));
        sessionEmbedding = addChildBlock("session_embedding",
                new IdEmbedding("session", config.sessionVocabulary(), d));
        for (int i = 0; i < config.layers(); i++) {
            layers.add(addChildBlock("layers." + i, new PreLnTransformerLayer(config.timeLayer())));
        }
        for (int j = 0; j < config.channelLayers(); j++) {
            channelLayers.add(addChildBlock("channel_layers." + j,
                    new PreLnTransformerLayer(config.channelLayer())));
        }
        norm = addChildBlock("norm", new LayerNormalization(d));
        head = addChildBlock("head", Linear.builder().setUnits(config.vocabularySize()).build());
        // GPT-2's N(0, 0.02) (bias 0): small logits, so an untrained model starts near chance
        // (ln V) instead of confidently wrong, as DJL's default Xavier head would make it.
        head.setInitializer(new NormalInitializer(0.02f), Parameter.Type.WEIGHT);
    }

    public MegGptConfig config() {
        return config;
    }

    /** Input shapes for {@link #initialize}: one window of the full length. */
    public Shape[] inputShapes(int batch, int channels) {
        return new Shape[] {new Shape(batch, channels, config.maxLength()),
                new Shape(batch, channels), new Shape(batch)};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        // Parameter shapes depend only on the config, so one [1, 1, d] row initialises every block.
        Shape row = new Shape(1, 1, config.dModel());
        tokenEmbedding.initialize(manager, dataType, new Shape(1));
        positionEmbedding.initialize(manager, dataType, row);
        channelEmbedding.initialize(manager, dataType, new Shape(1));
        sessionEmbedding.initialize(manager, dataType, new Shape(1));
        for (PreLnTransformerLayer layer : layers) {
            layer.initialize(manager, dataType, row);
        }
        for (PreLnTransformerLayer layer : channelLayers) {
            layer.initialize(manager, dataType, row);
        }
        norm.initialize(manager, dataType, row);
        head.initialize(manager, dataType, row);
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray hidden = hidden(store, inputs, training, params);
        Shape s = hidden.getShape();
        NDArray logits = head.forward(store, new NDList(hidden), training, params).head();
        return new NDList(logits.reshape(s.get(0), s.get(1), s.get(2), config.vocabularySize()));
    }

    /** The final hidden states (after the final LayerNorm), [B, C, T, d]. */
    public NDArray hidden(ParameterStore store, NDList inputs, boolean training) {
        return hidden(store, inputs, training, null);
    }

    private NDArray hidden(ParameterStore store, NDList inputs, boolean training,
                           PairList<String, Object> params) {
        if (inputs.size() != 3) {
            throw new IllegalArgumentException(
                    "MEG-GPT input is NDList(tokens [B, C, T], channelIds [B, C], sessionIds [B]), got "
                            + inputs.size() + " arrays");
        }
        NDArray tokens = inputs.get(0);
        NDArray channelIds = inputs.get(1);
        NDArray sessionIds = inputs.get(2);
        Shape ts = tokens.getShape();
        if (ts.dimension() != 3) {
            throw new IllegalArgumentException("tokens must be [B, C, T], got " + ts);
        }
        long b = ts.get(0);
        long c = ts.get(1);
        long t = ts.get(2);
        if (!channelIds.getShape().equals(new Shape(b, c))) {
            throw new IllegalArgumentException(
                    "channelIds must be [" + b + ", " + c + "], got " + channelIds.getShape());
        }
        if (!sessionIds.getShape().equals(new Shape(b))) {
            throw new IllegalArgumentException(
                    "sessionIds must be [" + b + "], got " + sessionIds.getShape());
        }
        if (t > config.maxLength()) {
            throw new IllegalArgumentException(
                    t + " steps exceed the model's maximum length " + config.maxLength());
        }
        long d = config.dModel();
        NDArray x = tokenEmbedding.forward(store, new NDList(tokens), training, params).head();
        NDArray channel = channelEmbedding.forward(store, new NDList(channelIds), training, params)
                .head().reshape(b, c, 1, d);
        NDArray session = sessionEmbedding.forward(store, new NDList(sessionIds), training, params)
                .head().reshape(b, 1, 1, d);
        x = x.add(channel).add(session).reshape(b * c, t, d);
        x = positionEmbedding.forward(store, new NDList(x), training, params).head();
        if (training && config.dropout() > 0f) {
            x = Dropout.dropout(x, config.dropout(), true).head();
        }

        int every = config.channelAttentionEvery();
        int next = 0;
        for (int i = 0; i < layers.size(); i++) {
            x = layers.get(i).forward(store, new NDList(x), training, params).head();
            if (every > 0 && (i + 1) % every == 0) {
                x = acrossChannels(channelLayers.get(next++), store, x, b, c, t, training, params);
            }
        }
        x = norm.forward(store, new NDList(x), training, params).head();
        return x.reshape(b, c, t, d);
    }

    /** One layer attending across the channels of each time step: [B*C, T, d] in and out. */
    private NDArray acrossChannels(PreLnTransformerLayer layer, ParameterStore store, NDArray x,
                                   long b, long c, long t, boolean training,
                                   PairList<String, Object> params) {
        long d = config.dModel();
        NDArray perStep = x.reshape(b, c, t, d).transpose(0, 2, 1, 3).reshape(b * t, c, d);
        NDArray mixed = layer.forward(store, new NDList(perStep), training, params).head();
        return mixed.reshape(b, t, c, d).transpose(0, 2, 1, 3).reshape(b * c, t, d);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0].add(config.vocabularySize())};
    }
}

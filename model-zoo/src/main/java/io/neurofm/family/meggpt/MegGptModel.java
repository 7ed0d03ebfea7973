package io.neurofm.family.meggpt;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import io.neurofm.family.Pretrainable;

/**
 * MEG-GPT as a {@link Pretrainable}: batch {@code NDList(tokens [B, C, T], channelIds [B, C],
 * sessionIds [B])}, loss {@link NextTokenLoss#lastSteps} over the config's last K steps.
 */
public final class MegGptModel implements Pretrainable {
    private final MegGptConfig config;
    private final MegGptNetwork network;

    public MegGptModel(MegGptConfig config) {
        this.config = config;
        this.network = new MegGptNetwork(config);
    }

    public MegGptConfig config() {
        return config;
    }

    public MegGptNetwork network() {
        return network;
    }

    @Override
    public String objectiveName() {
        return "next-token cross-entropy on the last " + config.lossSteps() + " steps";
    }

    @Override
    public Block block() {
        return network;
    }

    @Override
    public void initialize(NDManager manager) {
        network.initialize(manager, DataType.FLOAT32, network.inputShapes(1, 1));
    }

    /** Logits [B, C, T, V]; the logits at step t predict step t+1. */
    public NDArray logits(ParameterStore parameters, NDList batch, boolean training) {
        return network.forward(parameters, batch, training).head();
    }

    @Override
    public NDArray loss(ParameterStore parameters, NDList batch, boolean training) {
        NDArray logits = logits(parameters, batch, training);
        return NextTokenLoss.lastSteps(logits, batch.get(0), config.lossSteps());
    }

    /**
     * The final hidden state of every time step averaged over channels, [B, T, d] (inference
     * mode): the sequence MEG-GPT's temporal probe reads.
     */
    public NDArray sequence(ParameterStore parameters, NDList batch) {
        return network.hidden(parameters, batch, false).mean(new int[] {1});
    }

    /** Per-channel and pooled representations of a batch (inference mode: no dropout). */
    public MegGptEmbeddings embed(ParameterStore parameters, NDList batch, Pooling pooling) {
        NDArray hidden = network.hidden(parameters, batch, false);
        NDArray perChannel = switch (pooling) {
            case MEAN -> hidden.mean(new int[] {2});
            case LAST -> hidden.get(new NDIndex(":, :, -1, :"));
        };
        return new MegGptEmbeddings(perChannel, perChannel.mean(new int[] {1}));
    }
}

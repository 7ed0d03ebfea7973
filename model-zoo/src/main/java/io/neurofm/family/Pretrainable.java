package io.neurofm.family;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;

/**
 * What the training loop needs from a model: the network whose parameters it updates and the
 * scalar loss of a batch. Each family (MEG-GPT, DeeperBrain, BrainHarmonix) and each benchmark
 * model implements it; the loop (module pretrain) knows nothing else about them.
 */
public interface Pretrainable {
    /** Human-readable objective, e.g. "next-token cross-entropy on the last 64 steps". */
    String objectiveName();

    /** The network; its parameters are what the optimizer updates and checkpoints save. */
    Block block();

    /** Initialises the block's parameters on {@code manager}'s device (shapes are the model's own). */
    void initialize(NDManager manager);

    /**
     * The mean loss of one batch as a scalar array. Called inside the caller's GradientCollector
     * when training; must not start one itself.
     *
     * @param training true for a training step (dropout, masking randomness on)
     */
    NDArray loss(ParameterStore parameters, NDList batch, boolean training);
}

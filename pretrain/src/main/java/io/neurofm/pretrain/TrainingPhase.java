package io.neurofm.pretrain;

import ai.djl.nn.Block;
import io.neurofm.family.Pretrainable;
import io.neurofm.train.TrainingData;

/**
 * One run of the training loop inside a job. Single-phase families train in the run folder itself;
 * BrainHarmonix trains its stages one after the other, each in its own sub-folder with its own
 * metrics and checkpoints.
 *
 * @param name        short name for logs and the model card ("fmri_jepa")
 * @param folder      sub-folder of the run folder; "" for the run folder itself
 * @param model       what the loop optimises
 * @param train       training samples
 * @param validation  validation samples
 * @param steps       global steps of this phase
 * @param checkpoint  the block checkpoints save and a resume (or a later phase) loads: the whole
 *                    network when state outside {@code model.block()} must survive
 * @param afterUpdate runs after every optimizer update (e.g. the EMA target update); never null
 */
record TrainingPhase(String name, String folder, Pretrainable model, TrainingData train, TrainingData validation,
        long steps, Block checkpoint, Runnable afterUpdate) {
    static TrainingPhase single(Pretrainable model, TrainingData train, TrainingData validation, long steps) {
        return new TrainingPhase("pretraining", "", model, train, validation, steps, model.block(), () -> { });
    }

    /** The result of a finished phase: its final training loss and last validation loss. */
    record Result(TrainingPhase phase, double trainLoss, double validationLoss) {}
}

package io.neurofm.train;

/**
 * The JSON part of a checkpoint ({@code state.json}): where the run is and what it must match to
 * be resumed. Random state is not stored because there is none to store: every stream is derived
 * from (seed, step) or (seed, epoch) (see {@link Seeds}).
 *
 * @param format layout version of the checkpoint directory
 * @param step global steps done (the next step to run)
 * @param seed the run seed
 * @param globalBatch samples per step
 * @param microBatch samples per forward pass
 * @param accumulation micro-batches per step
 * @param replicas data-parallel replicas
 * @param dataSize training-set size the data order was drawn for
 * @param dataEpoch epoch of the next step
 * @param dataPosition offset of the next step's first sample in that epoch's permutation
 * @param schedule the learning-rate schedule
 * @param nextLr the rate the next step will use (informative; recomputed from the schedule)
 * @param optimizerStep AdamW's update count (equals {@code step})
 * @param elapsedSeconds training wall time summed over the run's processes
 * @param lastLoss the last step's mean loss
 */
public record TrainingState(int format, long step, long seed, int globalBatch, int microBatch,
        int accumulation, int replicas, int dataSize, long dataEpoch, int dataPosition,
        LearningRateSchedule schedule, double nextLr, long optimizerStep, double elapsedSeconds,
        double lastLoss) {

    public static final int FORMAT = 1;
}

package io.neurofm.train;

/**
 * A training job's settings. The global batch of one step is
 * {@code microBatch * accumulation * replicas} samples.
 *
 * @param seed seeds the initial weights, the data order and libtorch's generator at every step
 * @param steps total global steps (optimizer updates)
 * @param microBatch samples per forward pass on one replica
 * @param accumulation micro-batches whose gradients are averaged into one update
 * @param schedule learning rate as a function of the step
 * @param adamw optimizer settings
 * @param decay which parameters are decayed
 * @param maxGradNorm global-norm clipping threshold; 0 turns clipping off
 * @param logEvery steps between metric lines (the last step is always logged)
 * @param validateEvery steps between validation passes; 0 for none (besides the end, when a
 *     validation set is given)
 * @param checkpointEvery steps between checkpoints; 0 for the final one only
 * @param keepCheckpoints how many of the newest checkpoints are kept
 * @param progress whether a progress line is drawn on stderr
 */
public record TrainingConfig(long seed, long steps, int microBatch, int accumulation,
        LearningRateSchedule schedule, AdamWConfig adamw, DecayRule decay, double maxGradNorm,
        int logEvery, int validateEvery, int checkpointEvery, int keepCheckpoints, boolean progress) {

    public TrainingConfig {
        if (steps <= 0 || microBatch <= 0 || accumulation <= 0 || logEvery <= 0) {
            throw new IllegalArgumentException("steps, microBatch, accumulation and logEvery must be positive");
        }
        if (validateEvery < 0 || checkpointEvery < 0 || keepCheckpoints <= 0 || maxGradNorm < 0) {
            throw new IllegalArgumentException("validateEvery and checkpointEvery must be >= 0, "
                    + "keepCheckpoints > 0, maxGradNorm >= 0");
        }
    }

    /** A configuration with AdamW defaults, clipping at 1.0, logging every step, no validation, no checkpoints but the last. */
    public static TrainingConfig of(long seed, long steps, int microBatch, LearningRateSchedule schedule) {
        return new TrainingConfig(seed, steps, microBatch, 1, schedule, AdamWConfig.DEFAULT, DecayRule.DEFAULT,
                1.0, 1, 0, 0, 3, false);
    }

    public TrainingConfig withAccumulation(int k) {
        return new TrainingConfig(seed, steps, microBatch, k, schedule, adamw, decay, maxGradNorm, logEvery,
                validateEvery, checkpointEvery, keepCheckpoints, progress);
    }

    public TrainingConfig withCheckpoints(int every, int keep) {
        return new TrainingConfig(seed, steps, microBatch, accumulation, schedule, adamw, decay, maxGradNorm,
                logEvery, validateEvery, every, keep, progress);
    }

    public TrainingConfig withValidation(int every) {
        return new TrainingConfig(seed, steps, microBatch, accumulation, schedule, adamw, decay, maxGradNorm,
                logEvery, every, checkpointEvery, keepCheckpoints, progress);
    }

    public TrainingConfig withMaxGradNorm(double max) {
        return new TrainingConfig(seed, steps, microBatch, accumulation, schedule, adamw, decay, max, logEvery,
                validateEvery, checkpointEvery, keepCheckpoints, progress);
    }

    public TrainingConfig withProgress(boolean on) {
        return new TrainingConfig(seed, steps, microBatch, accumulation, schedule, adamw, decay, maxGradNorm,
                logEvery, validateEvery, checkpointEvery, keepCheckpoints, on);
    }
}

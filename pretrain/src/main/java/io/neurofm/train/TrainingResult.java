package io.neurofm.train;

import java.nio.file.Path;
import java.util.List;

/**
 * What a finished {@link Trainer} run reports.
 *
 * @param steps global steps done in total (including those before a resume)
 * @param losses the mean loss of every step this process ran, in order
 * @param lastValidationLoss the last validation loss, NaN when none was computed
 * @param lastCheckpoint the final checkpoint directory
 */
public record TrainingResult(long steps, List<Double> losses, double lastValidationLoss, Path lastCheckpoint) {}

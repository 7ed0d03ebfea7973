package io.neurofm.tokenize.gru;

/**
 * One training step of {@link GruTokenizer#fit}, reported to the caller's progress callback.
 *
 * @param step           1-based step just taken
 * @param plannedSteps   the step budget ({@link GruConfig#steps()})
 * @param fraction       how far the run is, 0..1: the larger of the step and time fractions; the
 *                       temperature anneals along it and training stops at 1
 * @param temperature    the quantisation temperature used for this step
 * @param loss           this batch's mean squared reconstruction error (z-scored units)
 * @param skippedSteps   batches so far whose loss or gradient was not finite and were not applied
 * @param elapsedSeconds wall time since this run began
 * @param restart        1-based index of the run among {@link GruConfig#restarts()}
 * @param restarts       runs in the fit
 */
public record FitProgress(int step, int plannedSteps, double fraction, double temperature, double loss, int skippedSteps,
                          double elapsedSeconds, int restart, int restarts) {
    FitProgress inRun(int newRestart, int newRestarts) {
        return new FitProgress(step, plannedSteps, fraction, temperature, loss, skippedSteps, elapsedSeconds,
                newRestart, newRestarts);
    }
}

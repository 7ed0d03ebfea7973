package io.neurofm.train;

/**
 * Linear warmup then cosine decay to a final value: a pure function of the global step, so a
 * resumed run needs nothing but the step to be at the same place in the schedule.
 *
 * <p>{@code valueAt(s)} is the rate used by update number {@code s} (0-based). Warmup ramps
 * {@code peak * (s + 1) / warmupSteps} for {@code s < warmupSteps}, so the first update is not
 * wasted at rate 0 and update {@code warmupSteps - 1} uses the peak. Then
 * {@code finalValue + (peak - finalValue) * (1 + cos(pi * p)) / 2} with
 * {@code p = (s - warmupSteps) / (totalSteps - warmupSteps)}, reaching {@code finalValue} at
 * {@code s = totalSteps} and staying there afterwards.
 */
public record LearningRateSchedule(double peak, long warmupSteps, long totalSteps, double finalValue) {

    public LearningRateSchedule {
        if (!(peak > 0) || !Double.isFinite(peak)) {
            throw new IllegalArgumentException("peak learning rate must be positive and finite, got " + peak);
        }
        if (!(finalValue >= 0 && finalValue <= peak)) {
            throw new IllegalArgumentException("final learning rate must be in [0, peak=" + peak + "], got " + finalValue);
        }
        if (warmupSteps < 0 || totalSteps <= 0 || warmupSteps > totalSteps) {
            throw new IllegalArgumentException("need 0 <= warmupSteps <= totalSteps and totalSteps > 0, got warmup "
                    + warmupSteps + ", total " + totalSteps);
        }
    }

    /** A constant rate (no warmup, no decay). */
    public static LearningRateSchedule constant(double value) {
        return new LearningRateSchedule(value, 0, 1, value);
    }

    public double valueAt(long step) {
        if (step < 0) {
            throw new IllegalArgumentException("step must be >= 0, got " + step);
        }
        if (step < warmupSteps) {
            return peak * (step + 1) / warmupSteps;
        }
        if (step >= totalSteps) {
            return finalValue;
        }
        double progress = (double) (step - warmupSteps) / (totalSteps - warmupSteps);
        return finalValue + (peak - finalValue) * 0.5 * (1 + Math.cos(Math.PI * progress));
    }
}

package io.neurofm.train;

/**
 * The loss or the gradient norm of a step was NaN or infinite. The step's update was not applied
 * and nothing was checkpointed for it; the last checkpoint is the place to resume from (with a
 * lower rate or other data).
 */
public final class TrainingDivergedException extends Exception {
    private static final long serialVersionUID = 1L;
    private final long step;
    private final double loss;
    private final double gradNorm;

    public TrainingDivergedException(long step, double loss, double gradNorm) {
        super("training diverged at step " + step + " (0-based global step): loss " + loss
                + ", gradient norm " + gradNorm + "; the update was not applied");
        this.step = step;
        this.loss = loss;
        this.gradNorm = gradNorm;
    }

    /** The 0-based global step whose loss or gradient was not finite. */
    public long step() {
        return step;
    }

    public double loss() {
        return loss;
    }

    public double gradNorm() {
        return gradNorm;
    }
}

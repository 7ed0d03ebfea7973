package io.neurofm.tokenize.gru;

/** A training run gave non-finite losses or gradients in more than a tenth of its batches. */
public final class TrainingDivergedException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    TrainingDivergedException(String message) {
        super(message);
    }
}

package io.neurofm.probe;

/**
 * A classifier trained on frozen features (embeddings or hand-made features): the model that
 * produced the features is never touched. Implementations are deterministic given their inputs.
 */
public interface Probe {
    /** A short name for reports, e.g. "logreg-cv". */
    String name();

    /**
     * Fits on {@code x} ([sample][feature]) with labels 0..classes-1. Anything learnt from data
     * (standardisation, hyper-parameters chosen by inner cross-validation) is learnt from these
     * samples only, so a test fold never informs its own model.
     */
    FittedProbe fit(double[][] x, int[] y, int classes);
}

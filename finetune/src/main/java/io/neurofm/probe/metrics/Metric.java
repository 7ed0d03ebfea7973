package io.neurofm.probe.metrics;

/** The reported metrics; each is computed from true labels, hard predictions and class probabilities. */
public enum Metric {
    BALANCED_ACCURACY("balanced_accuracy"),
    COHEN_KAPPA("cohen_kappa"),
    WEIGHTED_F1("weighted_f1"),
    AUROC("auroc"),
    AUPRC("auprc"),
    ACCURACY("accuracy");

    private final String key;

    Metric(String key) {
        this.key = key;
    }

    /** The snake_case name used in reports. */
    public String key() {
        return key;
    }

    /** Whether the metric needs more than one true class to be defined (AUROC). */
    public boolean needsTwoTrueClasses() {
        return this == AUROC;
    }

    public double compute(Predictions p) {
        return switch (this) {
            case BALANCED_ACCURACY -> LabelMetrics.balancedAccuracy(p.yTrue(), p.yPred(), p.classes());
            case COHEN_KAPPA -> LabelMetrics.cohenKappa(p.yTrue(), p.yPred(), p.classes());
            case WEIGHTED_F1 -> LabelMetrics.weightedF1(p.yTrue(), p.yPred(), p.classes());
            case AUROC -> ScoreMetrics.auroc(p.yTrue(), p.probabilities());
            case AUPRC -> ScoreMetrics.averagePrecision(p.yTrue(), p.probabilities());
            case ACCURACY -> LabelMetrics.accuracy(p.yTrue(), p.yPred(), p.classes());
        };
    }
}

"""Golden values for io.neurofm.probe.metrics from scikit-learn 1.2 (Debian's python3-sklearn).

Run: /usr/bin/python3 tools/golden/make_metrics_golden.py
Writes finetune/src/test/resources/golden/metrics.json: fixed cases (binary and multiclass, tied
scores, class imbalance, a class never predicted, a class only predicted), each with labels,
predictions, class probabilities and sklearn's balanced accuracy, Cohen's kappa, weighted F1,
accuracy, confusion matrix, AUROC (binary, or multi_class='ovr' macro) and average precision
(binary, or macro over label_binarize).
"""
import os
import warnings
import numpy as np
import sklearn
from sklearn import metrics
from sklearn.preprocessing import label_binarize

import golden_common

golden_common.OUT = os.path.join(golden_common.ROOT, "finetune", "src", "test", "resources", "golden")
warnings.simplefilter("ignore")


def grid_probabilities(rng, n, k, steps):
    """Rows of k probabilities on a 1/steps grid (so many scores tie), summing to one."""
    rows = []
    for _ in range(n):
        cuts = np.sort(rng.integers(0, steps + 1, k - 1))
        parts = np.diff(np.r_[0, cuts, steps])
        rows.append(parts / steps)
    return np.array(rows)


def predictions_from(p, rng, noise):
    """Hard predictions: argmax of the probabilities, a fraction replaced at random."""
    pred = p.argmax(axis=1)
    flip = rng.random(len(pred)) < noise
    pred[flip] = rng.integers(0, p.shape[1], flip.sum())
    return pred


def case(name, y, pred, proba):
    k = proba.shape[1]
    y = np.asarray(y)
    pred = np.asarray(pred)
    labels = list(range(k))
    if k == 2:
        auroc = metrics.roc_auc_score(y, proba[:, 1])
        auprc = metrics.average_precision_score(y, proba[:, 1])
    else:
        auroc = metrics.roc_auc_score(y, proba, multi_class="ovr", average="macro", labels=labels)
        auprc = metrics.average_precision_score(label_binarize(y, classes=labels), proba, average="macro")
    return {
        "name": name,
        "classes": k,
        "y_true": y.tolist(),
        "y_pred": pred.tolist(),
        "proba": proba.tolist(),
        "balanced_accuracy": metrics.balanced_accuracy_score(y, pred),
        "cohen_kappa": metrics.cohen_kappa_score(y, pred),
        "weighted_f1": metrics.f1_score(y, pred, average="weighted"),
        "accuracy": metrics.accuracy_score(y, pred),
        "confusion": metrics.confusion_matrix(y, pred, labels=labels).tolist(),
        "auroc": auroc,
        "auprc": auprc,
    }


def main():
    rng = np.random.default_rng(20260501)
    cases = []

    # hand-sized binary case with ties between a positive and a negative
    y = np.array([0, 0, 1, 1, 0, 1, 0, 1])
    s = np.array([0.1, 0.4, 0.35, 0.8, 0.4, 0.4, 0.2, 0.9])
    proba = np.c_[1 - s, s]
    cases.append(case("binary_small_ties", y, (s >= 0.5).astype(int), proba))

    # balanced binary, scores on a coarse grid (heavy ties)
    n = 120
    y = rng.integers(0, 2, n)
    s = np.clip(np.round((0.35 * y + 0.35 + rng.normal(0, 0.25, n)) * 10) / 10, 0, 1)
    cases.append(case("binary_balanced_grid_ties", y, predictions_from(np.c_[1 - s, s], rng, 0.1), np.c_[1 - s, s]))

    # imbalanced binary (about 8 % positives), continuous scores
    n = 200
    y = (rng.random(n) < 0.08).astype(int)
    s = 1 / (1 + np.exp(-(1.5 * y - 1 + rng.normal(0, 1, n))))
    cases.append(case("binary_imbalanced", y, (s > 0.5).astype(int), np.c_[1 - s, s]))

    # three classes, probabilities on a 1/10 grid (ties within each one-vs-rest column)
    n = 90
    y = rng.integers(0, 3, n)
    p = grid_probabilities(rng, n, 3, 10)
    for i in np.flatnonzero(rng.random(n) < 0.6):  # move the largest probability onto the true class
        j = p[i].argmax()
        p[i, [j, y[i]]] = p[i, [y[i], j]]
    cases.append(case("multiclass3_grid_ties", y, predictions_from(p, rng, 0.3), p))

    # four imbalanced classes, softmax probabilities correlated with the truth, class 3 never predicted
    n = 150
    y = rng.choice(4, n, p=[0.5, 0.3, 0.15, 0.05])
    logits = rng.normal(0, 1, (n, 4))
    logits[np.arange(n), y] += 1.2
    p = np.exp(logits) / np.exp(logits).sum(axis=1, keepdims=True)
    pred = p[:, :3].argmax(axis=1)
    cases.append(case("multiclass4_imbalanced_unpredicted", y, pred, p))

    # three classes where class 2 is predicted but never true (sklearn's balanced accuracy skips it)
    y = np.array([0, 0, 0, 1, 1, 1, 0, 1, 2, 0, 1, 2])
    pred = np.array([0, 2, 0, 1, 2, 1, 1, 1, 2, 0, 0, 1])
    p = np.full((len(y), 3), 0.2)
    p[np.arange(len(y)), pred] = 0.6
    cases.append(case("multiclass3_small", y, pred, p))
    golden_common.write("metrics", {"sklearn": sklearn.__version__, "cases": cases})


if __name__ == "__main__":
    main()

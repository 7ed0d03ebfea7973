"""Golden values for io.neurofm.probe's probes and splits from scikit-learn 1.2 (Debian's python3-sklearn).

Run: /usr/bin/python3 tools/golden/make_probe_golden.py
Writes finetune/src/test/resources/golden/probe.json:
- logistic: StandardScaler + LogisticRegression(C, multi_class='multinomial', solver='lbfgs'), solved
  to tol 1e-12 so the reference is the optimum itself, on a fixed 3-class and a fixed 2-class data set;
  class probabilities of held-out samples for several C.
- lda: LinearDiscriminantAnalysis(solver='lsqr', shrinkage=None / 'auto') probabilities.
- stratified_kfold: StratifiedKFold(n_splits, shuffle=False) test folds of a fixed imbalanced,
  unordered label vector.
- group_kfold: GroupKFold test folds for groups of distinct sizes (sklearn's order is only defined then).
"""
import os
import numpy as np
import sklearn
from sklearn.datasets import make_classification
from sklearn.discriminant_analysis import LinearDiscriminantAnalysis
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GroupKFold, StratifiedKFold
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

import golden_common

golden_common.OUT = os.path.join(golden_common.ROOT, "finetune", "src", "test", "resources", "golden")


def dataset(classes, seed):
    x, y = make_classification(n_samples=120, n_features=6, n_informative=4, n_redundant=0,
                               n_classes=classes, n_clusters_per_class=1, class_sep=1.0, random_state=seed)
    # features on very different scales, so standardisation inside the probe matters
    x = x * np.array([1.0, 10.0, 0.1, 1000.0, 1.0, 3.0]) + np.array([0, 5, -2, 100, 0, 0])
    return x[:90], y[:90], x[90:], y[90:]


def main():
    logistic = []
    lda = []
    for classes, seed in [(3, 7), (2, 11)]:
        xtr, ytr, xte, yte = dataset(classes, seed)
        for c in [0.01, 1.0, 100.0]:
            model = make_pipeline(StandardScaler(), LogisticRegression(
                C=c, multi_class="multinomial", solver="lbfgs", tol=1e-12, max_iter=100000))
            model.fit(xtr, ytr)
            logistic.append({"classes": classes, "C": c, "x_train": xtr.tolist(), "y_train": ytr.tolist(),
                             "x_test": xte.tolist(), "proba": model.predict_proba(xte).tolist()})
        for shrinkage in [None, "auto"]:
            model = LinearDiscriminantAnalysis(solver="lsqr", shrinkage=shrinkage).fit(xtr, ytr)
            lda.append({"classes": classes, "shrinkage": shrinkage is not None, "x_train": xtr.tolist(),
                        "y_train": ytr.tolist(), "x_test": xte.tolist(), "proba": model.predict_proba(xte).tolist()})

    rng = np.random.default_rng(4)
    y = rng.choice([2, 0, 1], 37, p=[0.5, 0.35, 0.15])
    skf = [{"folds": k, "y": y.tolist(),
            "test": [test.tolist() for _, test in StratifiedKFold(n_splits=k).split(np.zeros(len(y)), y)]}
           for k in (3, 5)]

    sizes = {"s01": 9, "s02": 4, "s03": 7, "s04": 2, "s05": 6, "s06": 3}
    groups = [g for g, n in sizes.items() for _ in range(n)]
    groups = list(np.array(groups)[rng.permutation(len(groups))])
    gkf = [{"folds": k, "groups": groups,
            "test": [test.tolist() for _, test in GroupKFold(n_splits=k).split(np.zeros(len(groups)), groups=groups)]}
           for k in (2, 3)]

    golden_common.write("probe", {"sklearn": sklearn.__version__, "logistic": logistic, "lda": lda,
                                  "stratified_kfold": skf, "group_kfold": gkf})


if __name__ == "__main__":
    main()

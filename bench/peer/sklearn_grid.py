"""The IBM capstone's GridSearchCV, run by scikit-learn on the rows and folds the site uses.

Reads a JSON problem (written by bench/peer.ts from the site's own capstone replica) on stdin and
prints one JSON result line: per family the wall time, best parameters, mean CV accuracy and test
accuracy. Only the benchmark runs this; the product never needs Python.
"""
import json
import sys
import time
import warnings

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GridSearchCV, PredefinedSplit
from sklearn.neighbors import KNeighborsClassifier
from sklearn.svm import SVC
from sklearn.tree import DecisionTreeClassifier

warnings.filterwarnings("ignore")  # 'auto' max_features and lbfgs notices, as in the course notebooks

problem = json.load(sys.stdin)
X = np.asarray(problem["X"], dtype=np.float64).reshape(-1, problem["d"])
y = np.asarray(problem["y"], dtype=np.int64)
train = np.asarray(problem["train"])
test = np.asarray(problem["test"])
folds = PredefinedSplit(np.asarray(problem["folds"]))

# The grids as the capstone notebook writes them (its SVM list names 'rbf' twice).
grids = {
    "logreg": (LogisticRegression(), {"C": [0.01, 0.1, 1], "penalty": ["l2"], "solver": ["lbfgs"]}),
    "svm": (SVC(), {"kernel": ("linear", "rbf", "poly", "rbf", "sigmoid"), "C": np.logspace(-3, 3, 5), "gamma": np.logspace(-3, 3, 5)}),
    "tree": (
        DecisionTreeClassifier(),
        {
            "criterion": ["gini", "entropy"],
            "splitter": ["best", "random"],
            "max_depth": [2 * n for n in range(1, 10)],
            "max_features": ["auto", "sqrt"],
            "min_samples_leaf": [1, 2, 4],
            "min_samples_split": [2, 5, 10],
        },
    ),
    "knn": (KNeighborsClassifier(), {"n_neighbors": list(range(1, 11)), "algorithm": ["auto", "ball_tree", "kd_tree", "brute"], "p": [1, 2]}),
}

results = []
started = time.perf_counter()
for family in problem["families"]:
    estimator, grid = grids[family]
    t0 = time.perf_counter()
    search = GridSearchCV(estimator, grid, cv=folds, n_jobs=problem.get("n_jobs"))
    search.fit(X[train], y[train])
    seconds = time.perf_counter() - t0
    results.append(
        {
            "family": family,
            "seconds": seconds,
            "combinations": len(search.cv_results_["params"]),
            "best_params": {k: (v if isinstance(v, (str, int, float)) else float(v)) for k, v in search.best_params_.items()},
            "cv_accuracy": float(search.best_score_),
            "test_accuracy": float(search.score(X[test], y[test])),
        }
    )
import sklearn

print(json.dumps({"sklearn": sklearn.__version__, "seconds": time.perf_counter() - started, "families": results}))

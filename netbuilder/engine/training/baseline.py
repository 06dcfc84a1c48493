"""The figure a model has to beat: a prediction that looks at the training targets only.

A test RMSE of 53 means little on its own; beside "predicting the training mean scores 77" it
says the network learned something. Regression compares against the training split's mean
(per output), classification against its majority class (ties: the lowest class index). The
baseline is fitted on the training split only, like the model, and scored on the split the
model's figure comes from (test, or validation when there is no test split). Numpy only: the
targets are small host arrays, and the numbers must agree with ``metrics.regression_values``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np

from netbuilder.model.i18n import translate

if TYPE_CHECKING:  # the window imports ``describe`` before any data module
    from netbuilder.engine.data.datasets import Dataset

MEAN = "mean"
MAJORITY = "majority class"


def baseline(dataset: Dataset, task: str, split: str | None = None) -> dict[str, Any] | None:
    """JSON-ready baseline for ``task`` on ``split`` (None: test, else validation), or None
    when the training split or the scored split is empty."""
    if split is None:
        split = "test" if len(dataset.split("test")[1]) else "val"
    y_train = np.asarray(dataset.split("train")[1])
    y = np.asarray(dataset.split(split)[1])
    if len(y_train) == 0 or len(y) == 0:
        return None
    if task == "regression":
        return {"kind": MEAN, "split": split, **mean_baseline(y_train, y)}
    out = {"kind": MAJORITY, "split": split, **majority_baseline(y_train, y)}
    names = dataset.info.class_names
    if 0 <= out["class"] < len(names):
        out["class_name"] = str(names[out["class"]])
    return out


def mean_baseline(y_train: np.ndarray, y: np.ndarray) -> dict[str, Any]:
    """The training mean (per output) and its RMSE, MAE, MSE and R2 on ``y``; R2 averaged over
    outputs with scikit-learn's ``force_finite`` rule, as ``metrics.regression_values``."""
    train = y_train.astype(np.float64).reshape(len(y_train), -1)
    true = y.astype(np.float64).reshape(len(y), -1)
    mean = train.mean(axis=0)
    err = mean[None, :] - true
    mse = float(np.mean(err**2))
    ss_res = (err**2).sum(axis=0)
    ss_tot = ((true - true.mean(axis=0)) ** 2).sum(axis=0)
    r2_each = np.where(
        ss_tot > 0, 1 - ss_res / np.maximum(ss_tot, 1e-300), (ss_res == 0).astype(np.float64)
    )
    value: float | list[float] = float(mean[0]) if mean.size == 1 else mean.tolist()
    return {
        "value": value,
        "rmse": float(np.sqrt(mse)),
        "mae": float(np.mean(np.abs(err))),
        "mse": mse,
        "r2": float(r2_each.mean()),
    }


def majority_baseline(y_train: np.ndarray, y: np.ndarray) -> dict[str, Any]:
    """The most frequent training class and the share of ``y`` that has it."""
    train = y_train.reshape(-1).astype(np.int64)
    classes, counts = np.unique(train, return_counts=True)
    k = int(classes[int(np.argmax(counts))])  # argmax: the first, i.e. lowest, of a tie
    return {"class": k, "accuracy": float(np.mean(y.reshape(-1).astype(np.int64) == k))}


def describe(base: dict[str, Any]) -> str:
    """What the baseline predicts, in words: "predicting the training mean 152.1"."""
    if base.get("kind") == MEAN:
        value = base.get("value")
        if isinstance(value, (int, float)):
            return translate("Training", "predicting the training mean {value}").format(
                value=f"{value:.4g}"
            )
        return translate("Training", "predicting the training mean")
    label, name = str(base.get("class")), base.get("class_name")
    if name and name != label:  # digits' class 3 is named "3": no "3 (3)"
        return translate(
            "Training", "predicting the training majority class {label} ({name})"
        ).format(label=label, name=name)
    return translate("Training", "predicting the training majority class {label}").format(
        label=label
    )

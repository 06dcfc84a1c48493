"""The baseline: fitted on the training split only, scored like the model's metrics."""

from __future__ import annotations

import numpy as np
import pytest
from sklearn.dummy import DummyClassifier, DummyRegressor
from sklearn.metrics import mean_absolute_error, mean_squared_error, r2_score

from netbuilder.engine.data.datasets import Dataset
from netbuilder.engine.data.info import DatasetInfo
from netbuilder.engine.training.baseline import baseline, describe


def dataset(y_train, y_val, y_test, task="regression", class_names=()) -> Dataset:
    info = DatasetInfo(
        name="t",
        task=task,
        input_shape=(1,),
        target_shape=(),
        n_samples=0,
        class_names=class_names,
    )
    x = [np.zeros((len(y), 1), np.float32) for y in (y_train, y_val, y_test)]
    ys = [np.asarray(y) for y in (y_train, y_val, y_test)]
    return Dataset(info, x[0], ys[0], x[1], ys[1], x[2], ys[2])


def test_mean_baseline_uses_the_training_mean_and_matches_sklearn():
    rng = np.random.default_rng(0)
    y_train = rng.normal(5.0, 2.0, size=(80, 1)).astype(np.float32)
    y_test = rng.normal(6.0, 2.0, size=(30, 1)).astype(np.float32)  # a shifted test split
    base = baseline(dataset(y_train, y_train[:0], y_test), "regression")
    assert base is not None and base["kind"] == "mean" and base["split"] == "test"
    pred = DummyRegressor().fit(np.zeros((80, 1)), y_train).predict(np.zeros((30, 1)))
    assert base["value"] == pytest.approx(float(y_train.mean()), rel=1e-6)
    assert base["rmse"] == pytest.approx(mean_squared_error(y_test, pred) ** 0.5, rel=1e-6)
    assert base["mse"] == pytest.approx(mean_squared_error(y_test, pred), rel=1e-6)
    assert base["mae"] == pytest.approx(mean_absolute_error(y_test, pred), rel=1e-6)
    assert base["r2"] == pytest.approx(r2_score(y_test, pred), rel=1e-4)
    assert base["r2"] < 0  # the test mean differs from the training mean


def test_majority_baseline_counts_the_training_split_only():
    y_train = np.array([2, 2, 2, 0, 1])
    y_test = np.array([0, 0, 0, 2])  # the test split's own majority would be 0
    data = dataset(y_train, y_train[:0], y_test, "classification", ("a", "b", "c"))
    base = baseline(data, "classification")
    model = DummyClassifier(strategy="most_frequent").fit(np.zeros((5, 1)), y_train)
    assert base == {
        "kind": "majority class",
        "split": "test",
        "class": int(model.predict(np.zeros((1, 1)))[0]),
        "accuracy": 0.25,
        "class_name": "c",
    }
    assert describe(base) == "predicting the training majority class 2 (c)"


def test_without_a_test_split_the_validation_split_is_scored_and_empty_gives_none():
    y = np.array([[1.0], [3.0]], np.float32)
    base = baseline(dataset(y, np.array([[4.0]], np.float32), y[:0]), "regression")
    assert base is not None and base["split"] == "val" and base["rmse"] == pytest.approx(2.0)
    assert describe(base) == "predicting the training mean 2"
    assert baseline(dataset(y, y[:0], y[:0]), "regression") is None

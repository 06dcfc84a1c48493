"""Metrics agree with scikit-learn."""

from __future__ import annotations

import numpy as np
import pytest
import torch
from sklearn.metrics import confusion_matrix as sk_confusion
from sklearn.metrics import mean_absolute_error, mean_squared_error, r2_score

from netbuilder.engine.training.metrics import (
    adapt_targets,
    confusion_matrix,
    evaluate,
    regression_values,
)


def test_confusion_and_accuracy_match_sklearn():
    rng = np.random.default_rng(0)
    logits = torch.tensor(rng.normal(size=(200, 4)), dtype=torch.float32)
    y = torch.tensor(rng.integers(0, 4, 200))
    ev = evaluate(
        torch.nn.Identity(),
        (logits,),
        y,
        "classification",
        torch.nn.CrossEntropyLoss(),
        n_classes=4,
    )
    pred = logits.argmax(1).numpy()
    assert ev.metrics["confusion"] == sk_confusion(y.numpy(), pred, labels=range(4)).tolist()
    assert ev.metrics["accuracy"] == pytest.approx((pred == y.numpy()).mean())
    assert ev.loss == pytest.approx(float(torch.nn.functional.cross_entropy(logits, y)), rel=1e-6)
    assert ev.headline("classification") == ev.metrics["accuracy"]


def test_binary_uses_logit_sign():
    logits = torch.tensor([[2.0], [-1.0], [0.5], [-3.0]])
    y = adapt_targets(torch.tensor([1, 0, 0, 0]), "binary", (1,))
    assert y.shape == (4, 1) and y.dtype == torch.float32
    ev = evaluate(torch.nn.Identity(), (logits,), y, "binary", torch.nn.BCEWithLogitsLoss())
    assert ev.metrics["confusion"] == [[2, 1], [0, 1]]
    assert ev.metrics["accuracy"] == 0.75


def test_regression_metrics_match_sklearn():
    rng = np.random.default_rng(1)
    y = rng.normal(size=(50, 3))
    p = y + rng.normal(scale=0.3, size=(50, 3))
    mse, mae, r2 = regression_values(torch.tensor(p), torch.tensor(y)).tolist()
    assert mse == pytest.approx(mean_squared_error(y, p))
    assert mae == pytest.approx(mean_absolute_error(y, p))
    assert r2 == pytest.approx(r2_score(y, p))


def test_r2_of_a_constant_target_follows_sklearn():
    y = torch.ones(5, 1)
    assert regression_values(y.clone(), y)[2] == 1.0
    assert regression_values(y + 1, y)[2] == pytest.approx(r2_score(y.numpy(), y.numpy() + 1))


def test_confusion_counts_every_sample():
    pred, true = torch.tensor([0, 1, 1, 2]), torch.tensor([0, 1, 2, 2])
    assert confusion_matrix(pred, true, 3).tolist() == [[1, 0, 0], [0, 1, 0], [0, 1, 1]]


def test_empty_split_gives_nan_loss():
    ev = evaluate(
        torch.nn.Identity(),
        (torch.zeros(0, 2),),
        torch.zeros(0, dtype=torch.long),
        "classification",
        torch.nn.CrossEntropyLoss(),
    )
    assert ev.n_samples == 0 and np.isnan(ev.loss)


def test_regression_evaluation_reports_rmse_first_with_mae_mse_and_r2():
    rng = np.random.default_rng(2)
    y = torch.tensor(rng.normal(size=(40, 1)), dtype=torch.float32)
    p = y + torch.tensor(rng.normal(scale=0.5, size=(40, 1)), dtype=torch.float32)
    ev = evaluate(torch.nn.Identity(), (p,), y, "regression", torch.nn.MSELoss())
    assert list(ev.metrics) == ["rmse", "mae", "mse", "r2"]
    assert ev.metrics["rmse"] == pytest.approx(mean_squared_error(y, p) ** 0.5, rel=1e-5)
    assert ev.metrics["mse"] == pytest.approx(mean_squared_error(y, p), rel=1e-5)
    assert ev.headline("regression") == ev.metrics["r2"]

"""Evaluation metrics computed on the device, read back once per evaluation.

Classification and binary tasks report accuracy and a confusion matrix (rows: true class,
columns: predicted class); regression reports RMSE, MAE, MSE and R2 (averaged over outputs, as
scikit-learn does). The ``Evaluation`` record and the headline metric of each task live in the
torch-free ``evaluation`` module.
"""

from __future__ import annotations

import math
from collections.abc import Callable

import torch
from torch import nn

from netbuilder.engine.training.evaluation import Evaluation


def adapt_targets(y: torch.Tensor, task: str, output_shape: tuple[int, ...]) -> torch.Tensor:
    """Targets in the dtype and shape the loss expects for a network output of ``output_shape``.

    ``output_shape`` excludes the batch dimension. Binary and regression targets take the
    output's shape when the number of values per sample agrees ([N] vs [N, 1]).
    """
    if task == "classification":
        return y.long().reshape(y.shape[0])
    y = y.float()
    per_sample = 1
    for d in output_shape:
        per_sample *= d
    if y[0].numel() == per_sample and tuple(y.shape[1:]) != tuple(output_shape):
        y = y.reshape((y.shape[0], *output_shape))
    return y


def predict(
    module: nn.Module, inputs: tuple[torch.Tensor, ...], batch_size: int = 4096
) -> torch.Tensor:
    """Outputs of ``module`` on all rows of ``inputs`` in eval mode; train mode is restored."""
    was_training = module.training
    module.eval()
    try:
        with torch.no_grad():
            n = inputs[0].shape[0]
            if n <= batch_size:
                out: torch.Tensor = module(*inputs)
                return out
            parts = [
                module(*(t[i : i + batch_size] for t in inputs)) for i in range(0, n, batch_size)
            ]
            return torch.cat(parts)
    finally:
        module.train(was_training)


def evaluate(
    module: nn.Module,
    inputs: tuple[torch.Tensor, ...],
    targets: torch.Tensor,
    task: str,
    loss_fn: Callable[[torch.Tensor, torch.Tensor], torch.Tensor],
    *,
    n_classes: int = 0,
    batch_size: int = 4096,
) -> Evaluation:
    """Loss and the task's metrics on one split, with a single device-to-host transfer."""
    if int(targets.shape[0]) == 0:
        return Evaluation(loss=float("nan"), metrics={}, n_samples=0)
    out = predict(module, inputs, batch_size)
    return evaluate_outputs(out, targets, task, loss_fn, n_classes=n_classes)


def evaluate_outputs(
    out: torch.Tensor,
    targets: torch.Tensor,
    task: str,
    loss_fn: Callable[[torch.Tensor, torch.Tensor], torch.Tensor],
    *,
    n_classes: int = 0,
) -> Evaluation:
    """Loss and metrics of outputs already computed (a streamed split's)."""
    n = int(targets.shape[0])
    if n == 0:
        return Evaluation(loss=float("nan"), metrics={}, n_samples=0)
    with torch.no_grad():
        loss = loss_fn(out, targets).float()
        if task == "regression":
            values = regression_values(out, targets)
            host = torch.cat([loss.reshape(1).double(), values]).cpu().tolist()
            # RMSE first: in the target's units, the figure read beside the baseline's.
            metrics = {"rmse": math.sqrt(host[1]), "mae": host[2], "mse": host[1], "r2": host[3]}
            return Evaluation(loss=host[0], metrics=metrics, n_samples=n)
        pred, true = class_predictions(out, targets, task)
        k = max(n_classes, 2 if task == "binary" else int(out.shape[-1]))
        confusion = confusion_matrix(pred, true, k)
        fetched = torch.cat([loss.reshape(1).double(), confusion.reshape(-1).double()]).cpu()
        matrix = fetched[1:].long().reshape(k, k)
        correct = int(matrix.diagonal().sum())
        metrics = {"accuracy": correct / n, "confusion": matrix.tolist()}
        return Evaluation(loss=float(fetched[0]), metrics=metrics, n_samples=n)


def class_predictions(
    out: torch.Tensor, targets: torch.Tensor, task: str
) -> tuple[torch.Tensor, torch.Tensor]:
    """(predicted, true) class indices as flat int64 tensors."""
    if task == "binary":
        return (out.reshape(-1) > 0).long(), targets.reshape(-1).long()
    return out.argmax(dim=-1).reshape(-1), targets.reshape(-1).long()


def confusion_matrix(pred: torch.Tensor, true: torch.Tensor, n_classes: int) -> torch.Tensor:
    """[n_classes, n_classes] counts; rows are true classes, columns predictions."""
    flat = true.clamp(0, n_classes - 1) * n_classes + pred.clamp(0, n_classes - 1)
    return torch.bincount(flat, minlength=n_classes * n_classes).reshape(n_classes, n_classes)


def regression_values(out: torch.Tensor, targets: torch.Tensor) -> torch.Tensor:
    """[mse, mae, r2] on the device; R2 is averaged over outputs like scikit-learn's default."""
    pred = out.reshape(targets.shape).double()
    y = targets.double()
    err = pred - y
    mse = err.pow(2).mean()
    mae = err.abs().mean()
    y2 = y.reshape(y.shape[0], -1)
    e2 = err.reshape(err.shape[0], -1)
    ss_res = e2.pow(2).sum(dim=0)
    ss_tot = (y2 - y2.mean(dim=0)).pow(2).sum(dim=0)
    # scikit-learn's force_finite: a constant target scores 1 when predicted exactly, else 0.
    perfect = (ss_res == 0).double()
    r2_each = torch.where(ss_tot > 0, 1 - ss_res / ss_tot.clamp_min(1e-300), perfect)
    return torch.stack([mse, mae, r2_each.mean()])

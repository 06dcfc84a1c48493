"""The test samples a trained network gets most wrong, or is least sure of.

``rank_outputs`` turns the network's outputs on a split (a [N, K] array of logits, or [N] / [N,
1] for a binary task, or the predictions of a regression) and the true targets into a
``SampleReport``: a few bounded lists of ``SampleRow``, one per ranking.

- "Most wrong" (classification): the misclassified samples, by the probability the network gave
  the true class, lowest first (the same order as the per-sample cross-entropy, highest first).
- "Least sure": every sample, by the margin between its two most likely classes, smallest first
  (a binary task's margin is ``|2p - 1|``).
- "All": the split in its own order.
- "Largest error" (regression): by the absolute error (averaged over the targets), largest first.

Memory stays bounded whatever the split's size: a row keeps the sample's index in the split,
its top ``TOP_K`` probabilities and a few numbers, never the input itself, and each ranking
keeps at most ``limit`` rows. The raw form of a sample (an image, a text, a feature row) is read
by index from the dataset when it is shown (``sample_source``). ``sample_report`` runs the
forward pass of a ``PreparedRun`` in chunks, so streamed image folders are read a chunk at a time.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

__all__ = [
    "LIMIT",
    "RANKING_LABELS",
    "SampleReport",
    "SampleRow",
    "rank_outputs",
    "sample_report",
]

LIMIT = 200  # rows kept per ranking
TOP_K = 5  # probabilities kept per row (the detail's bars)
CHUNK = 512  # samples per forward pass in ``sample_report``
#: Ranking keys in the order a chooser lists them, with what a user reads.
RANKING_LABELS = {
    "most_wrong": "Most wrong",
    "least_sure": "Least sure",
    "largest_error": "Largest error",
    "all": "All",
}


@dataclass(frozen=True)
class SampleRow:
    """One sample of the split. Classification: ``true`` / ``predicted`` class indices, ``top``
    (class index, probability) most likely first, ``p_true`` and ``margin``; ``loss`` is
    ``-log p_true``. Regression: ``true_values`` / ``predicted_values`` and ``error`` (mean
    absolute error over the targets); ``true`` and ``predicted`` are -1."""

    index: int
    true: int = -1
    predicted: int = -1
    top: tuple[tuple[int, float], ...] = ()
    p_true: float = float("nan")
    margin: float = float("nan")
    loss: float = float("nan")
    true_values: tuple[float, ...] = ()
    predicted_values: tuple[float, ...] = ()
    error: float = float("nan")

    @property
    def wrong(self) -> bool:
        return self.true >= 0 and self.true != self.predicted


@dataclass
class SampleReport:
    """The rankings of one split. ``rankings`` maps a key of ``RANKING_LABELS`` to its rows;
    ``n_samples`` is the split's size, ``n_wrong`` the misclassified count (all of them, also
    beyond ``limit``); ``note`` says why there are no rows when there are none."""

    task: str
    split: str
    class_names: tuple[str, ...] = ()
    target_names: tuple[str, ...] = ()
    n_samples: int = 0
    n_wrong: int = 0
    rankings: dict[str, list[SampleRow]] = field(default_factory=dict)
    note: str = ""

    def class_name(self, index: int) -> str:
        names = self.class_names
        return names[index] if 0 <= index < len(names) else str(index)


def rank_outputs(
    outputs: Any,
    targets: Any,
    task: str,
    *,
    split: str = "test",
    class_names: Sequence[str] = (),
    target_names: Sequence[str] = (),
    limit: int = LIMIT,
) -> SampleReport:
    """Rank a whole split's ``outputs`` (logits, or a regression's predictions) against its
    ``targets`` (class indices, or values)."""
    out = np.asarray(outputs, dtype=np.float64)
    y = np.asarray(targets)
    report = SampleReport(task, split, tuple(class_names), tuple(target_names), len(y))
    if len(y) == 0:
        report.note = f"The {split} split is empty."
        return report
    if task == "regression":
        return _rank_regression(report, out, y, limit)
    probs = _probabilities(out, task, len(y))
    if probs is None:
        report.note = (
            f"The network's output {list(out.shape[1:])} is not one score per class: "
            "there is no per-sample class to rank."
        )
        return report
    return _rank_classes(report, probs, y.reshape(-1).astype(np.int64), limit)


def _probabilities(out: np.ndarray, task: str, n: int) -> np.ndarray | None:
    """[N, K] class probabilities: softmax of the logits, or a binary task's sigmoid as the
    two probabilities (not, is)."""
    if task == "binary":
        if out.size != n:
            return None
        p = 1.0 / (1.0 + np.exp(-out.reshape(n)))
        return np.stack([1.0 - p, p], axis=1)
    if out.ndim != 2:
        return None
    shifted = out - out.max(axis=1, keepdims=True)
    e = np.exp(shifted)
    return np.asarray(e / e.sum(axis=1, keepdims=True))


def _rank_classes(
    report: SampleReport, probs: np.ndarray, true: np.ndarray, limit: int
) -> SampleReport:
    n, k = probs.shape
    safe_true = np.clip(true, 0, k - 1)
    predicted = probs.argmax(axis=1)
    p_true = probs[np.arange(n), safe_true]
    top2 = -np.sort(-probs, axis=1)[:, :2] if k > 1 else np.concatenate([probs, probs * 0], 1)
    margin = top2[:, 0] - top2[:, 1]
    wrong = np.flatnonzero(predicted != true)
    report.n_wrong = int(wrong.size)
    # Stable sorts: equal scores stay in split order, so the lists do not shuffle between runs.
    most_wrong = wrong[np.argsort(p_true[wrong], kind="stable")][:limit]
    least_sure = np.argsort(margin, kind="stable")[:limit]
    every = np.arange(min(n, limit))

    def row(i: int) -> SampleRow:
        order = np.argsort(-probs[i], kind="stable")[:TOP_K]
        p = float(p_true[i])
        return SampleRow(
            index=int(i),
            true=int(true[i]),
            predicted=int(predicted[i]),
            top=tuple((int(c), float(probs[i, c])) for c in order),
            p_true=p,
            margin=float(margin[i]),
            loss=-math.log(max(p, 1e-12)),
        )

    rows: dict[int, SampleRow] = {}  # a sample in two rankings is one row
    for key, indices in (("most_wrong", most_wrong), ("least_sure", least_sure), ("all", every)):
        report.rankings[key] = [rows.setdefault(int(i), row(int(i))) for i in indices]
    return report


def _rank_regression(
    report: SampleReport, out: np.ndarray, y: np.ndarray, limit: int
) -> SampleReport:
    n = len(y)
    pred = out.reshape(n, -1)
    true = y.astype(np.float64).reshape(n, -1)
    if pred.shape != true.shape:
        report.note = (
            f"The network predicts {pred.shape[1]} values per sample, not {true.shape[1]}."
        )
        return report
    error = np.abs(pred - true).mean(axis=1)
    largest = np.argsort(-error, kind="stable")[:limit]

    def row(i: int) -> SampleRow:
        return SampleRow(
            index=int(i),
            true_values=tuple(float(v) for v in true[i, :8]),
            predicted_values=tuple(float(v) for v in pred[i, :8]),
            error=float(error[i]),
            loss=float(np.mean((pred[i] - true[i]) ** 2)),
        )

    rows: dict[int, SampleRow] = {}
    for key, indices in (("largest_error", largest), ("all", np.arange(min(n, limit)))):
        report.rankings[key] = [rows.setdefault(int(i), row(int(i))) for i in indices]
    return report


def sample_report(run: Any, split: str = "test", *, limit: int = LIMIT) -> SampleReport:
    """The rankings of a ``PreparedRun``'s current weights on ``split``: one forward pass in
    chunks of ``CHUNK`` (a streamed image split is decoded a chunk at a time). Not while it
    trains; it takes the run's evaluation lock, as ``PreparedRun.evaluate_split`` does."""
    import torch

    from netbuilder.engine.training.metrics import predict
    from netbuilder.engine.training.session import network_inputs

    dataset = run.dataset
    info = dataset.info
    x, y = dataset.split(split)
    arrays = network_inputs(x, info, run.input_data)
    device = next((p.device for p in run.module.parameters()), torch.device("cpu"))
    parts: list[np.ndarray] = []
    with run._evaluating:  # the module's train/eval mode is shared with other evaluations
        for start in range(0, len(y), CHUNK):
            chunk = tuple(
                torch.as_tensor(np.asarray(a[start : start + CHUNK])).to(device) for a in arrays
            )
            out: Any = predict(run.module, chunk)
            if isinstance(out, tuple):  # several Output nodes: the first is the prediction
                out = out[0]
            parts.append(out.detach().float().cpu().numpy())
    outputs = np.concatenate(parts) if parts else np.zeros((0,))
    return rank_outputs(
        outputs,
        np.asarray(y),
        run.trainer.task,
        split=split,
        class_names=info.class_names,
        target_names=info.target_names,
        limit=limit,
    )

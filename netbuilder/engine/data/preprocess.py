"""Preprocessing shared by every data source: target encoding and task detection, the seeded
(stratified) train/val/test split, and standardisation with training-split statistics only.

Numpy only, so it is cheap to import and easy to test.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np

from netbuilder.engine.data.errors import DataError
from netbuilder.model.i18n import translate

if TYPE_CHECKING:
    from netbuilder.engine.data.raw import RawInput

TASKS = ("auto", "classification", "binary", "regression")
MAX_AUTO_CLASSES = 100  # integer targets with more distinct values than this are regression
MIN_STD = 1e-8  # a constant feature keeps std 1 instead of blowing up


@dataclass(frozen=True)
class Targets:
    """Encoded targets: int64 class indices [N] or float32 values [N, k]."""

    y: np.ndarray
    task: str
    n_classes: int = 0
    class_names: tuple[str, ...] = ()
    class_counts: tuple[int, ...] = ()
    target_names: tuple[str, ...] = ()

    @property
    def target_shape(self) -> tuple[int, ...]:
        return () if self.task != "regression" else tuple(self.y.shape[1:])


def encode_targets(
    y: np.ndarray,
    task: str = "auto",
    *,
    where: str = "",
    target_names: tuple[str, ...] = (),
) -> Targets:
    """Turn raw targets into what a loss wants, deciding the task when ``task`` is auto.

    Text, bool and few-valued integer targets are classes (two classes -> binary); float targets
    are regression; a one-hot [N, k] array becomes class indices. ``where`` names the target in
    error messages (e.g. "column 'species' of iris.csv").
    """
    where = where or translate("Data", "the target")
    if task not in TASKS:
        raise DataError(
            translate(
                "Data",
                "task must be one of {tasks}; got {task}",
            ).format(tasks=", ".join(TASKS), task=repr(task)),
            field="task",
        )
    y = np.asarray(y)
    if y.ndim == 0 or len(y) == 0:
        raise DataError(
            translate(
                "Data",
                "{where} has no values",
            ).format(where=where)
        )
    if y.ndim > 2:
        raise DataError(
            translate(
                "Data",
                "{where} must be one value or one row of values per sample, got shape {shape}",
            ).format(where=where, shape=tuple(y.shape))
        )
    kind = y.dtype.kind
    if kind not in "biufUS":
        raise DataError(
            translate(
                "Data",
                "{where} must hold numbers or text, got {dtype}",
            ).format(where=where, dtype=y.dtype)
        )
    if kind in "US" and task == "regression":
        raise DataError(
            translate(
                "Data",
                "regression needs numeric targets, but {where} holds text",
            ).format(where=where)
        )
    if task == "regression":
        return _regression(y, where, target_names)
    if y.ndim == 2 and y.shape[1] > 1:
        if kind in "biuf" and _is_one_hot(y):
            y, kind = np.argmax(y, axis=1), "b"  # decoded classes: no many-values rule
        elif task == "auto":
            return _regression(y, where, target_names)
        else:
            raise DataError(
                translate(
                    "Data",
                    "{task} needs one class label per sample, but {where} has {shape} "
                    "columns that are not one-hot",
                ).format(task=task, where=where, shape=y.shape[1])
            )
    col = y.reshape(len(y))
    if kind == "f":
        if task == "auto":
            return _regression(y, where, target_names)
        _check_finite(col, where)
        bad = np.flatnonzero(col != np.round(col))
        if len(bad):
            raise DataError(
                translate(
                    "Data",
                    "{task} needs whole-number or text class labels, but {where} has {col} "
                    "at row {value}",
                ).format(task=task, where=where, col=format(col[bad[0]], "g"), value=bad[0] + 1)
            )
        col = col.astype(np.int64)
    labels, codes = np.unique(col, return_inverse=True)
    k = len(labels)
    if task == "auto" and kind in "iu" and k > max(2, min(MAX_AUTO_CLASSES, len(col) // 2)):
        return _regression(y, where, target_names)
    if k < 2:
        raise DataError(
            translate(
                "Data",
                "{where} has only one class ({label}); a classifier needs at least two",
            ).format(where=where, label=_label(labels[0]))
        )
    if task == "binary" and k != 2:
        raise DataError(
            translate(
                "Data",
                "binary needs exactly two classes, but {where} has {k}",
            ).format(where=where, k=k)
        )
    if task == "auto":
        task = "binary" if k == 2 else "classification"
    counts = np.bincount(codes, minlength=k)
    return Targets(
        y=codes.astype(np.int64).reshape(len(col)),
        task=task,
        n_classes=k,
        class_names=tuple(_label(v) for v in labels),
        class_counts=tuple(int(c) for c in counts),
        target_names=target_names[:1],
    )


def _regression(y: np.ndarray, where: str, target_names: tuple[str, ...]) -> Targets:
    values = y.reshape(len(y), -1).astype(np.float32)
    _check_finite(values, where)
    names = target_names if len(target_names) == values.shape[1] else ()
    return Targets(y=values, task="regression", target_names=tuple(names))


def _is_one_hot(y: np.ndarray) -> bool:
    return bool(np.all((y == 0) | (y == 1)) and np.all(y.sum(axis=1) == 1))


def _check_finite(values: np.ndarray, where: str) -> None:
    bad = np.argwhere(~np.isfinite(values.astype(np.float64)))
    if len(bad):
        raise DataError(
            translate(
                "Data",
                "{where} has a missing or infinite value at row {value}",
            ).format(where=where, value=bad[0][0] + 1)
        )


def _label(value: object) -> str:
    if isinstance(value, (bool, np.bool_)):
        return "true" if value else "false"
    return str(value.item() if isinstance(value, np.generic) else value)


def split_sizes(n: int, val_fraction: float, test_fraction: float) -> tuple[int, int, int]:
    """(train, val, test) counts: fractions rounded half up; a non-zero fraction gets at least
    one sample when that still leaves one to train on; a zero fraction gives an empty split."""

    def count(fraction: float) -> int:
        if fraction <= 0:
            return 0
        return max(1, int(np.floor(n * fraction + 0.5)))

    n_val, n_test = count(val_fraction), count(test_fraction)
    while n - n_val - n_test < 1 and (n_val or n_test):
        if n_val >= n_test:
            n_val -= 1
        else:
            n_test -= 1
    if n < 1:
        raise DataError(
            translate(
                "Data",
                "the dataset has no samples",
            )
        )
    return n - n_val - n_test, n_val, n_test


def split_indices(
    n: int,
    val_fraction: float,
    test_fraction: float,
    seed: int,
    strata: np.ndarray | None = None,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Seeded (train, val, test) index arrays. With ``strata`` (class indices) every split keeps
    the class proportions (largest-remainder rounding) and each class keeps a training sample
    when it has one to spare. Same arguments -> same indices, on every machine."""
    _, n_val, n_test = split_sizes(n, val_fraction, test_fraction)
    rng = np.random.default_rng(seed)
    if strata is None:
        perm = rng.permutation(n)
        return _plain_split(perm, n_val, n_test)
    strata = np.asarray(strata)
    groups = [rng.permutation(np.flatnonzero(strata == c)) for c in np.unique(strata)]
    counts = np.array([len(g) for g in groups])
    take_test = _allocate(counts, n_test)
    take_val = _allocate(counts - take_test, n_val)
    parts: tuple[list[np.ndarray], list[np.ndarray], list[np.ndarray]] = ([], [], [])
    for g, t, v in zip(groups, take_test, take_val, strict=True):
        parts[2].append(g[:t])
        parts[1].append(g[t : t + v])
        parts[0].append(g[t + v :])
    train, val, test = (rng.permutation(np.concatenate(p)).astype(np.int64) for p in parts)
    return train, val, test


def _plain_split(
    perm: np.ndarray, n_val: int, n_test: int
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    test, val, train = perm[:n_test], perm[n_test : n_test + n_val], perm[n_test + n_val :]
    return train.astype(np.int64), val.astype(np.int64), test.astype(np.int64)


def _allocate(counts: np.ndarray, total: int) -> np.ndarray:
    """Split ``total`` across groups in proportion to ``counts``, leaving one per group if able."""
    if total == 0 or counts.sum() == 0:
        none: np.ndarray = np.zeros_like(counts)
        return none
    quota = counts * total / counts.sum()
    cap = np.maximum(counts - 1, 0)
    take: np.ndarray = np.minimum(np.floor(quota).astype(np.int64), cap)
    for limit in (cap, counts):  # first leave one per group to train on, then give up on that
        order = np.argsort(-(quota - take), kind="stable")  # largest remainder first
        while take.sum() < total and np.any(take < limit):
            for i in order:
                if take.sum() < total and take[i] < limit[i]:
                    take[i] += 1
    return take


def fit_standardizer(
    x_train: np.ndarray, skip: tuple[int, ...] = ()
) -> tuple[np.ndarray, np.ndarray]:
    """Mean and std from the training split: per channel for images [N, C, H, W], otherwise per
    feature (the last axis). Features in ``skip`` (one-hot columns) keep mean 0 and std 1."""
    x = np.asarray(x_train, dtype=np.float64)
    axes = (0, 2, 3) if x.ndim == 4 else tuple(range(x.ndim - 1))
    mean = x.mean(axis=axes, keepdims=True)[0]
    std = x.std(axis=axes, keepdims=True)[0]
    std[std < MIN_STD] = 1.0
    if skip:
        mean[..., list(skip)] = 0.0
        std[..., list(skip)] = 1.0
    return mean.astype(np.float32), std.astype(np.float32)


def apply_standardizer(x: np.ndarray, mean: np.ndarray, std: np.ndarray) -> np.ndarray:
    """(x - mean) / std as float32; works on empty splits too."""
    scaled: np.ndarray = ((np.asarray(x, dtype=np.float32) - mean) / std).astype(np.float32)
    return scaled


@dataclass(frozen=True)
class Table:
    """What an importer hands over: inputs [N, ...] (float32, or int64 tokens) and targets.

    A table with ``inputs`` (text, ids or named groups of a CSV file) keeps them raw until the
    split; its ``x`` is then an empty [N, 0] placeholder and ``feature_names`` lists every
    input's columns. ``named_inputs``: the inputs were named (the dataset's x are tuples)."""

    x: np.ndarray
    targets: Targets
    feature_names: tuple[str, ...] = ()
    categorical: tuple[int, ...] = ()  # one-hot feature columns: never standardised
    source: str = ""  # file name, for messages
    extra: dict[str, Any] = field(default_factory=dict, compare=False)
    inputs: tuple[RawInput, ...] = field(default=(), compare=False)
    named_inputs: bool = False

    @property
    def n_samples(self) -> int:
        return len(self.targets.y)

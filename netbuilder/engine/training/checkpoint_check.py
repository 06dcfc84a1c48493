"""A checkpoint checked in full before anything resumes from it, without torch.

``checkpoint.json`` (position, history, optimizer and scheduler state) and the header of
``checkpoint.safetensors`` must agree with each other and make sense: an epoch of 1e999 or
-1000, a history of numbers, a sample order with floats, repeats or a wrong length is refused
with one line naming the member and the field ("checkpoint.json: epoch: -1000 is not a valid
epoch") instead of a traceback or a run of 1,007 epochs. ``netbuilder check`` and every resume
call the same ``check_checkpoint``.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np

from netbuilder.engine.training.safetensors_header import (
    SafetensorsError,
    SafetensorsHeader,
    read_safetensors_header,
)
from netbuilder.model.errors import NetbuilderError

FORMAT = "netbuilder-checkpoint"
VERSION = 1
META = "checkpoint.json"
TENSORS = "checkpoint.safetensors"
MAX_EPOCHS = 100_000  # as TrainingSettings allows
HISTORY_KEYS = ("epoch", "train_loss")  # what every epoch record holds; the rest is optional
_NUMBER_OR_NONE = ("train_loss", "val_loss", "lr", "seconds")


class CheckpointError(NetbuilderError):
    """Weights or a checkpoint that do not fit this network or this training setup."""


def check_checkpoint(data: bytes, meta: Any, *, epochs: int | None = None) -> SafetensorsHeader:
    """Raise CheckpointError for the first problem of a checkpoint; return its tensor header.

    ``epochs``: the epochs of the run that would resume (the checkpoint must not be past them).
    """
    try:
        header = read_safetensors_header(data, TENSORS)
    except SafetensorsError as exc:
        raise CheckpointError(str(exc)) from None
    check_meta(meta, header, epochs=epochs)
    check_permutation(data, header, int(meta["n_train"]))
    return header


def check_weights(data: bytes) -> SafetensorsHeader:
    """The header of weights.safetensors, checked (CheckpointError naming the problem)."""
    try:
        return read_safetensors_header(data, "weights.safetensors")
    except SafetensorsError as exc:
        raise CheckpointError(str(exc)) from None


def check_meta(meta: Any, header: SafetensorsHeader, *, epochs: int | None = None) -> None:
    """The metadata's fields, their ranges, and the tensors they refer to."""
    if not isinstance(meta, dict) or meta.get("format") != FORMAT:
        raise _bad("format", "this is not a netbuilder training checkpoint")
    if meta.get("version") != VERSION:
        raise _bad("version", f"checkpoint version {_show(meta.get('version'))} is not supported")
    n_train = _int(meta, "n_train", 1, None)
    batch_size = _int(meta, "batch_size", 1, None)
    total = _int(meta, "epochs", 1, MAX_EPOCHS)
    epoch = _int(meta, "epoch", 0, total, what="epoch")
    if epochs is not None and epoch > epochs:
        raise _bad(
            "epoch",
            f"the checkpoint has {epoch} epochs done, more than the {epochs} of this run; "
            "ask for more epochs to resume",
        )
    per_epoch = math.ceil(n_train / batch_size)
    batch = _int(meta, "batch", 0, per_epoch, what="batch")
    _int(meta, "step", 0, (epoch + 1) * per_epoch, what="step count")
    if batch and epoch == total:
        raise _bad("batch", f"batch {batch} is past the last epoch")
    if not isinstance(meta.get("settings"), dict):
        raise _bad("settings", "the training settings are missing")
    _history(meta.get("history"), epoch)
    _number(meta, "epoch_loss_sum")
    _int(meta, "epoch_loss_count", 0, None)
    best = meta.get("best_val", math.inf)
    if not (_is_number(best) or (isinstance(best, dict) and _float_text(best.get("__float__")))):
        raise _bad("best_val", f"{_show(best)} is not a number")
    _int(meta, "bad_epochs", 0, None)
    if not isinstance(meta.get("has_best"), bool):
        raise _bad("has_best", f"{_show(meta.get('has_best'))} is not true or false")
    if not isinstance(meta.get("optimizer"), dict):
        raise _bad("optimizer", "the optimizer state is missing")
    if meta.get("scheduler") is not None and not isinstance(meta.get("scheduler"), dict):
        raise _bad("scheduler", f"{_show(meta.get('scheduler'))} is not a scheduler state")
    for key in ("optimizer", "scheduler", "best_val"):
        _tensor_refs(meta.get(key), key, header)
    _tensors(header, n_train)
    if meta["has_best"] and "best/0" not in header.tensors:
        raise CheckpointError(f"{TENSORS}: the best weights (best/0, ...) are missing")


def check_permutation(data: bytes, header: SafetensorsHeader, n_train: int) -> None:
    """``data/perm`` (when there is one) orders each training sample exactly once."""
    entry = header.tensors.get("data/perm")
    if entry is None:
        return
    start = header.data_start
    perm = np.frombuffer(data, dtype="<i8", count=n_train, offset=start + entry.begin)
    if perm.min() < 0 or perm.max() >= n_train or len(np.unique(perm)) != n_train:
        raise CheckpointError(
            f"{TENSORS}: data/perm is not an order of the {n_train} training samples "
            "(an index repeats or is out of range)"
        )


# --- pieces ----------------------------------------------------------------------------------


def _bad(field: str, message: str) -> CheckpointError:
    return CheckpointError(f"{META}: {field}: {message}")


def _show(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _float_text(value: Any) -> bool:
    return value in ("inf", "-inf", "nan")


def _int(meta: dict[str, Any], key: str, low: int, high: int | None, *, what: str = "") -> int:
    value = meta.get(key)
    if (
        not isinstance(value, int)
        or isinstance(value, bool)
        or value < low
        or (high is not None and value > high)
    ):
        noun = what or key.replace("_", " ")
        limit = f" (0 to {high})" if what and high is not None else ""
        raise _bad(key, f"{_show(value)} is not a valid {noun}{limit}")
    return value


def _number(meta: dict[str, Any], key: str) -> None:
    value = meta.get(key)
    if not isinstance(value, (int, float)) or isinstance(value, bool) or not math.isfinite(value):
        raise _bad(key, f"{_show(value)} is not a finite number")


def _history(history: Any, epoch: int) -> None:
    if not isinstance(history, list):
        raise _bad("history", f"{_show(history)} is not a list of epoch records")
    if len(history) > epoch:
        raise _bad("history", f"{len(history)} epoch records for {epoch} epochs done")
    for i, record in enumerate(history):
        where = f"history[{i}]"
        if not isinstance(record, dict):
            raise _bad(where, f"{_show(record)} is not an epoch record")
        for key in HISTORY_KEYS:
            if key not in record:
                raise _bad(where, f"the key {key!r} is missing")
        if not isinstance(record["epoch"], int) or isinstance(record["epoch"], bool):
            raise _bad(f"{where}.epoch", f"{_show(record['epoch'])} is not an epoch number")
        for key in _NUMBER_OR_NONE:
            value = record.get(key)
            if value is not None and not _is_number(value):
                raise _bad(f"{where}.{key}", f"{_show(value)} is not a number")
        if not isinstance(record.get("val_metrics", {}), dict):
            raise _bad(f"{where}.val_metrics", "not an object of metrics")


def _tensor_refs(obj: Any, where: str, header: SafetensorsHeader) -> None:
    """Every ``{"__tensor__": name}`` in ``obj`` names a tensor the header holds."""
    stack = [obj]
    while stack:
        item = stack.pop()
        if isinstance(item, list):
            stack.extend(item)
        elif isinstance(item, dict):
            name = item.get("__tensor__")
            if name is not None and name not in header.tensors:
                raise _bad(where, f"refers to tensor {_show(name)}, which the checkpoint lacks")
            stack.extend(item.values())


def _tensors(header: SafetensorsHeader, n_train: int) -> None:
    for name in ("rng/torch_cpu", "rng/generator"):
        entry = header.tensors.get(name)
        if entry is None or entry.dtype != "U8" or len(entry.shape) != 1:
            raise CheckpointError(f"{TENSORS}: the random state {name} is missing or damaged")
    perm = header.tensors.get("data/perm")
    if perm is not None and (perm.dtype != "I64" or perm.shape != (n_train,)):
        raise CheckpointError(
            f"{TENSORS}: data/perm is {perm.dtype} {list(perm.shape)}; the order of "
            f"{n_train} training samples is I64 [{n_train}]"
        )

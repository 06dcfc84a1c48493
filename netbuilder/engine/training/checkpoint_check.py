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
from netbuilder.model.errors import NetbuilderError, message_of
from netbuilder.model.i18n import translate

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
        raise CheckpointError(message_of(exc)) from None
    check_meta(meta, header, epochs=epochs)
    check_permutation(data, header, int(meta["n_train"]))
    return header


def check_weights(data: bytes) -> SafetensorsHeader:
    """The header of weights.safetensors, checked (CheckpointError naming the problem)."""
    try:
        return read_safetensors_header(data, "weights.safetensors")
    except SafetensorsError as exc:
        raise CheckpointError(message_of(exc)) from None


def check_meta(meta: Any, header: SafetensorsHeader, *, epochs: int | None = None) -> None:
    """The metadata's fields, their ranges, and the tensors they refer to."""
    if not isinstance(meta, dict) or meta.get("format") != FORMAT:
        raise _bad(
            "format",
            translate(
                "Training",
                "this is not a netbuilder training checkpoint",
            ),
        )
    if meta.get("version") != VERSION:
        raise _bad(
            "version",
            translate(
                "Training",
                "checkpoint version {get} is not supported",
            ).format(get=_show(meta.get("version"))),
        )
    n_train = _int(meta, "n_train", 1, None)
    batch_size = _int(meta, "batch_size", 1, None)
    total = _int(meta, "epochs", 1, MAX_EPOCHS)
    epoch = _int(meta, "epoch", 0, total, what="epoch")
    if epochs is not None and epoch > epochs:
        raise _bad(
            "epoch",
            translate(
                "Training",
                "the checkpoint has {epoch} epochs done, more than the {epochs} of "
                "this run; ask for more epochs to resume",
            ).format(epoch=epoch, epochs=epochs),
        )
    per_epoch = math.ceil(n_train / batch_size)
    batch = _int(meta, "batch", 0, per_epoch, what="batch")
    _int(meta, "step", 0, (epoch + 1) * per_epoch, what="step count")
    if batch and epoch == total:
        raise _bad(
            "batch",
            translate(
                "Training",
                "batch {batch} is past the last epoch",
            ).format(batch=batch),
        )
    if not isinstance(meta.get("settings"), dict):
        raise _bad(
            "settings",
            translate(
                "Training",
                "the training settings are missing",
            ),
        )
    _history(meta.get("history"), epoch)
    _number(meta, "epoch_loss_sum")
    _int(meta, "epoch_loss_count", 0, None)
    best = meta.get("best_val", math.inf)
    if not (_is_number(best) or (isinstance(best, dict) and _float_text(best.get("__float__")))):
        raise _bad(
            "best_val",
            translate(
                "Training",
                "{best} is not a number",
            ).format(best=_show(best)),
        )
    _int(meta, "bad_epochs", 0, None)
    if not isinstance(meta.get("has_best"), bool):
        raise _bad(
            "has_best",
            translate(
                "Training",
                "{get} is not true or false",
            ).format(get=_show(meta.get("has_best"))),
        )
    if not isinstance(meta.get("optimizer"), dict):
        raise _bad(
            "optimizer",
            translate(
                "Training",
                "the optimizer state is missing",
            ),
        )
    if meta.get("scheduler") is not None and not isinstance(meta.get("scheduler"), dict):
        raise _bad(
            "scheduler",
            translate(
                "Training",
                "{get} is not a scheduler state",
            ).format(get=_show(meta.get("scheduler"))),
        )
    for key in ("optimizer", "scheduler", "best_val"):
        _tensor_refs(meta.get(key), key, header)
    _tensors(header, n_train)
    if meta["has_best"] and "best/0" not in header.tensors:
        raise CheckpointError(
            translate(
                "Training",
                "{tensors}: the best weights (best/0, ...) are missing",
            ).format(tensors=TENSORS)
        )


def check_permutation(data: bytes, header: SafetensorsHeader, n_train: int) -> None:
    """``data/perm`` (when there is one) orders each training sample exactly once."""
    entry = header.tensors.get("data/perm")
    if entry is None:
        return
    start = header.data_start
    perm = np.frombuffer(data, dtype="<i8", count=n_train, offset=start + entry.begin)
    if perm.min() < 0 or perm.max() >= n_train or len(np.unique(perm)) != n_train:
        raise CheckpointError(
            translate(
                "Training",
                "{tensors}: data/perm is not an order of the {n_train} training "
                "samples (an index repeats or is out of range)",
            ).format(tensors=TENSORS, n_train=n_train)
        )


# --- pieces ----------------------------------------------------------------------------------


def _bad(field: str, message: str) -> CheckpointError:
    return CheckpointError(
        translate("Training", "{file}: {field}: {message}").format(
            file=META, field=field, message=message
        )
    )


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
        text = (
            translate("Training", "{value} is not a valid {noun} (0 to {high})")
            if what and high is not None
            else translate("Training", "{value} is not a valid {noun}")
        )
        raise _bad(key, text.format(value=_show(value), noun=noun, high=high))
    return value


def _number(meta: dict[str, Any], key: str) -> None:
    value = meta.get(key)
    if not isinstance(value, (int, float)) or isinstance(value, bool) or not math.isfinite(value):
        raise _bad(
            key,
            translate(
                "Training",
                "{value} is not a finite number",
            ).format(value=_show(value)),
        )


def _history(history: Any, epoch: int) -> None:
    if not isinstance(history, list):
        raise _bad(
            "history",
            translate(
                "Training",
                "{history} is not a list of epoch records",
            ).format(history=_show(history)),
        )
    if len(history) > epoch:
        raise _bad(
            "history",
            translate(
                "Training",
                "{count} epoch records for {epoch} epochs done",
            ).format(count=len(history), epoch=epoch),
        )
    for i, record in enumerate(history):
        where = f"history[{i}]"
        if not isinstance(record, dict):
            raise _bad(
                where,
                translate(
                    "Training",
                    "{record} is not an epoch record",
                ).format(record=_show(record)),
            )
        for key in HISTORY_KEYS:
            if key not in record:
                raise _bad(
                    where,
                    translate(
                        "Training",
                        "the key {key} is missing",
                    ).format(key=repr(key)),
                )
        if not isinstance(record["epoch"], int) or isinstance(record["epoch"], bool):
            raise _bad(
                f"{where}.epoch",
                translate(
                    "Training",
                    "{record} is not an epoch number",
                ).format(record=_show(record["epoch"])),
            )
        for key in _NUMBER_OR_NONE:
            value = record.get(key)
            if value is not None and not _is_number(value):
                raise _bad(
                    f"{where}.{key}",
                    translate(
                        "Training",
                        "{value} is not a number",
                    ).format(value=_show(value)),
                )
        if not isinstance(record.get("val_metrics", {}), dict):
            raise _bad(
                f"{where}.val_metrics",
                translate(
                    "Training",
                    "not an object of metrics",
                ),
            )


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
                raise _bad(
                    where,
                    translate(
                        "Training",
                        "refers to tensor {name}, which the checkpoint lacks",
                    ).format(name=_show(name)),
                )
            stack.extend(item.values())


def _tensors(header: SafetensorsHeader, n_train: int) -> None:
    for name in ("rng/torch_cpu", "rng/generator"):
        entry = header.tensors.get(name)
        if entry is None or entry.dtype != "U8" or len(entry.shape) != 1:
            raise CheckpointError(
                translate(
                    "Training",
                    "{tensors}: the random state {name} is missing or damaged",
                ).format(tensors=TENSORS, name=name)
            )
    perm = header.tensors.get("data/perm")
    if perm is not None and (perm.dtype != "I64" or perm.shape != (n_train,)):
        raise CheckpointError(
            translate(
                "Training",
                "{tensors}: data/perm is {dtype} {shape}; the order of {n_train} "
                "training samples is I64 [{n_train}]",
            ).format(tensors=TENSORS, dtype=perm.dtype, shape=list(perm.shape), n_train=n_train)
        )

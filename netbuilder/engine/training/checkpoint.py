"""Weights and resumable training state as safetensors bytes plus a JSON-ready dict.

Never pickle, never ``torch.load``: tensors go into one safetensors blob under flat names, and
everything else (optimizer hyper-parameters, scheduler counters, position in the data order,
history) into a plain dict whose tensor values are replaced by ``{"__tensor__": name}``.
"""

from __future__ import annotations

import math
from typing import Any

import safetensors.torch
import torch
from safetensors.torch import load as load_safetensors  # tensors only: nothing is executed
from torch import nn

from netbuilder.engine.network.compile import layer_of_parameter
from netbuilder.engine.training.checkpoint_check import (
    FORMAT,
    VERSION,
    CheckpointError,
    check_checkpoint,
    check_weights,
)
from netbuilder.engine.training.history import compact_epochs
from netbuilder.engine.training.state import TrainParts, TrainState
from netbuilder.engine.training.telemetry import EpochResult
from netbuilder.model.i18n import translate

__all__ = [
    "FORMAT",
    "VERSION",
    "CheckpointError",
    "load_checkpoint",
    "load_weights",
    "save_checkpoint",
    "weights_to_bytes",
]


# --- weights ---------------------------------------------------------------------------------


def weights_to_bytes(module: nn.Module, metadata: dict[str, str] | None = None) -> bytes:
    """The module's parameters and buffers as safetensors bytes (for weights.safetensors)."""
    return safetensors.torch.save(_cpu_copy(module.state_dict()), metadata=metadata)


def load_weights(module: nn.Module, data: bytes) -> None:
    """Load safetensors ``data`` into ``module``; every name and shape must match."""
    check_weights(data)  # the header first: nothing is allocated for a damaged one
    try:
        tensors = load_safetensors(data)
    except Exception as exc:  # noqa: BLE001 - the library raises several types
        raise CheckpointError(
            translate(
                "Training",
                "weights.safetensors cannot be read: {exc}",
            ).format(exc=exc)
        ) from None
    _load_state(module, tensors, "weights.safetensors")


def _load_state(module: nn.Module, tensors: dict[str, torch.Tensor], where: str) -> None:
    own = module.state_dict()
    missing = sorted(set(own) - set(tensors))
    extra = sorted(set(tensors) - set(own))
    if missing or extra:
        parts = []
        if missing:
            parts.append(f"missing {', '.join(missing[:5])}")
        if extra:
            parts.append(f"unexpected {', '.join(extra[:5])}")
        raise CheckpointError(
            translate(
                "Training",
                "{where} does not fit this network ({parts}); the graph changed since it was saved",
            ).format(where=where, parts="; ".join(parts))
        )
    for name in own:  # the module's order, so the first mismatch named is the first layer's
        t = tensors[name]
        if tuple(t.shape) != tuple(own[name].shape):
            node = layer_of_parameter(name, module)  # inside a block use: its layer path
            raise CheckpointError(
                translate(
                    "Training",
                    "{where}: {name} has shape {shape} but node {node} needs {shape2}; the "
                    "graph changed since it was saved",
                ).format(
                    where=where,
                    name=name,
                    shape=list(t.shape),
                    node=repr(node),
                    shape2=list(own[name].shape),
                )
            )
    module.load_state_dict(tensors)


def _cpu_copy(state: dict[str, torch.Tensor]) -> dict[str, torch.Tensor]:
    return {k: v.detach().to("cpu", copy=True).contiguous() for k, v in state.items()}


# --- trainer state ---------------------------------------------------------------------------


def save_checkpoint(parts: TrainParts, state: TrainState) -> tuple[bytes, dict[str, Any]]:
    """Model, optimizer, scheduler, RNG states and ``state`` at a step boundary."""
    tensors: dict[str, torch.Tensor] = {}
    for name, t in parts.module.state_dict().items():
        tensors[f"model/{name}"] = t
    tensors["rng/torch_cpu"] = torch.get_rng_state()
    tensors["rng/generator"] = parts.generator.get_state()
    if torch.cuda.is_available():
        for i, rng in enumerate(torch.cuda.get_rng_state_all()):
            tensors[f"rng/cuda/{i}"] = rng
    if state.perm is not None:
        tensors["data/perm"] = state.perm
    if state.best_state is not None:
        for i, t in enumerate(state.best_state):
            tensors[f"best/{i}"] = t
    sched = parts.scheduler
    meta = {
        "format": FORMAT,
        "version": VERSION,
        "epoch": state.epoch,
        "batch": state.batch,
        "step": state.step,
        "n_train": parts.n_train,
        "batch_size": parts.batch_size,
        "epochs": parts.settings.epochs,
        "settings": parts.settings.to_dict(),
        "history": compact_epochs([h.to_dict() for h in state.history]),
        "epoch_loss_sum": state.epoch_loss_sum,
        "epoch_loss_count": state.epoch_loss_count,
        "best_val": _encode(state.best_val, "", tensors),
        "bad_epochs": state.bad_epochs,
        "has_best": state.best_state is not None,
        "optimizer": _encode(parts.optimizer.state_dict(), "optim", tensors),
        "scheduler": _encode(sched.state_dict(), "sched", tensors) if sched else None,
    }
    return safetensors.torch.save(_cpu_copy(tensors)), meta


def load_checkpoint(parts: TrainParts, data: bytes, meta: dict[str, Any]) -> TrainState:
    """Restore ``parts`` in place to where ``save_checkpoint`` left them; returns the state."""
    check_checkpoint(data, meta, epochs=parts.settings.epochs)  # all of it, before torch
    for key, have in (("n_train", parts.n_train), ("batch_size", parts.batch_size)):
        if meta.get(key) != have:
            raise CheckpointError(
                translate(
                    "Training",
                    "the checkpoint was made with {key} {get}, this run has {have}; the "
                    "data or training settings changed, so it cannot be resumed exactly",
                ).format(key=key, get=meta.get(key), have=have)
            )
    _check_same_settings(meta.get("settings"), parts.settings)
    try:
        tensors = load_safetensors(data)
    except Exception as exc:  # noqa: BLE001 - the library raises several types
        raise CheckpointError(
            translate(
                "Training",
                "the checkpoint cannot be read: {exc}",
            ).format(exc=exc)
        ) from None
    try:
        return _restore(parts, tensors, meta)
    except (KeyError, TypeError, ValueError, IndexError, RuntimeError) as exc:
        raise CheckpointError(
            translate(
                "Training",
                "the checkpoint is damaged ({name}: {exc}); train from the start",
            ).format(name=type(exc).__name__, exc=exc)
        ) from None


# Settings a resumed run must share with the checkpoint to continue it exactly: they shape the
# optimizer's and scheduler's state. (device may differ; more epochs are fine unless the
# schedule spans all steps.)
_RESUME_FIELDS = (
    "loss", "optimizer", "lr", "momentum", "nesterov", "weight_decay", "schedule", "step_size",
    "gamma", "batch_size", "seed", "grad_clip", "early_stopping",
)  # fmt: skip


def _check_same_settings(saved: Any, now: Any) -> None:
    if not isinstance(saved, dict):
        raise CheckpointError(
            translate(
                "Training",
                "the checkpoint does not record its training settings",
            )
        )
    fields: tuple[str, ...] = _RESUME_FIELDS
    if now.schedule in ("cosine", "onecycle"):
        fields += ("epochs",)
    for name in fields:
        if name in saved and saved[name] != getattr(now, name):
            raise CheckpointError(
                translate(
                    "Training",
                    "the checkpoint was made with training.{name} = {saved}, the project "
                    "now has {getattr}; set it back to resume, or train from the start",
                ).format(name=name, saved=repr(saved[name]), getattr=repr(getattr(now, name)))
            )


def _restore(
    parts: TrainParts, tensors: dict[str, torch.Tensor], meta: dict[str, Any]
) -> TrainState:
    model = {k[len("model/") :]: v for k, v in tensors.items() if k.startswith("model/")}
    _load_state(parts.module, model, "the checkpoint")
    parts.optimizer.load_state_dict(_decode(meta["optimizer"], tensors))
    if parts.scheduler is not None and meta.get("scheduler") is not None:
        parts.scheduler.load_state_dict(_decode(meta["scheduler"], tensors))
    torch.set_rng_state(tensors["rng/torch_cpu"])
    parts.generator.set_state(tensors["rng/generator"])
    cuda = [tensors[f"rng/cuda/{i}"] for i in range(64) if f"rng/cuda/{i}" in tensors]
    if cuda and torch.cuda.is_available() and len(cuda) == torch.cuda.device_count():
        torch.cuda.set_rng_state_all(cuda)
    perm = tensors.get("data/perm")
    best_state = None
    if meta.get("has_best"):
        n = len(parts.module.state_dict())
        best_state = [tensors[f"best/{i}"].to(parts.device) for i in range(n)]
    return TrainState(
        epoch=int(meta["epoch"]),
        batch=int(meta["batch"]),
        step=int(meta["step"]),
        perm=perm.to(parts.device) if perm is not None else None,
        history=[EpochResult.from_dict(h) for h in meta.get("history", [])],
        epoch_loss_sum=float(meta.get("epoch_loss_sum", 0.0)),
        epoch_loss_count=int(meta.get("epoch_loss_count", 0)),
        best_val=float(_decode(meta.get("best_val", math.inf), tensors)),
        bad_epochs=int(meta.get("bad_epochs", 0)),
        best_state=best_state,
    )


def _encode(obj: Any, prefix: str, tensors: dict[str, torch.Tensor]) -> Any:
    """A JSON-ready copy of ``obj``; tensors are moved into ``tensors`` under ``prefix`` names."""
    if isinstance(obj, torch.Tensor):
        name = f"{prefix}/{len(tensors)}"
        tensors[name] = obj
        return {"__tensor__": name}
    if isinstance(obj, float) and not math.isfinite(obj):
        return {"__float__": repr(obj)}
    if isinstance(obj, tuple):
        return {"__tuple__": [_encode(v, prefix, tensors) for v in obj]}
    if isinstance(obj, list):
        return [_encode(v, prefix, tensors) for v in obj]
    if isinstance(obj, dict):
        if all(isinstance(k, str) for k in obj):
            return {k: _encode(v, prefix, tensors) for k, v in obj.items()}
        return {"__items__": [[k, _encode(v, prefix, tensors)] for k, v in obj.items()]}
    if obj is None or isinstance(obj, (bool, int, float, str)):
        return obj
    raise CheckpointError(
        translate(
            "Training",
            "cannot store a {name} in a checkpoint",
        ).format(name=type(obj).__name__)
    )


def _decode(obj: Any, tensors: dict[str, torch.Tensor]) -> Any:
    if isinstance(obj, list):
        return [_decode(v, tensors) for v in obj]
    if isinstance(obj, dict):
        if "__tensor__" in obj:
            return tensors[obj["__tensor__"]]
        if "__float__" in obj:
            return float(obj["__float__"])
        if "__tuple__" in obj:
            return tuple(_decode(v, tensors) for v in obj["__tuple__"])
        if "__items__" in obj:
            return {k: _decode(v, tensors) for k, v in obj["__items__"]}
        return {k: _decode(v, tensors) for k, v in obj.items()}
    return obj

"""Weights and resumable training state as safetensors bytes plus a JSON-ready dict.

Never pickle, never ``torch.load``: tensors go into one safetensors blob under flat names, and
everything else (optimizer hyper-parameters, scheduler counters, position in the data order,
history) into a plain dict whose tensor values are replaced by ``{"__tensor__": name}``.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any

import safetensors.torch
import torch
from safetensors.torch import load as load_safetensors  # tensors only: nothing is executed
from torch import nn

from netbuilder.engine.training.telemetry import EpochResult
from netbuilder.model.errors import NetbuilderError

if TYPE_CHECKING:
    from netbuilder.engine.training.trainer import Trainer

FORMAT = "netbuilder-checkpoint"
VERSION = 1


class CheckpointError(NetbuilderError):
    """Weights or a checkpoint that do not fit this network or this training setup."""


# --- weights ---------------------------------------------------------------------------------


def weights_to_bytes(module: nn.Module, metadata: dict[str, str] | None = None) -> bytes:
    """The module's parameters and buffers as safetensors bytes (for weights.safetensors)."""
    return safetensors.torch.save(_cpu_copy(module.state_dict()), metadata=metadata)


def load_weights(module: nn.Module, data: bytes) -> None:
    """Load safetensors ``data`` into ``module``; every name and shape must match."""
    try:
        tensors = load_safetensors(data)
    except Exception as exc:  # noqa: BLE001 - the library raises several types
        raise CheckpointError(f"weights.safetensors cannot be read: {exc}") from None
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
            f"{where} does not fit this network ({'; '.join(parts)}); "
            "the graph changed since it was saved"
        )
    for name in own:  # the module's order, so the first mismatch named is the first layer's
        t = tensors[name]
        if tuple(t.shape) != tuple(own[name].shape):
            node = name.split(".", 1)[0]
            raise CheckpointError(
                f"{where}: {name} has shape {list(t.shape)} but node {node!r} needs "
                f"{list(own[name].shape)}; the graph changed since it was saved"
            )
    module.load_state_dict(tensors)


def _cpu_copy(state: dict[str, torch.Tensor]) -> dict[str, torch.Tensor]:
    return {k: v.detach().to("cpu", copy=True).contiguous() for k, v in state.items()}


# --- trainer state ---------------------------------------------------------------------------


def save_trainer(trainer: Trainer) -> tuple[bytes, dict[str, Any]]:
    """Model, optimizer, scheduler, RNG states and position of ``trainer`` at a step boundary."""
    if not trainer.can_resume:
        raise CheckpointError("this run ended on a non-finite value and cannot be resumed")
    tensors: dict[str, torch.Tensor] = {}
    for name, t in trainer.module.state_dict().items():
        tensors[f"model/{name}"] = t
    tensors["rng/torch_cpu"] = torch.get_rng_state()
    tensors["rng/generator"] = trainer.generator.get_state()
    if torch.cuda.is_available():
        for i, state in enumerate(torch.cuda.get_rng_state_all()):
            tensors[f"rng/cuda/{i}"] = state
    if trainer.perm is not None:
        tensors["data/perm"] = trainer.perm
    if trainer.best_state is not None:
        for i, t in enumerate(trainer.best_state):
            tensors[f"best/{i}"] = t
    sched = trainer.scheduler
    meta = {
        "format": FORMAT,
        "version": VERSION,
        "epoch": trainer.epoch,
        "batch": trainer.batch,
        "step": trainer.step,
        "n_train": trainer.n_train,
        "batch_size": trainer.batch_size,
        "epochs": trainer.settings.epochs,
        "settings": trainer.settings.to_dict(),
        "history": [h.to_dict() for h in trainer.history],
        "epoch_loss_sum": trainer.epoch_loss_sum,
        "epoch_loss_count": trainer.epoch_loss_count,
        "best_val": _encode(trainer.best_val, "", tensors),
        "bad_epochs": trainer.bad_epochs,
        "has_best": trainer.best_state is not None,
        "optimizer": _encode(trainer.optimizer.state_dict(), "optim", tensors),
        "scheduler": _encode(sched.state_dict(), "sched", tensors) if sched else None,
    }
    return safetensors.torch.save(_cpu_copy(tensors)), meta


def load_trainer(trainer: Trainer, data: bytes, meta: dict[str, Any]) -> None:
    """Put ``trainer`` back exactly where ``save_trainer`` left it."""
    if not isinstance(meta, dict) or meta.get("format") != FORMAT:
        raise CheckpointError("the checkpoint is not a netbuilder training checkpoint")
    if meta.get("version") != VERSION:
        raise CheckpointError(f"checkpoint version {meta.get('version')!r} is not supported")
    for key, have in (("n_train", trainer.n_train), ("batch_size", trainer.batch_size)):
        if meta.get(key) != have:
            raise CheckpointError(
                f"the checkpoint was made with {key} {meta.get(key)}, this run has {have}; "
                "the data or training settings changed, so it cannot be resumed exactly"
            )
    _check_same_settings(meta.get("settings"), trainer.settings)
    try:
        tensors = load_safetensors(data)
    except Exception as exc:  # noqa: BLE001
        raise CheckpointError(f"the checkpoint cannot be read: {exc}") from None
    try:
        _restore(trainer, tensors, meta)
    except (KeyError, TypeError, ValueError, IndexError, RuntimeError) as exc:
        raise CheckpointError(
            f"the checkpoint is damaged ({type(exc).__name__}: {exc}); train from the start"
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
        raise CheckpointError("the checkpoint does not record its training settings")
    fields = _RESUME_FIELDS
    if now.schedule in ("cosine", "onecycle"):
        fields += ("epochs",)
    for name in fields:
        if name in saved and saved[name] != getattr(now, name):
            raise CheckpointError(
                f"the checkpoint was made with training.{name} = {saved[name]!r}, the project "
                f"now has {getattr(now, name)!r}; set it back to resume, or train from the start"
            )


def _restore(trainer: Trainer, tensors: dict[str, torch.Tensor], meta: dict[str, Any]) -> None:
    model = {k[len("model/") :]: v for k, v in tensors.items() if k.startswith("model/")}
    _load_state(trainer.module, model, "the checkpoint")
    trainer.optimizer.load_state_dict(_decode(meta["optimizer"], tensors))
    if trainer.scheduler is not None and meta.get("scheduler") is not None:
        trainer.scheduler.load_state_dict(_decode(meta["scheduler"], tensors))
    torch.set_rng_state(tensors["rng/torch_cpu"])
    trainer.generator.set_state(tensors["rng/generator"])
    cuda = [tensors[f"rng/cuda/{i}"] for i in range(64) if f"rng/cuda/{i}" in tensors]
    if cuda and torch.cuda.is_available() and len(cuda) == torch.cuda.device_count():
        torch.cuda.set_rng_state_all(cuda)
    perm = tensors.get("data/perm")
    trainer.perm = perm.to(trainer.device) if perm is not None else None
    trainer.epoch = int(meta["epoch"])
    trainer.batch = int(meta["batch"])
    trainer.step = int(meta["step"])
    trainer.history = [EpochResult.from_dict(h) for h in meta.get("history", [])]
    trainer.epoch_loss_sum = float(meta.get("epoch_loss_sum", 0.0))
    trainer.epoch_loss_count = int(meta.get("epoch_loss_count", 0))
    trainer.best_val = float(_decode(meta.get("best_val", math.inf), tensors))
    trainer.bad_epochs = int(meta.get("bad_epochs", 0))
    if meta.get("has_best"):
        n = len(trainer.module.state_dict())
        trainer.best_state = [tensors[f"best/{i}"].to(trainer.device) for i in range(n)]
    trainer.telemetry.first_step = trainer.step + 1


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
    raise CheckpointError(f"cannot store a {type(obj).__name__} in a checkpoint")


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

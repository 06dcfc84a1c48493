"""Factories that turn ``TrainingSettings`` into torch objects: device, loss, optimizer, schedule.

Kept apart from the trainer so the GUI, the CLI and exported scripts agree on what each setting
means, and so each choice can be tested on its own.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import torch
from torch import nn

from netbuilder.model.errors import SettingsError
from netbuilder.model.i18n import translate
from netbuilder.model.project import LOSS_SPECS, TrainingSettings

LOSS_TASK = {loss: spec.task for loss, spec in LOSS_SPECS.items()}

# Schedules whose scheduler advances once per optimizer step (the rest once per epoch).
PER_STEP_SCHEDULES = ("cosine", "onecycle")


def resolve_device(name: str = "auto") -> torch.device:
    """``auto`` picks CUDA, then MPS, then CPU; an explicit device that is missing is an error."""
    if name == "auto":
        if torch.cuda.is_available():
            return torch.device("cuda")
        if _mps_available():
            return torch.device("mps")
        return torch.device("cpu")
    if name == "cuda" and not torch.cuda.is_available():
        raise SettingsError(
            translate(
                "Training",
                "training.device is cuda but no CUDA GPU is available",
            ),
            field="device",
        )
    if name == "mps" and not _mps_available():
        raise SettingsError(
            translate(
                "Training",
                "training.device is mps but MPS is not available",
            ),
            field="device",
        )
    if name not in ("cpu", "cuda", "mps"):
        raise SettingsError(
            translate(
                "Training",
                "training.device {name} is not auto, cpu, cuda or mps",
            ).format(name=repr(name)),
            field="device",
        )
    return torch.device(name)


@dataclass(frozen=True)
class DeviceInfo:
    """What ``resolve_device("auto")`` trains on, in words for Help > About and the status bar."""

    kind: str  # "cuda", "mps" or "cpu"
    name: str  # the GPU's name; "Apple GPU" for MPS; "CPU" for the CPU
    memory_bytes: int | None  # the CUDA device's total memory
    threads: int  # intra-op threads a big CPU run uses (``choose_threads``)
    torch_version: str

    @property
    def text(self) -> str:
        if self.kind == "cuda":
            memory = f" ({self.memory_bytes / 2**30:.1f} GiB)" if self.memory_bytes else ""
            return f"CUDA: {self.name}{memory}"
        if self.kind == "mps":
            return f"MPS: {self.name}"
        text = (
            translate("Training", "CPU: {threads} thread")
            if self.threads == 1
            else translate("Training", "CPU: {threads} threads")
        )
        return text.format(threads=self.threads)


def describe_device() -> DeviceInfo:
    """The device an ``auto`` run picks (``resolve_device``), with its name and memory."""
    device = resolve_device("auto")
    name, memory = "CPU", None
    if device.type == "cuda":
        index = device.index if device.index is not None else torch.cuda.current_device()
        props = torch.cuda.get_device_properties(index)
        name, memory = str(props.name), int(props.total_memory)
    elif device.type == "mps":
        name = "Apple GPU"
    return DeviceInfo(device.type, name, memory, _DEFAULT_THREADS, str(torch.__version__))


def _mps_available() -> bool:
    mps = getattr(torch.backends, "mps", None)
    return bool(mps is not None and mps.is_available())


def loss_task(loss: str) -> str:
    """The kind of target a loss trains for: classification, binary or regression."""
    try:
        return LOSS_TASK[loss]
    except KeyError:
        raise SettingsError(
            translate(
                "Training",
                "training.loss {loss} is not known",
            ).format(loss=repr(loss)),
            field="loss",
        ) from None


def make_loss(name: str) -> nn.Module:
    """The loss module; every loss averages over the batch."""
    if name == "cross_entropy":
        return nn.CrossEntropyLoss()
    if name == "bce_with_logits":
        return nn.BCEWithLogitsLoss()
    if name == "mse":
        return nn.MSELoss()
    if name == "l1":
        return nn.L1Loss()
    if name == "huber":
        return nn.HuberLoss()
    raise SettingsError(
        translate(
            "Training",
            "training.loss {name} is not known",
        ).format(name=repr(name)),
        field="loss",
    )


def make_optimizer(
    settings: TrainingSettings, params: Iterable[nn.Parameter] | Iterable[dict[str, Any]]
) -> torch.optim.Optimizer:
    """The optimizer with the settings' lr, momentum, Nesterov and weight decay."""
    name = settings.optimizer
    lr, wd = float(settings.lr), float(settings.weight_decay)
    groups: list[Any] = list(params)
    # torch's default update loops over tensors in Python (~40% of a small MLP's step on the
    # CPU). The fused kernels (CPU and CUDA) do the same arithmetic in one pass: +30% steps/s
    # on the digits MLP; RMSprop has none, and its multi-tensor form is the next best.
    device = _params_device(groups)
    fused: dict[str, Any] = {"fused": True} if device in ("cpu", "cuda") else {"foreach": True}
    common: dict[str, Any] = {"lr": lr, "weight_decay": wd}
    if name == "sgd":
        return torch.optim.SGD(
            groups, momentum=settings.momentum, nesterov=settings.nesterov, **common, **fused
        )
    if name == "adam":
        return torch.optim.Adam(groups, **common, **fused)
    if name == "adamw":
        return torch.optim.AdamW(groups, **common, **fused)
    if name == "rmsprop":
        return torch.optim.RMSprop(groups, momentum=settings.momentum, foreach=True, **common)
    raise SettingsError(
        translate(
            "Training",
            "training.optimizer {name} is not known",
        ).format(name=repr(name)),
        field="optimizer",
    )


def _params_device(params: list[Any]) -> str:
    for p in params:
        tensors: list[torch.Tensor] = p["params"] if isinstance(p, dict) else [p]
        for t in tensors:
            return t.device.type
    return "cpu"


def make_scheduler(
    settings: TrainingSettings, optimizer: torch.optim.Optimizer, steps_per_epoch: int
) -> torch.optim.lr_scheduler.LRScheduler | None:
    """The lr schedule, or None. Cosine and one-cycle run over all steps of all epochs."""
    name = settings.schedule
    total = max(1, settings.epochs * steps_per_epoch)
    sched = torch.optim.lr_scheduler
    if name == "none":
        return None
    if name == "step":
        return sched.StepLR(optimizer, step_size=settings.step_size, gamma=settings.gamma)
    if name == "cosine":
        return sched.CosineAnnealingLR(optimizer, T_max=total)
    if name == "onecycle":
        return sched.OneCycleLR(
            optimizer,
            max_lr=float(settings.lr),
            total_steps=total,
            # Cycling momentum would switch on momentum the user set to 0 for SGD / RMSprop.
            cycle_momentum=settings.optimizer in ("adam", "adamw") or settings.momentum > 0,
        )
    if name == "plateau":
        return sched.ReduceLROnPlateau(optimizer, mode="min", factor=settings.gamma, patience=2)
    raise SettingsError(
        translate(
            "Training",
            "training.schedule {name} is not known",
        ).format(name=repr(name)),
        field="schedule",
    )


def probe(module: nn.Module, sample_inputs: tuple[torch.Tensor, ...]) -> tuple[int, torch.Tensor]:
    """(multiply-accumulates, output) of one eval-mode forward pass on one sample.

    Eval mode draws no random numbers, so probing leaves the seeded RNG stream untouched.
    """
    total = 0

    def hook(mod: nn.Module, _inputs: tuple[Any, ...], output: Any) -> None:
        nonlocal total
        weight = getattr(mod, "weight", None)
        if not isinstance(weight, torch.Tensor) or not isinstance(output, torch.Tensor):
            return
        if isinstance(mod, nn.modules.conv._ConvNd):
            total += weight.numel() * (output.numel() // max(1, output.shape[1]))
        elif isinstance(mod, (nn.Linear, nn.Bilinear)):
            total += weight.numel() * (output.numel() // max(1, output.shape[-1]))
        else:
            total += output.numel()

    handles = [m.register_forward_hook(hook) for m in module.modules()]
    was_training = module.training
    try:
        module.eval()
        with torch.no_grad():
            output = module(*sample_inputs)
    finally:
        for h in handles:
            h.remove()
        module.train(was_training)
    return total, output


# Measured on a 2-core CPU (tests/benchmarks/bench_trainer.py): the digits MLP
# (~17k MACs/sample, batch 64) is fastest on 1 thread, a 1024-wide MLP (~1.2M MACs/sample) and
# the digits CNN (~100k MACs/sample, batch 64) gain from 2. Work per step decides.
_DEFAULT_THREADS = max(1, torch.get_num_threads())  # read on import, normally the main thread
THREADS_WORK_THRESHOLD = 4_000_000  # MACs per batch above which more threads pay off


def choose_threads(macs_per_sample: int, batch_size: int, device: torch.device) -> int:
    """Intra-op threads for the training thread: 1 for small models, the cores for big ones."""
    if device.type != "cpu":
        return 1
    cores = _DEFAULT_THREADS
    if macs_per_sample * batch_size < THREADS_WORK_THRESHOLD:
        return 1
    return cores

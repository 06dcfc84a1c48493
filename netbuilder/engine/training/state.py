"""Where a training run stands, as one value: what a checkpoint stores besides the torch objects.

``TrainState`` is the run's position and history; ``TrainParts`` are the objects a checkpoint
restores in place (they are built from the project, not stored). The checkpoint module reads
and writes these two and knows nothing of the ``Trainer`` that owns them.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

import torch
from torch import nn

from netbuilder.engine.training.history import CONFUSION
from netbuilder.engine.training.telemetry import EpochResult
from netbuilder.model.project import TrainingSettings


@dataclass
class TrainState:
    """A run's position at a step boundary, its history and its early-stopping record."""

    epoch: int = 0  # epochs completed
    batch: int = 0  # next batch of the current epoch
    step: int = 0  # optimizer steps done
    perm: torch.Tensor | None = None  # this epoch's sample order (None: not drawn yet)
    history: list[EpochResult] = field(default_factory=list)
    epoch_loss_sum: float = 0.0  # this epoch's finished steps, for its mean train loss
    epoch_loss_count: int = 0
    best_val: float = math.inf
    bad_epochs: int = 0  # epochs since the validation loss last improved
    best_state: list[torch.Tensor] | None = None  # the module's state at ``best_val``
    # Epochs still holding a confusion matrix: the last and the best (see ``record``).
    _with_confusion: list[int] | None = field(default=None, repr=False, compare=False)

    def record(self, result: EpochResult) -> None:
        """Append a finished epoch; earlier epochs' confusion matrices are dropped, except the
        best epoch's (lowest validation loss: what early stopping restores), so memory and the
        saved history do not grow by k*k numbers an epoch. O(1) an epoch."""
        if self._with_confusion is None:  # restored from a checkpoint: find them once
            self._with_confusion = [
                i for i, h in enumerate(self.history) if CONFUSION in (h.val_metrics or {})
            ]
        self.history.append(result)
        held = [*self._with_confusion, len(self.history) - 1]
        best = min(held, key=lambda i: (_loss(self.history[i].val_loss), i))
        keep = {best, len(self.history) - 1}
        for i in held:
            if i not in keep:
                h = self.history[i]
                h.val_metrics = {k: v for k, v in h.val_metrics.items() if k != CONFUSION}
        self._with_confusion = sorted(i for i in keep if CONFUSION in self.history[i].val_metrics)


@dataclass(frozen=True)
class TrainParts:
    """The torch objects of a run that a checkpoint saves and restores in place."""

    module: nn.Module
    optimizer: torch.optim.Optimizer
    scheduler: Any  # a torch LR scheduler, or None
    generator: torch.Generator
    settings: TrainingSettings
    n_train: int
    batch_size: int
    device: torch.device


def _loss(value: float | None) -> float:
    return value if value is not None and math.isfinite(value) else math.inf

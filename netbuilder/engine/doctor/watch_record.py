"""What the watch reads from a run: the trainer's progress reports gathered into one record.

``RunRecorder`` is a progress callback (chain it with the caller's): it keeps the per-step
training losses and per-layer gradient norms (each at its own step numbers: the gradient norms
may be measured only every k-th step) and the sampled per-layer statistics of
``engine.training.inside``, all bounded (when more than ``2 * cap`` rows are held, every other
one is dropped, so the record always spans the whole run). ``finish`` adds the epoch history
and how the run ended. ``RunRecord.from_history`` rebuilds the epoch part from a saved run.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from netbuilder.engine.training.inside import InsideHistory, InsideSamples
from netbuilder.engine.training.telemetry import Progress

#: Rows of per-step values kept (between cap and 2 * cap): the rules look at windows of a
#: tenth of a run, so a few thousand rows are as good as every step.
RECORD_CAP = 4096


@dataclass
class RunRecord:
    """A run as the watch sees it. ``epochs``: per-epoch dicts (``epoch``, ``train_loss``,
    ``val_loss``, ``step``: ``EpochResult.to_dict`` or a saved history's); ``loss_steps`` /
    ``losses``: the training loss of each kept step; ``grad_steps`` / ``grad_norms[i, j]``: the
    gradient norm of ``nodes[j]`` at ``grad_steps[i]``; ``inside``: the sampled statistics;
    ``non_finite_step``: the step at which the loss or a gradient went non-finite (None: never);
    ``early_stopped``: early stopping ended the run."""

    epochs: list[dict[str, Any]] = field(default_factory=list)
    nodes: tuple[str, ...] = ()
    loss_steps: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))
    losses: np.ndarray = field(default_factory=lambda: np.zeros(0))
    grad_steps: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))
    grad_norms: np.ndarray = field(default_factory=lambda: np.zeros((0, 0)))
    inside: InsideSamples | None = None
    non_finite_step: int | None = None
    non_finite_node: str | None = None
    early_stopped: bool = False
    settings: dict[str, Any] = field(default_factory=dict)

    def train_losses(self) -> list[float]:
        return [_num(e.get("train_loss")) for e in self.epochs]

    def val_losses(self) -> list[float]:
        return [_num(e.get("val_loss")) for e in self.epochs]

    @classmethod
    def from_history(cls, history: Any) -> RunRecord | None:
        """The newest run of a saved history (``{"runs": [...]}``), epochs only; None when
        there is none."""
        runs = history.get("runs") if isinstance(history, dict) else None
        if not isinstance(runs, list) or not runs or not isinstance(runs[-1], dict):
            return None
        run = runs[-1]
        epochs = [e for e in run.get("epochs") or [] if isinstance(e, dict)]
        summary, settings = run.get("summary"), run.get("settings")
        summary = summary if isinstance(summary, dict) else {}
        settings = settings if isinstance(settings, dict) else {}
        return cls(
            epochs=epochs,
            early_stopped=summary.get("status") == "early_stopped",
            settings=settings,
        )


def _num(value: Any) -> float:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return float(value)
    return math.nan


class _Rows:
    """Rows (step, values) kept bounded by dropping every other row when over ``2 * cap``."""

    def __init__(self, cap: int) -> None:
        self.cap = cap
        self.stride = 1
        self._skip = 0
        self.steps: list[np.ndarray] = []
        self.values: list[np.ndarray] = []
        self._count = 0

    def add(self, steps: np.ndarray, values: np.ndarray) -> None:
        take = np.arange(self._skip, len(steps), self.stride)
        self._skip = (self._skip - len(steps)) % self.stride
        if take.size:
            self.steps.append(np.asarray(steps)[take])
            self.values.append(np.asarray(values, dtype=np.float64)[take])
            self._count += int(take.size)
        if self._count > 2 * self.cap:
            steps_all, values_all = self.joined()
            self.steps, self.values = [steps_all[::2]], [values_all[::2]]
            self._count = len(self.steps[0])
            if len(steps_all) % 2:  # the next row at the old stride is dropped: one more
                self._skip += self.stride
            self.stride *= 2

    def joined(self) -> tuple[np.ndarray, np.ndarray]:
        if not self.steps:
            return np.zeros(0, dtype=np.int64), np.zeros(0)
        return np.concatenate(self.steps), np.concatenate(self.values)


class RunRecorder:
    """A progress callback that gathers what the watch reads (see the module's docstring)."""

    def __init__(self, cap: int = RECORD_CAP) -> None:
        self._losses = _Rows(cap)
        self._grads = _Rows(cap)
        self._inside = InsideHistory(cap=512)
        self._epochs: list[dict[str, Any]] = []
        self.nodes: tuple[str, ...] = ()

    def __call__(self, p: Progress) -> None:
        self.nodes = p.nodes
        if len(p.steps):
            self._losses.add(p.steps, p.train_loss)
        norms = np.asarray(p.grad_norms)
        # Gradient norms at their own steps when they are measured every k-th step (then
        # ``grad_steps`` says which); else one row per step of the report.
        grad_steps = getattr(p, "grad_steps", None)
        if grad_steps is None and len(norms) == len(p.steps):
            grad_steps = p.steps
        if grad_steps is not None and norms.ndim == 2 and norms.shape[1] and len(norms):
            self._grads.add(np.asarray(grad_steps), norms)
        if p.inside is not None:
            self._inside.add(p.inside)
        if p.epoch_result is not None:
            self._epochs.append(p.epoch_result.to_dict())

    def finish(self, result: Any = None, settings: dict[str, Any] | None = None) -> RunRecord:
        """The record; ``result`` (a ``TrainResult``) gives the full epoch history and how the
        run ended; ``settings`` (``TrainingSettings.to_dict()``) what it ran with."""
        loss_steps, losses = self._losses.joined()
        grad_steps, grad_norms = self._grads.joined()
        if grad_norms.ndim != 2:
            grad_norms = np.zeros((0, len(self.nodes)))
        epochs = self._epochs
        non_finite = getattr(result, "non_finite", None)
        if result is not None:
            epochs = [h.to_dict() for h in result.history]
        return RunRecord(
            epochs=epochs,
            nodes=self.nodes,
            loss_steps=loss_steps,
            losses=losses,
            grad_steps=grad_steps,
            grad_norms=grad_norms,
            inside=self._inside.samples,
            non_finite_step=getattr(non_finite, "step", None),
            non_finite_node=getattr(non_finite, "node", None),
            early_stopped=getattr(result, "status", "") == "early_stopped",
            settings=dict(settings or {}),
        )
